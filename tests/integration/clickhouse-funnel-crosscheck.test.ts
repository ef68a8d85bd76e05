import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyConfig } from '../../config/index.ts';
import { clickHouseUnitLevelsSql, PER_UNIT_ON_SHARDS } from '../../reports/clickhouse/funnel/unit-levels-sql.ts';
import { clickHouseJourneyStepCounts, clickHouseJourneyUnitLevels } from '../../reports/clickhouse/journey.ts';
import { journeyUnitLevels } from '../../reports/funnel/units.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { clickHouseClient } from '../../store/clickhouse/client.ts';
import { sqlString } from '../../store/clickhouse/literal.ts';
import { Store } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import {
  type ClickHouseEventsCluster,
  insertClickHouseEvents,
  startClickHouseEventsCluster,
} from '../support/clickhouse-events.ts';
import { seededRandom } from '../support/random.ts';
import {
  longJourneys,
  RANDOM_UNITS_START,
  randomJourney,
  randomStoredEvents,
  randomUnits,
} from '../support/random-funnels.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The ClickHouse funnel engine (reports/clickhouse/) against DuckDB's on the same random events on a
 * real 2-shard cluster: random units crowded into a few minutes (many equal timestamps, arrival order
 * shuffled) and random journeys of every order, unit, window, `within` and exclusion. Every unit's
 * level and every step count must agree.
 */
const SEED = 20261202;
const UNITS = 1500;
const JOURNEYS = 80;
const T0 = RANDOM_UNITS_START;

const random = seededRandom(SEED);
// Plus one visitor with thousands of events over an hour in two sessions: long arrays, long runs.
const events = randomStoredEvents(randomUnits(random, UNITS));
const busy = randomStoredEvents(randomUnits(random, 600)).map((event, index) => ({
  ...event,
  visitorId: 'busy',
  sessionId: `busy-${event.sessionId.endsWith('a') ? 'a' : 'b'}`,
  ts: event.ts + (index % 5) * 12 * 60_000,
}));
events.push(...busy);
const journeys = Array.from({ length: JOURNEYS }, (_, index) => randomJourney(random, index));

let store: Store;
let clickHouse: ClickHouseEventsCluster;
// Every test needs the cluster: without a server they are skipped loudly (and fail under CI=true).
describeClickHouse('ClickHouse journey funnels against DuckDB on a 2-shard cluster', () => {
  beforeAll(async () => {
    clickHouse = await startClickHouseEventsCluster();
    store = await Store.open(join(tempDir(), 'crosscheck.duckdb'));
    // One batch each: arrival order (seq) is the array order on both engines.
    await appendEvents(store, events);
    await insertClickHouseEvents(clickHouse.client, events);
  });
  afterAll(async () => {
    store?.close();
    await clickHouse?.stop();
  });

  const sorted = (levels: Map<string, number>) => [...levels].sort(([a], [b]) => a.localeCompare(b));

  describe('ClickHouse funnels agree with DuckDB on random units and journeys', () => {
    it("holds both shards' share of the events", async () => {
      const perShard = await Promise.all(
        clickHouse.cluster.shardUrls.map(async (url) => {
          const response = await fetch(url, { method: 'POST', body: 'SELECT count() FROM events_local' });
          return Number(await response.text());
        }),
      );
      expect(perShard.reduce((sum, count) => sum + count, 0)).toBe(events.length);
      expect(Math.min(...perShard)).toBeGreaterThan(events.length / 4);
    });

    it.each(journeys.map((journey) => [journey.id, journey]))('%s', async (_id, journey) => {
      const expected = await journeyUnitLevels(store, journey);
      // Not vacuous: every journey counts some units.
      expect(expected.size).toBeGreaterThan(0);
      const actual = await clickHouseJourneyUnitLevels(clickHouse.client, journey);
      expect({ journey, levels: sorted(actual) }).toEqual({ journey, levels: sorted(expected) });
      expect({ journey, counts: await clickHouseJourneyStepCounts(clickHouse.client, journey) }).toEqual({
        journey,
        counts: await journeyStepCounts(store, journey),
      });
    });

    it('levels units on the shards: shard 2 sends one level per counted unit of its own, not its events', async () => {
      const journey = journeys.find((each) => each.unit === 'session' && each.order === 'sequential') as JourneyConfig;
      const queryId = `crosscheck-${randomUUID()}`;
      await clickHouse.client.query(
        `SELECT level, count() AS units FROM (${clickHouseUnitLevelsSql(journey, {}, { withUnit: false })}) GROUP BY level`,
        { ...PER_UNIT_ON_SHARDS, log_queries: 1, query_id: queryId },
      );
      const shard2 = clickHouseClient(clickHouse.cluster.shardUrls[1] as string);
      await shard2.command('SYSTEM FLUSH LOGS');
      const [log] = await shard2.query<{ read_rows: string; result_rows: string }>(
        `SELECT read_rows, result_rows FROM system.query_log
      WHERE initial_query_id = ${sqlString(queryId)} AND is_initial_query = 0 AND type = 2`,
      );
      const sessions = await shard2.query<{ session_id: string }>('SELECT DISTINCT session_id FROM events_local');
      const levels = await journeyUnitLevels(store, journey);
      const countedHere = sessions.filter((row) => levels.has(row.session_id)).length;
      const [events2] = await shard2.query<{ n: string }>('SELECT count() AS n FROM events_local');
      expect({ read: Number(log?.read_rows), sent: Number(log?.result_rows) }).toEqual({
        read: Number(events2?.n),
        sent: countedHere,
      });
    });

    // The longest journeys allowed (20 steps) in every order, with every rule.
    const long = longJourneys();
    it.each(long.map((journey) => [journey.id, journey]))('%s (20 steps)', async (_id, journey) => {
      expect(sorted(await clickHouseJourneyUnitLevels(clickHouse.client, journey))).toEqual(
        sorted(await journeyUnitLevels(store, journey)),
      );
      const counts = await journeyStepCounts(store, journey);
      // Not vacuous: some unit gets past step 2 (a strict chain of four random events is rare).
      expect(counts[2]).toBeGreaterThan(0);
      expect(await clickHouseJourneyStepCounts(clickHouse.client, journey)).toEqual(counts);
    });

    // A report range cuts the events of both engines the same way (`from` inclusive, `to` exclusive).
    const range = { from: new Date(T0 + 3 * 60_000).toISOString(), to: new Date(T0 + 9 * 60_000).toISOString() };
    it.each(journeys.slice(0, 20).map((journey) => [journey.id, journey]))(
      '%s in a report range',
      async (_id, journey) => {
        expect({
          journey,
          levels: sorted(await clickHouseJourneyUnitLevels(clickHouse.client, journey, range)),
        }).toEqual({
          journey,
          levels: sorted(await journeyUnitLevels(store, journey, range)),
        });
        expect({ journey, counts: await clickHouseJourneyStepCounts(clickHouse.client, journey, range) }).toEqual({
          journey,
          counts: await journeyStepCounts(store, journey, range),
        });
      },
    );
  });
});
