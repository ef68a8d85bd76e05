import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeReport, type JourneyReport, type ReportData, reportFiles, toCsv } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { LIFECYCLE_CONFIG, lifecycleEvents } from '../support/lifecycle-events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const config = parseConfig(LIFECYCLE_CONFIG);

let report: ReportData;
const journey = (id: string) => report.journeys.find((each) => each.id === id) as JourneyReport;
beforeAll(async () => {
  const store = await Store.open(join(tempDir(), 'cohorts.duckdb'));
  await appendEvents(store, lifecycleEvents());
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
describe('cohorts of a report that ends earlier', () => {
  it('observes only the weeks up to the newest event in the range', async () => {
    const store = await Store.open(join(tempDir(), 'cohorts-to.duckdb'));
    await appendEvents(store, lifecycleEvents());
    const earlier = await computeReport(config, store, { range: { to: '2026-03-20T00:00:00.000Z' } });
    await store.close();
    // The newest event before 20 March is a4's sign-up on Fri 13 Mar 10:00: 11 days after a1's visit
    // (weeks 0 and 1), 4.5 days after b1's (week 0 only). a1's repeat purchase (22 Mar) and the
    // April cohort are outside the range.
    const lifecycle = earlier.journeys.find((each) => each.id === 'lifecycle');
    expect(
      lifecycle?.cohorts?.map((cohort) => [
        cohort.week,
        cohort.units,
        cohort.completeWeeks,
        ...cohort.steps.map((step) => counts(step.weeks)),
      ]),
    ).toEqual([
      ['2026-03-02', 4, 0, [2, 3], [1, 2], [0, 0]],
      ['2026-03-09', 2, 0, [1, null], [0, null], [0, null]],
    ]);
  });
});

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
