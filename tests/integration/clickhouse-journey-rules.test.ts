import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import { clickHouseJourneyStepCounts } from '../../reports/clickhouse/journey.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import {
  type ClickHouseEventsCluster,
  insertClickHouseEvents,
  startClickHouseEventsCluster,
} from '../support/clickhouse-events.ts';
import { storedEvent } from '../support/events.ts';
import { journeyRuleCases } from '../support/journey-rule-cases.ts';

/**
 * The hand-made rule cases of docs/funnel-semantics.md (tests/support/journey-rule-cases.ts, which
 * DuckDB runs in journey.test.ts) against the ClickHouse engine on a real 2-shard cluster, emptied
 * before each case.
 */
let clickHouse: ClickHouseEventsCluster;
// Every test needs the cluster: without a server they are skipped loudly (and fail under CI=true).
describeClickHouse('the journey rule cases on a ClickHouse cluster', () => {
  beforeAll(async () => {
    clickHouse = await startClickHouseEventsCluster();
  });
  afterAll(() => clickHouse?.stop());

  const cases = journeyRuleCases();
  for (const rule of new Set(cases.map((each) => each.rule))) {
    describe(rule, () => {
      for (const { name, batches, expected } of cases.filter((each) => each.rule === rule)) {
        it(name, async () => {
          await clickHouse.clear();
          for (const batch of batches) await insertClickHouseEvents(clickHouse.client, batch);
          for (const { journey, counts } of expected) {
            // The journey rides along so that a failure names which of the case's journeys it was.
            expect({ journey, counts: await clickHouseJourneyStepCounts(clickHouse.client, journey) }).toEqual({
              journey,
              counts,
            });
          }
        });
      }
    });
  }

  describe('events shipped twice', () => {
    it('count once: a single /a view shipped twice does not complete /a → /a', async () => {
      await clickHouse.clear();
      const views = [storedEvent({ sessionId: 's1', visitorId: 's1', path: '/a' })];
      // Two inserts, two parts on the shard: the ReplacingMergeTree has not merged them, FINAL does.
      await insertClickHouseEvents(clickHouse.client, views);
      await insertClickHouseEvents(clickHouse.client, views);
      const [stored] = await clickHouse.client.query<{ n: string }>('SELECT count() AS n FROM events');
      expect(stored?.n).toBe('2');
      const [journey] = parseConfig({
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [
          {
            id: 'twice',
            name: 'Twice',
            site: 'shop',
            steps: [
              { name: 'A', page: '/a' },
              { name: 'A again', page: '/a' },
            ],
          },
        ],
      }).journeys;
      expect(await clickHouseJourneyStepCounts(clickHouse.client, journey as JourneyConfig)).toEqual([1, 0]);
    });
  });
});
