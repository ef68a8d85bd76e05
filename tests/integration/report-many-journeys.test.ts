import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { computeReport } from '../../reports/index.ts';
import type { JourneyReport } from '../../reports/model.ts';
import { Store } from '../../store/index.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfigInput, randomReportEvents } from '../support/random-report-events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Some report queries pack the levels of up to 12 journeys into one integer and unpack them per
 * journey at the end (reports/journey/packed-levels.ts). With more journeys than one pack holds, and
 * units shared between packs, every journey's report must still be exactly the one it gets alone.
 */
const base = randomReportConfigInput();
const baseJourneys = base.journeys ?? [];
// Three variants of each of the five random journeys (every order and unit): 15 journeys, 2 packs.
const journeys = [0, 1, 2].flatMap((variant) =>
  baseJourneys.map((journey) => ({
    ...journey,
    id: `${journey.id}-${variant}`,
    // The second variant drops the last step, so the packs hold different levels for one unit.
    steps: variant === 1 && journey.steps.length > 2 ? journey.steps.slice(0, -1) : journey.steps,
  })),
);
const configWith = (chosen: typeof journeys) =>
  parseConfig({ ...base, journeys: chosen, campaigns: {} } as PolkuConfigInput);

let store: Store;

describe('a report with more journeys than one pack of levels holds', () => {
  beforeAll(async () => {
    store = await Store.open(join(tempDir(), 'many-journeys.duckdb'));
    await appendEvents(store, randomReportEvents(seededRandom(20261203), 300));
  });
  afterAll(() => store?.close());

  it('gives each of 15 journeys the same report as when it is alone', async () => {
    expect(journeys).toHaveLength(15);
    const all = await computeReport(configWith(journeys), store);
    for (const journey of journeys) {
      const alone = await computeReport(configWith([journey]), store);
      const inAll = all.journeys.find((each) => each.id === journey.id) as JourneyReport;
      expect(inAll, journey.id).toEqual(alone.journeys[0]);
    }
    // The comparison is not vacuous: journeys in both packs have drop-offs, next actions and samples.
    for (const id of ['checkout-0', 'checkout-2', 'any-2', 'no-feedback-2']) {
      const report = all.journeys.find((each) => each.id === id) as JourneyReport;
      expect(report.steps[0]?.count, id).toBeGreaterThan(50);
      expect(
        report.steps.some((step) => step.nextActions.length > 0),
        id,
      ).toBe(true);
      expect(
        report.steps.some((step) => step.samples.length === 5),
        id,
      ).toBe(true);
    }
  });
});
