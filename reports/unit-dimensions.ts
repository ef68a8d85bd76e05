import type { Store } from '../store/index.ts';
import { JOURNEY_UNITS } from './funnel/units.ts';
import { SESSION_FACTS } from './session-facts.ts';

/** Temporary view: the level, traffic source and context of every counted journey unit. */
export const UNIT_DIMENSIONS = 'unit_dimensions';
/**
 * Temporary view: every counted journey unit with the session that describes it (`session_no`) and,
 * for a visitor unit, the campaign of its last campaign touch (`touch_campaign`, else null). Joined
 * to SESSION_LABELS it gives UNIT_DIMENSIONS; segment levels group it by session first.
 */
export const UNIT_SESSIONS = 'unit_sessions';
/** Temporary view: each session's breakdown values (the DIMENSIONS), `campaign` null when none. */
export const SESSION_LABELS = 'session_labels';

/** The breakdowns a journey report offers, as columns of UNIT_DIMENSIONS. */
export const DIMENSIONS = ['channel', 'campaign', 'source_medium', 'device', 'landing_page', 'country'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Defines UNIT_SESSIONS, SESSION_LABELS and UNIT_DIMENSIONS. A session unit takes its session's
 * first event. A visitor unit takes the session where it reached its last step, except for the
 * campaign: the last non-direct touch, i.e. the latest session of that visitor, started no later than
 * that one, that came from a campaign.
 */
export async function computeUnitDimensions(store: Store): Promise<void> {
  // Per-session labels are built once per session, not once per (journey, unit).
  await store.query(`create or replace temporary view ${SESSION_LABELS} as
    select session_no, channel, campaign,
      coalesce(source, '(none)') || ' / ' || coalesce(medium, '(none)') as source_medium,
      device, coalesce(landing_page, '(none)') as landing_page, country
    from ${SESSION_FACTS}`);
  // started_us (step-1 time) places a unit inside or outside a campaign's period. Units and sessions
  // are joined by number (store/unit-numbers.ts), which also fixes the site. Session units need no
  // touch lookup (an ASOF join sorts its inputs), so they describe themselves.
  const columns = 'u.journey, u.journey_index, u.unit, u.level, u.steps, u.reached_us[1] as started_us';
  await store.query(`create or replace temporary view ${UNIT_SESSIONS} as
    select ${columns}, u.unit as session_no, null::varchar as touch_campaign
    from ${JOURNEY_UNITS} u where u.unit_kind = 'session'
    union all
    select ${columns}, u.last_session as session_no, touch.campaign as touch_campaign
    from (select * from ${JOURNEY_UNITS} where unit_kind = 'visitor') u
    join ${SESSION_FACTS} s on s.session_no = u.last_session
    asof left join (select visitor_no, started_at, campaign from ${SESSION_FACTS} where campaign is not null) touch
      on touch.visitor_no = s.visitor_no and touch.started_at <= s.started_at`);
  // A view: its readers filter it to a few journeys or group it in one pass, so writing millions of
  // rows to a temporary table first cost more than the join itself.
  await store.query(`create or replace temporary view ${UNIT_DIMENSIONS} as
    select u.journey, u.journey_index, u.unit, u.level, u.steps, u.started_us, s.channel,
      coalesce(s.campaign, u.touch_campaign, '(none)') as campaign, s.source_medium, s.device, s.landing_page, s.country
    from ${UNIT_SESSIONS} u join ${SESSION_LABELS} s on s.session_no = u.session_no`);
}
