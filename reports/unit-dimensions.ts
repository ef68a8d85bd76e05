import type { Store } from '../store/index.ts';
import { JOURNEY_UNITS } from './funnel/units.ts';
import { SESSION_FACTS } from './session-facts.ts';

/** Temporary view: the level, traffic source and context of every counted journey unit. */
export const UNIT_DIMENSIONS = 'unit_dimensions';

/** The breakdowns a journey report offers, as columns of UNIT_DIMENSIONS. */
export const DIMENSIONS = ['channel', 'campaign', 'source_medium', 'device', 'landing_page', 'country'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Defines UNIT_DIMENSIONS. A session unit takes its session's first event. A visitor unit takes the
 * session where it reached its last step, except for the campaign: the last non-direct touch, i.e.
 * the latest session of that visitor, started no later than that one, that came from a campaign.
 */
export async function computeUnitDimensions(store: Store): Promise<void> {
  // started_us (step-1 time) places a unit inside or outside a campaign's period.
  const columns = (
    campaign: string,
  ) => `u.journey, u.journey_index, u.unit, u.level, u.steps, u.reached_us[1] as started_us, s.channel,
      coalesce(${campaign}, '(none)') as campaign, s.source_medium, s.device, s.landing_page, s.country`;
  // Per-session labels are built once per session, not once per (journey, unit).
  const sessions = `(select session_no, visitor_no, started_at, channel, campaign,
      coalesce(source, '(none)') || ' / ' || coalesce(medium, '(none)') as source_medium,
      device, coalesce(landing_page, '(none)') as landing_page, country from ${SESSION_FACTS})`;
  // Units and sessions are joined by number (store/unit-numbers.ts), which also fixes the site.
  // Session units need no touch lookup (an ASOF join sorts its inputs), so they take a plain join.
  // A view: breakdowns and cross-segments read it in one pass (segment-levels.ts), so writing millions of rows to a temporary
  // table first cost more than the join itself.
  await store.query(`create or replace temporary view ${UNIT_DIMENSIONS} as
    select ${columns('s.campaign')}
    from ${JOURNEY_UNITS} u join ${sessions} s on s.session_no = u.unit
    where u.unit_kind = 'session'
    union all
    select ${columns('coalesce(s.campaign, touch.campaign)')}
    from (select * from ${JOURNEY_UNITS} where unit_kind = 'visitor') u
    join ${sessions} s on s.session_no = u.last_session
    asof left join (select visitor_no, started_at, campaign from ${SESSION_FACTS} where campaign is not null) touch
      on touch.visitor_no = s.visitor_no and touch.started_at <= s.started_at`);
}
