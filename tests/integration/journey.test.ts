import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journeyStepCounts } from '../../reports/journey.ts';
import { Store } from '../../store/index.ts';
import { journeyRuleCases } from '../support/journey-rule-cases.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Hand-made cases, one rule of docs/funnel-semantics.md each, with the exact counts expected
 * (the table in tests/support/journey-rule-cases.ts, which the ClickHouse engine runs too).
 */
let store: Store;
beforeEach(async () => {
  store = await Store.open(join(tempDir(), 'polku.duckdb'));
});
afterEach(() => store.close());

const cases = journeyRuleCases();
for (const rule of new Set(cases.map((each) => each.rule))) {
  describe(rule, () => {
    for (const { name, batches, expected } of cases.filter((each) => each.rule === rule)) {
      it(name, async () => {
        for (const batch of batches) await appendEvents(store, batch);
        for (const { journey, counts } of expected) {
          // The journey rides along so that a failure names which of the case's journeys it was.
          expect({ journey, counts: await journeyStepCounts(store, journey) }).toEqual({ journey, counts });
        }
      });
    }
  });
}
