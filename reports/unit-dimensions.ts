import type { Store } from '../store/index.ts';
import { JOURNEY_UNITS } from './funnel/units.ts';
import { SESSION_FACTS } from './session-facts.ts';

/** Temporary table: the level, traffic source and context of every counted journey unit. */
export const UNIT_DIMENSIONS = 'unit_dimensions';

/** The breakdowns a journey report offers, as columns of UNIT_DIMENSIONS. */
export const DIMENSIONS = ['channel', 'campaign', 'source_medium', 'device', 'landing_page', 'country'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Builds UNIT_DIMENSIONS. A session unit takes its session's first event. A visitor unit takes the
 * session where it reached its last step, except for the campaign: the last non-direct touch, i.e.
 * the latest session of that visitor, started no later than that one, that came from a campaign.
 */
export async function computeUnitDimensions(store: Store): Promise<void> {
  await store.query(`create or replace temporary table ${UNIT_DIMENSIONS} as
    select u.journey, u.unit, u.level, u.steps,
      s.channel,
      coalesce(case when u.unit_kind = 'visitor' then coalesce(s.campaign, touch.campaign) else s.campaign end, '(none)') as campaign,
      coalesce(s.source, '(none)') || ' / ' || coalesce(s.medium, '(none)') as source_medium,
      s.device, coalesce(s.landing_page, '(none)') as landing_page, s.country
    from ${JOURNEY_UNITS} u
    join ${SESSION_FACTS} s on s.session_id = case when u.unit_kind = 'visitor' then u.last_session else u.unit end
      and s.site = u.site
    asof left join (select visitor_id, site, started_at, campaign from ${SESSION_FACTS} where campaign is not null) touch
      on touch.visitor_id = s.visitor_id and touch.site = s.site
      and touch.started_at <= s.started_at`);
}
