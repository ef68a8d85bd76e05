import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeReport, type JourneyReport } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendReportFixture, reportConfig } from '../support/report-fixture.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

let store: Store;
beforeEach(async () => {
  store = await Store.open(join(tempDir(), 'previous.duckdb'));
  await appendReportFixture(store);
});
afterEach(() => store.close());

const checkout = async (range: { from?: string; to?: string }) =>
  (await computeReport(reportConfig, store, { range })).journeys[0] as JourneyReport;

describe('previous period', () => {
  it('is null with the default range, which starts at the first event', async () => {
    expect((await checkout({})).previousPeriod).toBeNull();
  });

  it('is null when only another site has events in the window before', async () => {
    await appendEvents(store, [storedEvent({ site: 'blog', sessionId: 'b1', ts: Date.UTC(2026, 1, 27, 12) })]);
    expect((await checkout({ from: '2026-03-01T00:00:00.000Z' })).previousPeriod).toBeNull();
  });

  it('counts the window of the same length just before --from when it holds data', async () => {
    // The period (2 days 1 hour) starts after s1 (converts) and s2 (drops at step 1); the window
    // before it, 2026-02-28T11:00..2026-03-02T12:00, holds both. This period only holds s3's bounce.
    const journey = await checkout({ from: '2026-03-02T12:00:00.000Z', to: '2026-03-04T13:00:00.000Z' });
    expect(journey.steps.map((s) => s.count)).toEqual([0, 0, 0]);
    expect(journey.previousPeriod).toEqual({
      from: '2026-02-28T11:00:00.000Z',
      to: '2026-03-02T12:00:00.000Z',
      steps: [2, 1, 1],
      conversion: 0.5,
      change: -0.5,
      // Nobody started in this period (its Wilson interval is 0..1): nothing can be significant.
      changeInterval: { low: -0.905469, high: 0.579076 },
      significant: false,
    });
  });
});
