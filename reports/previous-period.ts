import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { journeyStepCountsSql } from './funnel/units.ts';
import type { JourneyRows } from './journey/assemble.ts';
import { STEP_COUNT_SHAPE } from './journey/step-queries.ts';
import { REPORT_EVENTS } from './report-events.ts';
import { rangeCondition } from './session-facts.ts';
import { SqlParams } from './sql-params.ts';

/**
 * Step counts of every journey in the period of the same length just before this one: one query.
 * Only journeys whose site has events in that window are counted and listed in `sitesWithData`; the
 * others get no previous period (null), rather than zeros that read as a collapse. With the default
 * range the period starts at the first event, so the window before it is always empty.
 */
export async function previousPeriodCounts(
  store: Store,
  config: PolkuConfig,
  previous: { from: string; to: string },
): Promise<JourneyRows['previous']> {
  const sitesWithData = await sitesWithEvents(store, previous);
  const counted = config.journeys.filter((journey) => sitesWithData.includes(journey.site));
  if (counted.length === 0) return { ...previous, sitesWithData, rows: [] };
  const params = new SqlParams();
  const parts = counted.map(
    (journey) =>
      `select ${params.bind(journey.id, 'journey')} as journey, step, units from (${journeyStepCountsSql(journey, params, previous)})`,
  );
  const rows = await store.rows(
    'previous period step counts',
    parts.join(' union all '),
    STEP_COUNT_SHAPE,
    params.values,
  );
  return { ...previous, sitesWithData, rows };
}

/** Sites with at least one event in the range, sorted. */
async function sitesWithEvents(store: Store, range: { from: string; to: string }): Promise<string[]> {
  const params = new SqlParams();
  const rows = await store.rows(
    'sites with events',
    `select distinct site from ${REPORT_EVENTS} where ${rangeCondition(range, params)} order by site`,
    { site: 'string' },
    params.values,
  );
  return rows.map((row) => row.site);
}
