import { JOURNEY_LIST, JOURNEY_UNITS } from '../funnel/units.ts';
import { SESSION_FACTS } from '../session-facts.ts';
import { UNIT_DIMENSIONS } from '../unit-dimensions.ts';
import { RUN_TABLES } from './run-schema.ts';
import { type ClickHouseReportRun, createPerUnitTable, fillPerUnitTable } from './run-tables.ts';

/**
 * Fills the run's `unit_dimensions` on every shard from its own `journey_units` and `session_facts`,
 * as reports/unit-dimensions.ts's computeUnitDimensions: a session unit takes its session's labels; a
 * visitor unit those of the session of its last step, except the campaign, which is that session's
 * or else the last non-direct touch: the campaign of the latest of the visitor's campaign sessions
 * started no later (DuckDB's ASOF join, here the visitor's touches as an array, sorted by start).
 * A unit whose session is not among the session facts has no row (DuckDB's inner join).
 */
export async function clickHouseUnitDimensions(run: ClickHouseReportRun): Promise<void> {
  const sessions = `SELECT session_id, site, started_us AS session_started_us, channel, campaign AS session_campaign,
      concat(ifNull(source, '(none)'), ' / ', ifNull(medium, '(none)')) AS source_medium,
      device, ifNull(landing_page, '(none)') AS landing_page, country
    FROM ${run.local(SESSION_FACTS)}`;
  // Each visitor's campaign sessions on a site as one array of (start, campaign), sorted by start.
  const touches = `SELECT visitor_id, site, arraySort(groupArray((started_us, assumeNotNull(campaign)))) AS touches
    FROM ${run.local(SESSION_FACTS)} WHERE campaign IS NOT NULL GROUP BY visitor_id, site`;
  const units = `SELECT journey_index, visitor_id, site, unit, level, steps, unit_kind, reached_us[1] AS started_us,
      if(unit_kind = 'session', unit, last_session) AS session_id
    FROM ${run.local(JOURNEY_UNITS)}
    ALL INNER JOIN (SELECT journey_index, unit_kind, steps FROM ${run.local(JOURNEY_LIST)}) AS journeys USING journey_index`;
  // Named: on 18.16 `*` over a JOIN gives the left side's columns only.
  const joined = `journey_index, visitor_id, site, unit, level, steps, unit_kind, started_us, session_started_us, channel,
    session_campaign, source_medium, device, landing_page, country`;
  // The visitor's campaign sessions started no later than the unit's session; the touch is the last.
  // Two equal starts (rare: µs) take the greater campaign, where DuckDB's ASOF join takes either. The
  // start goes in as an array, not captured: 18.16 prunes a subquery's column only a lambda names.
  const touch = 'arrayFilter((t, start) -> t.1 <= start, touches, replicate(session_started_us, touches))';
  await createPerUnitTable(run, UNIT_DIMENSIONS, RUN_TABLES.unit_dimensions.columns);
  await fillPerUnitTable(
    run,
    UNIT_DIMENSIONS,
    `SELECT journey_index, visitor_id, unit, level, steps, started_us, channel,
      ifNull(ifNull(session_campaign, if(unit_kind = 'visitor' AND notEmpty(${touch}), ${touch}[-1].2, NULL)), '(none)'),
      source_medium, device, landing_page, country
    FROM (SELECT ${joined}, touches FROM (SELECT ${joined} FROM (${units}) AS units ALL INNER JOIN (${sessions}) AS sessions USING (session_id, site)) AS dimensions
      ANY LEFT JOIN (${touches}) AS visitor_touches USING (visitor_id, site))`,
  );
}
