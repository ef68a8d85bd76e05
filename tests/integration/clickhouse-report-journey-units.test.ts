import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import { computeClickHouseJourneyUnits } from '../../reports/clickhouse/funnel/journey-units.ts';
import { closeReportRun, openReportRun } from '../../reports/clickhouse/run-tables.ts';
import type { ReportRange } from '../../reports/funnel/journey-events.ts';
import { defineOrderKey } from '../../reports/funnel/order-key.ts';
import { computeJourneyUnits } from '../../reports/funnel/units.ts';
import { type ClickHouseShards, connectShards } from '../../store/clickhouse/cluster.ts';
import { clickHouseEventLine } from '../../store/clickhouse/event-rows.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import {
  type ClickHouseEventsCluster,
  insertClickHouseEvents,
  startClickHouseEventsCluster,
} from '../support/clickhouse-events.ts';
import { duckDbStageRows, dumpRunTable } from '../support/clickhouse-report-run.ts';
import { journeyRuleCases } from '../support/journey-rule-cases.ts';
import { seededRandom } from '../support/random.ts';
import {
  longJourneys,
  RANDOM_UNITS_START,
  randomJourney,
  randomStoredEvents,
  randomUnits,
} from '../support/random-funnels.ts';
import { randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The journey units stage on a real 2-shard cluster (reports/clickhouse/funnel/journey-units.ts) against
 * DuckDB's computeJourneyUnits on the same events: journey_list and every journey_units row, every
 * column (level, reached times, last step's time, arrival order and session, time to convert), for
 * random crowded units and random journeys of every order, unit, window, `within` and exclusion, for
 * random shop traffic (part of it shipped twice: FINAL counts it once) with and without a report range,
 * and for the hand-made rule cases.
 */
type Row = Record<string, unknown>;
interface Stage {
  list: Row[];
  units: Row[];
}

let clickHouse: ClickHouseEventsCluster;
let shards: ClickHouseShards;

/** Empties the cluster and loads the batches into it and into a new DuckDB file (arrival order as given). */
async function loadBoth(batches: readonly StoredEvent[][]): Promise<Store> {
  await clickHouse.clear();
  const store = await Store.open(join(tempDir(), 'journey-units.duckdb'));
  for (const batch of batches) {
    await appendEvents(store, batch);
    await insertClickHouseEvents(clickHouse.client, batch);
  }
  return store;
}

/** Both engines' journey units stage: DuckDB's tables, and the cluster's run tables (and how long filling took). */
async function bothStages(store: Store, journeys: readonly JourneyConfig[], range: ReportRange = {}) {
  await defineOrderKey(store);
  await computeJourneyUnits(store, journeys, range);
  const expected: Stage = {
    list: await duckDbStageRows(store, 'journey_list'),
    units: await duckDbStageRows(store, 'journey_units'),
  };
  const run = await openReportRun(shards, ['shop']);
  try {
    const started = performance.now();
    await computeClickHouseJourneyUnits(run, journeys, range);
    const ms = performance.now() - started;
    const actual: Stage = {
      list: await dumpRunTable(run, 'journey_list'),
      units: await dumpRunTable(run, 'journey_units'),
    };
    return { expected, actual, ms };
  } finally {
    await closeReportRun(run);
  }
}

const ofJourney = (rows: Row[], index: number) => rows.filter((row) => row.journey_index === index);

/** Not vacuous: rows at every level of some journey, conversions, and visitor units' sessions. */
function expectSubstance(stage: Stage, journeys: readonly JourneyConfig[]) {
  for (const order of new Set(journeys.map((journey) => journey.order))) {
    const indexes = journeys.flatMap((journey, index) => (journey.order === order ? [index] : []));
    const rows = stage.units.filter((row) => indexes.includes(row.journey_index as number));
    expect(rows.filter((row) => row.convert_us !== null).length, order).toBeGreaterThan(0);
    expect(rows.filter((row) => row.level === 1).length, order).toBeGreaterThan(0);
  }
  const visitorRow = stage.units.find((row) => journeys[row.journey_index as number]?.unit === 'visitor');
  expect(visitorRow?.last_session).not.toBe(visitorRow?.unit);
}

describeClickHouse('the journey units stage on a ClickHouse cluster against DuckDB', () => {
  beforeAll(async () => {
    clickHouse = await startClickHouseEventsCluster();
    shards = await connectShards(clickHouse.cluster.shardUrls);
  });
  afterAll(() => clickHouse?.stop());

  describe('random crowded units and random journeys', () => {
    const random = seededRandom(20261204);
    const events = randomStoredEvents(randomUnits(random, 1200));
    // One visitor with a thousand events over an hour in two sessions: long arrays, long runs.
    const busy = randomStoredEvents(randomUnits(random, 200)).map((event, index) => ({
      ...event,
      visitorId: 'busy',
      sessionId: `busy-${event.sessionId.endsWith('a') ? 'a' : 'b'}`,
      ts: event.ts + (index % 5) * 12 * 60_000,
    }));
    events.push(...busy);
    // And the longest journeys allowed, whose programme nests deepest.
    const long = longJourneys();
    const journeys = [...Array.from({ length: 48 }, (_, index) => randomJourney(random, index)), ...long];
    const range = {
      from: new Date(RANDOM_UNITS_START + 3 * 60_000).toISOString(),
      to: new Date(RANDOM_UNITS_START + 9 * 60_000).toISOString(),
    };
    let store: Store;
    let whole: Awaited<ReturnType<typeof bothStages>>;
    let ranged: Awaited<ReturnType<typeof bothStages>>;
    beforeAll(async () => {
      store = await loadBoth([events]);
      whole = await bothStages(store, journeys);
      ranged = await bothStages(store, journeys, range);
      console.info(
        `journey units of ${journeys.length} random journeys on ${events.length} events: filled in ${Math.round(whole.ms)} ms (in a range: ${Math.round(ranged.ms)} ms)`,
      );
    }, 300_000);
    afterAll(() => store?.close());

    it('lists the journeys and counts units of every order, level and conversion', () => {
      expect(whole.actual.list).toEqual(whole.expected.list);
      expect(whole.expected.list).toHaveLength(journeys.length);
      expectSubstance(whole.expected, journeys);
      expect(whole.actual.units.length).toBe(whole.expected.units.length);
      // Some unit of each 20-step journey gets past step 2 (a strict chain of three random events is rare).
      for (const journey of long) {
        const index = journeys.indexOf(journey);
        expect(
          ofJourney(whole.expected.units, index).filter((row) => (row.level as number) >= 3).length,
        ).toBeGreaterThan(0);
      }
    });

    it.each(journeys.map((journey, index) => [journey.id, journey, index] as const))(
      '%s: every unit row',
      (_id, journey, index) => {
        const expected = ofJourney(whole.expected.units, index);
        expect(expected.length).toBeGreaterThan(0);
        expect({ journey, rows: ofJourney(whole.actual.units, index) }).toEqual({ journey, rows: expected });
      },
    );

    it.each(journeys.map((journey, index) => [journey.id, journey, index] as const))(
      '%s in a report range: every unit row',
      (_id, journey, index) => {
        const expected = ofJourney(ranged.expected.units, index);
        expect({ journey, rows: ofJourney(ranged.actual.units, index) }).toEqual({ journey, rows: expected });
      },
    );

    it('cuts the units by the range', () => {
      expect(ranged.expected.units.length).toBeGreaterThan(0);
      expect(ranged.expected.units).not.toEqual(whole.expected.units);
      expect(ranged.actual.units).toEqual(ranged.expected.units);
    });
  });

  describe('random shop traffic, part of it shipped twice to the cluster', () => {
    const config = randomReportConfig();
    // Two views of a product: one view shipped twice must not pass for two.
    const twice = (['sequential', 'any'] as const).map((order) => {
      const [journey] = parseConfig({
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [
          {
            id: `two-views-${order}`,
            name: 'Two product views',
            site: 'shop',
            order,
            steps: [
              { name: 'Product', page: '/products/*' },
              { name: 'Another', page: '/products/*' },
            ],
          },
        ],
      }).journeys;
      return journey as JourneyConfig;
    });
    const journeys = [...config.journeys, ...twice];
    const events = randomReportEvents(seededRandom(20261205), 400);
    const again = 1000;
    let store: Store;
    const onEveryShard = (sql: string) => Promise.all(shards.shards.map((shard) => shard.command(sql)));
    beforeAll(async () => {
      // No merge may collapse the copies before the stage reads them: only FINAL may.
      await onEveryShard('SYSTEM STOP MERGES');
      store = await loadBoth([events]);
      // The same rows again (same ids, same arrival order), as a collector's retry ships them.
      const lines = events.slice(0, again).map((event, index) => clickHouseEventLine(event, BigInt(index + 1)));
      await clickHouse.client.insertJsonLines('events', lines.join(''), { insert_distributed_sync: 1 });
    });
    afterAll(async () => {
      store?.close();
      await onEveryShard('SYSTEM START MERGES');
    });

    it('gives DuckDB’s rows for the whole traffic', async () => {
      const [stored] = await clickHouse.client.query<{ rows: string; ids: string }>(
        'SELECT count() AS rows, uniqExact(id) AS ids FROM events',
      );
      expect(stored).toEqual({ rows: String(events.length + again), ids: String(events.length) });
      const { expected, actual } = await bothStages(store, journeys);
      expectSubstance(expected, journeys);
      expect(actual).toEqual(expected);
    });

    it('gives DuckDB’s rows when a shard fills its units in parts (as on large data)', async () => {
      await defineOrderKey(store);
      await computeJourneyUnits(store, journeys);
      const expected = await duckDbStageRows(store, 'journey_units');
      const run = await openReportRun(shards, ['shop']);
      try {
        // A few thousand events per shard: several parts per journey.
        await computeClickHouseJourneyUnits(run, journeys, {}, { eventsPerFill: 300 });
        expect(await dumpRunTable(run, 'journey_units')).toEqual(expected);
      } finally {
        await closeReportRun(run);
      }
    });

    it('gives DuckDB’s rows in a report range', async () => {
      const range = { from: '2026-03-03T00:00:00.000Z', to: '2026-03-07T12:30:00.000Z' };
      const { expected, actual } = await bothStages(store, journeys, range);
      expectSubstance(expected, journeys);
      expect(actual).toEqual(expected);
    });
  });

  describe('the hand-made rule cases', () => {
    const cases = journeyRuleCases();
    it.each(cases.map((each) => [each.name, each] as const))('%s', async (_name, { batches, expected }) => {
      const store = await loadBoth(batches);
      try {
        const journeys = expected.map((each) => each.journey);
        const stages = await bothStages(store, journeys);
        expect(stages.actual).toEqual(stages.expected);
      } finally {
        store.close();
      }
    });
  });
});
