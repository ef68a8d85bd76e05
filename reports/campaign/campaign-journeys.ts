import type { PlainRow, Store } from '../../store/index.ts';
import { UNIT_DIMENSIONS } from '../unit-dimensions.ts';
import { CAMPAIGN_PERIODS } from './campaign-queries.ts';

/** Most steps a journey may have (config/schema.ts). */
const MAX_STEPS = 20;

/**
 * Units per step (a JSON list of 20, as in breakdowns) per (journey, configured campaign), counting
 * only units attributed to the campaign (as in the campaign breakdown) whose step-1 time falls
 * inside the campaign's period, so that the campaign funnel, conversions, their rate and the targets
 * cover the same days as the campaign's sessions and visitors. A campaign without a period counts
 * every attributed unit. One GROUP BY for all campaigns; the report picks each campaign's journey.
 */
export function campaignJourneys(store: Store): Promise<PlainRow[]> {
  const perStep = Array.from({ length: MAX_STEPS }, (_, k) => `count(*) filter (where u.level >= ${k + 1})`);
  return store.query(`select u.journey, u.campaign, list_value(${perStep.join(', ')}) as steps
    from ${UNIT_DIMENSIONS} u join ${CAMPAIGN_PERIODS} p on p.campaign = u.campaign
    where (p.starts_at is null or make_timestamp(u.started_us) >= p.starts_at)
      and (p.ends_at is null or make_timestamp(u.started_us) < p.ends_at)
    group by u.journey, u.campaign`);
}
