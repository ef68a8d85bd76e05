import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
      id: 'ab',
      name: 'A to B',
      site: 'shop',
      steps: [
        { name: 'A', page: '/a' },
        { name: 'B', page: '/b' },
      ],
    },
    {
      id: 'visit',
      name: 'A then B, any session',
      site: 'shop',
      unit: 'visitor',
      steps: [
        { name: 'A', page: '/a' },
        { name: 'B', page: '/b' },
      ],
    },
  ],
  report: { timezone: 'Europe/Helsinki' },
});
const DAY = Date.UTC(2026, 2, 2, 10);

let store: Store;
beforeEach(async () => {
  store = await Store.open(join(tempDir(), 'segments.duckdb'));
});
afterEach(() => store.close());

function session(id: string, converts: boolean, at: number, extra: Partial<StoredEvent> = {}): StoredEvent[] {
  const a = storedEvent({ sessionId: id, visitorId: id, path: '/a', ts: at, ...extra });
  return converts ? [a, storedEvent({ sessionId: id, visitorId: id, path: '/b', ts: at + 60_000 })] : [a];
}
const journey = (report: { journeys: JourneyReport[] }, id: string) =>
  report.journeys.find((j) => j.id === id) as JourneyReport;

describe('breakdowns', () => {
  it('flags a large segment that converts significantly worse, never a small one', async () => {
    const events: StoredEvent[] = [];
    for (let i = 0; i < 40; i++) events.push(...session(`search${i}`, true, DAY, { channel: 'Organic Search' }));
    for (let i = 0; i < 40; i++) events.push(...session(`email${i}`, i < 5, DAY, { channel: 'Email' }));
    for (let i = 0; i < 5; i++) events.push(...session(`social${i}`, false, DAY, { channel: 'Social' }));
    await appendEvents(store, events);
    const channels = journey(await computeReport(config, store), 'ab').breakdowns.find(
      (b) => b.dimension === 'channel',
    );
    expect(channels?.segments.map((s) => [s.value, s.steps, s.conversion, s.smallSample, s.worse])).toEqual([
      ['Organic Search', [40, 40], 1, false, false],
      ['Email', [40, 5], 0.125, false, true],
      ['Social', [5, 0], 0, true, false],
    ]);
  });

  it('credits a visitor unit to its last campaign touch before the converting session', async () => {
    await appendEvents(store, [
      storedEvent({ sessionId: 's1', visitorId: 'v1', path: '/a', ts: DAY, utmCampaign: 'Spring', channel: 'Email' }),
      storedEvent({ sessionId: 's2', visitorId: 'v1', path: '/b', ts: DAY + 86_400_000 }),
    ]);
    const campaigns = journey(await computeReport(config, store), 'visit').breakdowns.find(
      (b) => b.dimension === 'campaign',
    );
    expect(campaigns?.segments.map((s) => [s.value, s.steps])).toEqual([['spring', [1, 1]]]);
  });
});

describe('trend and previous period', () => {
  it('counts by local day in the report time zone and compares with the period before', async () => {
    await appendEvents(store, [
      // 23:30 UTC on 1 March is 01:30 on 2 March in Helsinki.
      ...session('late', true, Date.UTC(2026, 2, 1, 23, 30)),
      ...session('noon', false, Date.UTC(2026, 2, 2, 10)),
      // The day before the range: the previous period.
      ...session('before', true, Date.UTC(2026, 2, 1, 10)),
    ]);
    const report = await computeReport(config, store, {
      range: { from: '2026-03-01T22:00:00.000Z', to: '2026-03-02T22:00:00.000Z' },
    });
    const ab = journey(report, 'ab');
    expect(ab.steps.map((s) => s.count)).toEqual([2, 1]);
    expect(ab.trend.points).toEqual([{ period: '2026-03-02', started: 2, converted: 1, conversion: 0.5 }]);
    expect(ab.previousPeriod).toEqual({
      from: '2026-02-28T22:00:00.000Z',
      to: '2026-03-01T22:00:00.000Z',
      steps: [1, 1],
      conversion: 1,
      change: -0.5,
      // Newcombe: 0.5 − 1 ± the Wilson intervals of 1/2 and 1/1; it holds 0, so not significant.
      changeInterval: { low: -0.905469, high: 0.39105 },
      significant: false,
    });
  });
});
