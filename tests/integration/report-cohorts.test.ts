import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeReport, type JourneyReport, type ReportData, reportFiles, toCsv } from '../../reports/index.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const STEPS = [
  { name: 'Visit', page: '/' },
  { name: 'Sign-up', event: 'signup' },
  { name: 'First purchase', event: 'purchase' },
  { name: 'Repeat purchase', event: 'purchase' },
];
const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    { id: 'lifecycle', name: 'Lifecycle', site: 'shop', unit: 'visitor', steps: STEPS },
    { id: 'per-session', name: 'Per session', site: 'shop', steps: STEPS },
    { id: 'any-order', name: 'Any order', site: 'shop', unit: 'visitor', order: 'any', steps: STEPS },
  ],
  // Local weeks: Helsinki is UTC+2 until 29 March 2026, then UTC+3.
  report: { timezone: 'Europe/Helsinki' },
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 10:00 UTC. */
const MON_2_MAR = Date.UTC(2026, 2, 2, 10);

/**
 * Three cohorts by local week of the visit (every time UTC):
 * - week of Monday 2 March: a1 visits Mon 2 Mar 10:00, signs up a day later, buys 10 days after the
 *   visit (week 1) and again after 20 days (week 2); a2 visits Wed 4 Mar, signs up 3 h later and buys
 *   1 h after that (week 0); a3 visits Sun 8 Mar 21:30 (23:30 in Helsinki, still that week) and does
 *   nothing more; a4 visits Fri 6 Mar and signs up exactly 7 days later (week 1, not 0);
 * - week of Monday 9 March: b1 visits Sun 8 Mar 22:30 (00:30 on Monday in Helsinki), signs up 2 days
 *   later and buys 30 days after the visit (week 4); b2 visits Tue 10 Mar, nothing more;
 * - week of Monday 6 April: c1 visits Mon 6 Apr 10:00 and signs up 2 h later; c2 visits Sun 12 Apr.
 * The data ends with a page view of /about on Tue 14 Apr 10:00: 43 days after a1's visit.
 */
function events(): StoredEvent[] {
  const list: StoredEvent[] = [];
  const add = (visitor: string, at: number, fields: Partial<StoredEvent>) =>
    // One session per visitor and UTC day.
    list.push(storedEvent({ visitorId: visitor, sessionId: `${visitor}-${Math.floor(at / DAY)}`, ts: at, ...fields }));
  const visit = (visitor: string, at: number) => add(visitor, at, { path: '/' });
  const event = (visitor: string, at: number, name: string) => add(visitor, at, { name });

  visit('a1', MON_2_MAR);
  event('a1', MON_2_MAR + DAY, 'signup');
  event('a1', MON_2_MAR + 10 * DAY, 'purchase');
  event('a1', MON_2_MAR + 20 * DAY, 'purchase');
  const a2 = MON_2_MAR + 2 * DAY;
  visit('a2', a2);
  event('a2', a2 + 3 * HOUR, 'signup');
  event('a2', a2 + 4 * HOUR, 'purchase');
  visit('a3', Date.UTC(2026, 2, 8, 21, 30));
  const a4 = MON_2_MAR + 4 * DAY;
  visit('a4', a4);
  event('a4', a4 + 7 * DAY, 'signup');

  const b1 = Date.UTC(2026, 2, 8, 22, 30);
  visit('b1', b1);
  event('b1', b1 + 2 * DAY, 'signup');
  event('b1', b1 + 30 * DAY, 'purchase');
  visit('b2', MON_2_MAR + 8 * DAY);

  const c1 = Date.UTC(2026, 3, 6, 10);
  visit('c1', c1);
  event('c1', c1 + 2 * HOUR, 'signup');
  visit('c2', Date.UTC(2026, 3, 12, 10));

  add('z', Date.UTC(2026, 3, 14, 10), { path: '/about' });
  return list;
}

let report: ReportData;
const journey = (id: string) => report.journeys.find((each) => each.id === id) as JourneyReport;
beforeAll(async () => {
  const store = await Store.open(join(tempDir(), 'cohorts.duckdb'));
  await appendEvents(store, events());
  report = await computeReport(config, store);
  await store.close();
});

/** A row of cells: counts, null where the week was not observed yet. */
const counts = (weeks: ({ units: number } | null)[]) => weeks.map((cell) => (cell === null ? null : cell.units));

describe('cohort table of a visitor journey', () => {
  it('groups visitors by the local week of their visit, oldest first, with the weeks over for all of them', () => {
    // Complete weeks: a3 visited 36.5 days before the end (5 whole weeks); b2 exactly 35 days (5);
    // c2 2 days (none).
    expect(journey('lifecycle').cohorts?.map(({ week, units, completeWeeks }) => [week, units, completeWeeks])).toEqual(
      [
        ['2026-03-02', 4, 5],
        ['2026-03-09', 2, 5],
        ['2026-04-06', 2, 0],
      ],
    );
  });

  it('counts the visitors reaching each later step by weeks since their own visit, cumulatively', () => {
    const [march2, march9, april6] = journey('lifecycle').cohorts ?? [];
    // Weeks 0..6: a1 was 43 days (6 weeks and a day) past its visit when the data ended.
    expect(march2?.steps.map((step) => [step.step, counts(step.weeks)])).toEqual([
      // a1 and a2 in week 0, a4 at exactly 7 days: week 1.
      [2, [2, 3, 3, 3, 3, 3, 3]],
      // a2 in week 0, a1 after 10 days.
      [3, [1, 2, 2, 2, 2, 2, 2]],
      // a1's repeat purchase after 20 days.
      [4, [0, 0, 1, 1, 1, 1, 1]],
    ]);
    // b1 was 36 days and 11.5 h past its visit: weeks 0..5; week 6 was not observed yet.
    expect(march9?.steps.map((step) => [step.step, counts(step.weeks)])).toEqual([
      [2, [1, 1, 1, 1, 1, 1, null]],
      // b1 bought 30 days after its visit: week 4.
      [3, [0, 0, 0, 0, 1, 1, null]],
      [4, [0, 0, 0, 0, 0, 0, null]],
    ]);
    // c1 was 8 days past its visit: weeks 0 and 1 only; later weeks are null, not 0.
    expect(april6?.steps.map((step) => [step.step, counts(step.weeks)])).toEqual([
      [2, [1, 1, null, null, null, null, null]],
      [3, [0, 0, null, null, null, null, null]],
      [4, [0, 0, null, null, null, null, null]],
    ]);
  });

  it('gives each cell its share of the cohort', () => {
    const [march2, march9] = journey('lifecycle').cohorts ?? [];
    expect(march2?.steps[0]?.weeks.slice(0, 2)).toEqual([
      { units: 2, share: 0.5 },
      { units: 3, share: 0.75 },
    ]);
    expect(march9?.steps[1]?.weeks.slice(3)).toEqual([
      { units: 0, share: 0 },
      { units: 1, share: 0.5 },
      { units: 1, share: 0.5 },
      null,
    ]);
  });

  it('has no cohort table for a session journey, nor for an any-order one (no time per step)', () => {
    expect(journey('per-session').cohorts).toBeNull();
    expect(journey('any-order').cohorts).toBeNull();
  });
});

// quantile_disc(x, q) is the ⌈q × n⌉-th smallest value.
describe('time between steps in days', () => {
  it('gives visitor journeys median and p75 days from first reaching the previous step', () => {
    expect(journey('lifecycle').steps.map((step) => step.daysFromPrevious)).toEqual([
      null,
      // Visit → sign-up: 2 h, 3 h, 1 day, 2 days, 7 days.
      { units: 5, medianDays: 1, p75Days: 2 },
      // Sign-up → first purchase: 1 h (0.042 days), 9 days, 28 days.
      { units: 3, medianDays: 9, p75Days: 28 },
      // First → repeat purchase: 10 days.
      { units: 1, medianDays: 10, p75Days: 10 },
    ]);
    // The same quantiles in seconds, as before.
    expect(journey('lifecycle').steps[1]?.timeFromPrevious).toEqual({
      units: 5,
      medianSeconds: 86_400,
      p75Seconds: 172_800,
    });
  });

  it('keeps session journeys in seconds only', () => {
    const steps = journey('per-session').steps;
    expect(steps.map((step) => step.daysFromPrevious)).toEqual([null, null, null, null]);
    // Within one session: a2 and c1 sign up (3 h, 2 h); a2 buys 1 h later.
    expect(steps.map((step) => step.timeFromPrevious)).toEqual([
      null,
      { units: 2, medianSeconds: 7_200, p75Seconds: 10_800 },
      { units: 1, medianSeconds: 3_600, p75Seconds: 3_600 },
      null,
    ]);
  });
});

describe('cohorts CSV', () => {
  const file = (path: string) => reportFiles(report).find((each) => each.path === path)?.csv;

  it('has one row per cohort, step and week, empty where the week was not observed', () => {
    const csv = file('journeys/lifecycle.cohorts.csv');
    expect(csv?.header).toEqual([
      'cohort_week',
      'cohort_units',
      'step',
      'name',
      'weeks_since_step_1',
      'units',
      'share',
      'complete',
    ]);
    // 3 cohorts × 3 later steps × 7 weeks.
    expect(csv?.rows).toHaveLength(63);
    expect(csv?.rows.slice(0, 2)).toEqual([
      ['2026-03-02', 4, 2, 'Sign-up', 0, 2, 0.5, true],
      ['2026-03-02', 4, 2, 'Sign-up', 1, 3, 0.75, true],
    ]);
    // Week 5 of the March 9 cohort is observed but not over for b2; week 6 was not observed.
    expect(csv?.rows.filter((row) => row[0] === '2026-03-09' && row[2] === 3 && (row[4] as number) >= 4)).toEqual([
      ['2026-03-09', 2, 3, 'First purchase', 4, 1, 0.5, true],
      ['2026-03-09', 2, 3, 'First purchase', 5, 1, 0.5, false],
      ['2026-03-09', 2, 3, 'First purchase', 6, undefined, undefined, false],
    ]);
    // Written as empty cells by the one CSV writer.
    expect(toCsv([], csv?.rows.slice(-1) ?? [])).toBe('\n2026-04-06,2,4,Repeat purchase,6,,,false\n');
  });

  it('is a header only for a session journey', () => {
    expect(file('journeys/per-session.cohorts.csv')?.rows).toEqual([]);
  });

  it('adds the days between steps to the steps CSV, empty for session journeys', () => {
    const days = (id: string) => file(`journeys/${id}.steps.csv`)?.rows.map((row) => row.slice(-2)) as unknown[][];
    expect(file('journeys/lifecycle.steps.csv')?.header.slice(-2)).toEqual([
      'median_days_from_previous',
      'p75_days_from_previous',
    ]);
    expect(days('lifecycle')).toEqual([
      [undefined, undefined],
      [1, 2],
      [9, 28],
      [10, 10],
    ]);
    expect(days('per-session')).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});
