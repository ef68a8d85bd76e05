import type { JourneyConfig } from '../../config/index.ts';
import type { RowOf, Store } from '../../store/index.ts';
import { JOURNEY_UNITS } from '../funnel/units.ts';
import type { Cohort } from '../model.ts';
import { SESSION_FACTS } from '../session-facts.ts';
import { SqlParams } from '../sql-params.ts';
import { ratio } from '../stats.ts';

/** The last week since step 1 a cohort table shows: weeks 0..12, about a quarter of a year. */
export const LAST_COHORT_WEEK = 12;
const WEEK_US = 7 * 86_400 * 1_000_000;
/** Most steps a journey may have (config/schema.ts). */
const MAX_STEPS = 20;

/**
 * One row per (journey, cohort week, later step). `week`: the local Monday as YYYY-MM-DD; `units`:
 * the cohort's size; `reached[w]`: its units that reached the step within 7·(w+1) days of their own
 * step 1, for w = 0..LAST_COHORT_WEEK; `observed_weeks`: how many of those weeks had begun for at
 * least one unit by the end of the data; `complete_weeks`: how many were over for every unit.
 */
export const COHORT_SHAPE = {
  journey: 'string',
  week: 'string',
  step: 'integer',
  units: 'integer',
  observed_weeks: 'integer',
  complete_weeks: 'integer',
  reached: 'integer[]',
} as const;
export type CohortRow = RowOf<typeof COHORT_SHAPE>;

/** Journeys with a cohort table: visitor-level, and with a time per step (any order keeps only step 1's). */
export const hasCohorts = (journey: JourneyConfig): boolean => journey.unit === 'visitor' && journey.order !== 'any';

/**
 * Cohort cells of every visitor journey in one GROUP BY over JOURNEY_UNITS. The end of the data is
 * the newest event of the journey's site in the report range (the latest session end in
 * SESSION_FACTS, built for the range: a session number is one site's), so a week nobody could have lived
 * through yet reads as unobserved, never as 0. Weeks are counted from each unit's own step 1 (its
 * first reaching step 1 in its counted attempt), so "week 0" is the same 7 days for everyone.
 */
export async function cohortCells(
  store: Store,
  journeys: readonly JourneyConfig[],
  timezone: string,
): Promise<CohortRow[]> {
  const counted = journeys.filter(hasCohorts);
  if (counted.length === 0) return [];
  const params = new SqlParams();
  const ids = counted.map((journey) => params.bind(journey.id, 'journey')).join(', ');
  const sites = [...new Set(counted.map((journey) => journey.site))].map((site) => params.bind(site, 'site'));
  const byWeek = Array.from(
    { length: LAST_COHORT_WEEK + 1 },
    (_, week) => `count(*) filter (where since < ${WEEK_US * (week + 1)})`,
  );
  // Both at most the LAST_COHORT_WEEK + 1 weeks a row has.
  const weeks = (count: string) => `least(${LAST_COHORT_WEEK + 1}, ${count})::integer`;
  return store.rows(
    'cohort cells',
    `with data_end as (select site, epoch_us(max(ended_at)) as end_us from ${SESSION_FACTS}
        where site in (${sites.join(', ')}) group by site),
      units as (select u.journey, u.steps, u.reached_us, u.reached_us[1] as start_us, d.end_us,
          strftime(date_trunc('week', timezone(${params.bind(timezone, 'tz')}, to_timestamp(u.reached_us[1] / 1e6))),
            '%Y-%m-%d') as week
        from ${JOURNEY_UNITS} u join data_end d on d.site = u.site
        where u.journey in (${ids}))
    select journey, week, step, count(*)::integer as units,
      ${weeks(`(max(end_us) - min(start_us)) // ${WEEK_US} + 1`)} as observed_weeks,
      ${weeks(`(max(end_us) - max(start_us)) // ${WEEK_US}`)} as complete_weeks,
      list_value(${byWeek.join(', ')}) as reached
    -- The time since step 1 once per (unit, step), not a list lookup per week (a step the unit did
    -- not reach is past the list's end: null, so in no week).
    from (select *, reached_us[step] - start_us as since from units, range(2, ${MAX_STEPS + 1}) per_step(step)
      where step <= steps)
    group by journey, week, step
    order by journey, week, step`,
    COHORT_SHAPE,
    params.values,
  );
}

/**
 * One journey's cohorts from its rows: null for journeys without a cohort table. Every cohort gets
 * as many week cells as the longest-observed cohort of the journey; cells past a cohort's own
 * observed weeks are null.
 */
export function assembleCohorts(journey: JourneyConfig, rows: readonly CohortRow[]): Cohort[] | null {
  if (!hasCohorts(journey)) return null;
  const own = rows.filter((row) => row.journey === journey.id);
  const columns = Math.max(0, ...own.map((row) => row.observed_weeks));
  const cohorts = new Map<string, Cohort>();
  for (const row of own) {
    let cohort = cohorts.get(row.week);
    if (cohort === undefined) {
      cohort = { week: row.week, units: row.units, completeWeeks: row.complete_weeks, steps: [] };
      cohorts.set(row.week, cohort);
    }
    cohort.steps.push({
      step: row.step,
      weeks: Array.from({ length: columns }, (_, week) =>
        week < row.observed_weeks
          ? { units: row.reached[week] ?? 0, share: ratio(row.reached[week] ?? 0, row.units) }
          : null,
      ),
    });
  }
  return [...cohorts.values()];
}
