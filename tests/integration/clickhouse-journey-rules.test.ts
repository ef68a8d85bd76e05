import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseJourneyStepCounts } from '../../reports/clickhouse/journey.ts';
import {
  type ClickHouseEventsCluster,
  insertClickHouseEvents,
  startClickHouseEventsCluster,
} from '../support/clickhouse-events.ts';
import { journeyRuleCases } from '../support/journey-rule-cases.ts';

/**
 * The hand-made rule cases of docs/funnel-semantics.md (tests/support/journey-rule-cases.ts, which
 * DuckDB runs in journey.test.ts) against the ClickHouse engine on a real 2-shard cluster, emptied
 * before each case.
 */
let clickHouse: ClickHouseEventsCluster;
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
