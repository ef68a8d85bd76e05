import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  ],
  report: { timezone: 'Europe/Helsinki' },
});

let store: Store;
beforeAll(async () => {
  store = await Store.open(join(tempDir(), 'trend.duckdb'));
  const session = (id: string, at: number, converts: boolean): StoredEvent[] => [
    storedEvent({ sessionId: id, visitorId: id, path: '/a', ts: at }),
    ...(converts ? [storedEvent({ sessionId: id, visitorId: id, path: '/b', ts: at + 60_000 })] : []),
  ];
  await appendEvents(store, [
    // Thursday 1 January.
    ...session('thu', Date.UTC(2026, 0, 1, 10), true),
    // 21:30 UTC on Sunday 4 January is 23:30 in Helsinki: still the week of Monday 29 December.
    ...session('sun', Date.UTC(2026, 0, 4, 21, 30), false),
    // 22:30 UTC on Sunday 4 January is 00:30 on Monday 5 January in Helsinki: the next week.
    ...session('mon', Date.UTC(2026, 0, 4, 22, 30), true),
    // Monday 2 March and Wednesday 4 March.
    ...session('mar2', Date.UTC(2026, 2, 2, 10), false),
    ...session('mar4', Date.UTC(2026, 2, 4, 10), false),
  ]);
});
afterAll(() => store.close());

// Local dates in Helsinki (UTC+2 all along: daylight saving starts on 29 March).
const through = async (lastDay: string) =>
  (
    await computeReport(config, store, {
      range: { from: '2025-12-31T22:00:00.000Z', to: `${lastDay}T22:00:00.000Z` },
    })
  ).journeys[0] as JourneyReport;

describe('trend granularity: by day up to 62 days, by week (local Mondays) when longer', () => {
  it('trends 1 January to 3 March (62 days) by local day', async () => {
    expect((await through('2026-03-03')).trend).toEqual({
      granularity: 'day',
      points: [
        { period: '2026-01-01', started: 1, converted: 1, conversion: 1 },
        { period: '2026-01-04', started: 1, converted: 0, conversion: 0 },
        { period: '2026-01-05', started: 1, converted: 1, conversion: 1 },
        { period: '2026-03-02', started: 1, converted: 0, conversion: 0 },
      ],
    });
  });

  it('trends 1 January to 4 March (63 days) by week, the first one starting before the range', async () => {
    expect((await through('2026-03-04')).trend).toEqual({
      granularity: 'week',
      points: [
        { period: '2025-12-29', started: 2, converted: 1, conversion: 0.5 },
        { period: '2026-01-05', started: 1, converted: 1, conversion: 1 },
        { period: '2026-03-02', started: 2, converted: 0, conversion: 0 },
      ],
    });
  });
});

describe('trend days in a time zone a quarter hour off UTC', () => {
  it('puts units a millisecond apart across local midnight in Kathmandu (UTC+5:45) on two days', async () => {
    const kathmandu = parseConfig({
      sites: [{ id: 'shop', origins: ['https://shop.example'] }],
      journeys: [{ id: 'ab', name: 'A to B', site: 'shop', steps: config.journeys[0]?.steps ?? [] }],
      report: { timezone: 'Asia/Kathmandu' },
    });
    const db = await Store.open(join(tempDir(), 'trend-kathmandu.duckdb'));
    try {
      // 18:15 UTC is local midnight: the first unit starts 23:59:59.999 on 1 January, the second at
      // 00:00 on 2 January (the trend counts units per 15-minute UTC slot before it reads local days).
      await appendEvents(db, [
        storedEvent({ sessionId: 'late', visitorId: 'late', path: '/a', ts: Date.UTC(2026, 0, 1, 18, 14, 59, 999) }),
        storedEvent({ sessionId: 'new', visitorId: 'new', path: '/a', ts: Date.UTC(2026, 0, 1, 18, 15) }),
        storedEvent({ sessionId: 'new', visitorId: 'new', path: '/b', ts: Date.UTC(2026, 0, 1, 18, 16) }),
      ]);
      const journey = (await computeReport(kathmandu, db)).journeys[0] as JourneyReport;
      expect(journey.trend.points).toEqual([
        { period: '2026-01-01', started: 1, converted: 0, conversion: 0 },
        { period: '2026-01-02', started: 1, converted: 1, conversion: 1 },
      ]);
    } finally {
      await db.close();
    }
  });
});
