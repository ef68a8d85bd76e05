import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeReport, type JourneyReport } from '../../reports/index.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  report: { timezone: 'UTC' },
});
const T0 = Date.UTC(2026, 2, 1, 12);
const seconds = (n: number) => n * 1000;

let journey: JourneyReport;
beforeAll(async () => {
  const store = await Store.open(join(tempDir(), 'quantiles.duckdb'));
  const events: StoredEvent[] = [];
  const event = (sessionId: string, at: number, fields: Partial<StoredEvent>) =>
    events.push(storedEvent({ sessionId, visitorId: sessionId, ts: T0 + at, ...fields }));
  // Four sessions convert 10, 20, 30 and 40 s after their product view.
  for (const gap of [10, 20, 30, 40]) {
    event(`buy${gap}`, 0, { path: '/products/lamp' });
    event(`buy${gap}`, seconds(gap), { name: 'purchase' });
  }
  // Four sessions view a product, answer the survey (10, 9, 8, 3) and leave 10, 20, 30, 40 s later.
  for (const [index, score] of [10, 9, 8, 3].entries()) {
    const id = `leave${score}`;
    event(id, 0, { path: '/products/chair' });
    event(id, seconds(5), { name: 'feedback', props: { score } });
    event(id, seconds(10 * (index + 1)), { path: '/about' });
  }
  await appendEvents(store, events);
  journey = (await computeReport(config, store)).journeys[0] as JourneyReport;
  await store.close();
});

// quantile_disc(x, q) is the ⌈q × n⌉-th smallest value (checked in DuckDB: of 10 and 20 the median is
// 10 and the p75 20); of 10, 20, 30, 40: the 2nd and the 3rd.
describe('quantiles', () => {
  it('gives a 75th percentile different from the median for gaps of 10, 20, 30 and 40 s', () => {
    expect(journey.steps[1]?.timeFromPrevious).toEqual({ units: 4, medianSeconds: 20, p75Seconds: 30 });
    expect([
      journey.timeToConvert.units,
      journey.timeToConvert.medianSeconds,
      journey.timeToConvert.p75Seconds,
    ]).toEqual([4, 20, 30]);
    expect(journey.timeToConvert.buckets.map((b) => b.units)).toEqual([4, 0, 0, 0, 0, 0]);
  });

  it('times leaving from the last step to the end of the session the same way', () => {
    expect(journey.steps[0]?.timeBeforeLeaving).toEqual({ units: 4, medianSeconds: 20, p75Seconds: 30 });
  });
});

describe('NPS', () => {
  it('counts 10 and 9 as promoters, 8 as passive, 3 as detractor: (2 − 1) / 4 = 25', () => {
    expect(journey.steps.map((s) => s.nps)).toEqual([
      { responses: 4, score: 25, promoters: 2, passives: 1, detractors: 1 },
      null,
    ]);
  });
});

describe('NPS inside the report range', () => {
  it('counts only answers given inside --from/--to, like every other figure', async () => {
    const store = await Store.open(join(tempDir(), 'nps-range.duckdb'));
    try {
      const at = (sessionId: string, minutes: number, fields: Partial<StoredEvent>) =>
        storedEvent({ sessionId, visitorId: sessionId, ts: T0 + minutes * 60_000, ...fields });
      await appendEvents(store, [
        at('s1', 0, { path: '/products/lamp' }),
        at('s1', 1, { name: 'feedback', props: { score: 10, comment: 'inside' } }),
        at('s2', 0, { path: '/products/chair' }),
        // Given after the end of the range: not part of this report.
        at('s2', 20, { name: 'feedback', props: { score: 0, comment: 'after the range' } }),
      ]);
      const range = { from: new Date(T0).toISOString(), to: new Date(T0 + 10 * 60_000).toISOString() };
      const [inRange] = (await computeReport(config, store, { range })).journeys;
      expect(inRange?.steps[0]?.nps).toEqual({ responses: 1, score: 100, promoters: 1, passives: 0, detractors: 0 });
      expect(inRange?.steps[0]?.comments.newest.map((c) => c.comment)).toEqual(['inside']);
      const [all] = (await computeReport(config, store)).journeys;
      expect(all?.steps[0]?.nps).toEqual({ responses: 2, score: 0, promoters: 1, passives: 0, detractors: 1 });
    } finally {
      await store.close();
    }
  });
});
