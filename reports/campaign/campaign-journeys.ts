import type { PolkuConfig } from '../../config/index.ts';
import type { RowOf, Store } from '../../store/index.ts';
import { SqlParams } from '../sql-params.ts';
import { UNIT_DIMENSIONS } from '../unit-dimensions.ts';
import { CAMPAIGN_PERIODS } from './campaign-queries.ts';

/** Most steps a journey may have (config/schema.ts). */
const MAX_STEPS = 20;

/** `steps`: attributed units per step 1..20. */
export const CAMPAIGN_JOURNEY_SHAPE = { journey: 'string', campaign: 'string', steps: 'integer[]' } as const;
export type CampaignJourneyRow = RowOf<typeof CAMPAIGN_JOURNEY_SHAPE>;

/**
 * The journey a campaign without a configured `journey` is measured on: the first journey of each
 * site (in config order). Campaigns seen only in the data still show their conversions this way.
 */
export function firstJourneyPerSite(config: PolkuConfig): Map<string, string> {
  const first = new Map<string, string>();
  for (const journey of config.journeys) if (!first.has(journey.site)) first.set(journey.site, journey.id);
  return first;
}

/**
 * Units per step (a list of 20, as in breakdowns) per (journey, campaign), counting
 * only units attributed to the campaign (as in the campaign breakdown) whose step-1 time falls
 * inside the campaign's period, so that the campaign funnel, conversions, their rate and the targets
 * cover the same days as the campaign's sessions and visitors. A campaign without a period counts
 * every attributed unit, as does a campaign seen only in the data (hence the left join; units from no campaign are
 * '(none)' in UNIT_DIMENSIONS). One GROUP BY for all campaigns, over the journeys that campaigns drive only
 * (UNIT_DIMENSIONS is a view: the filter keeps the other journeys' units out of its joins).
 */
export async function campaignJourneys(store: Store, config: PolkuConfig): Promise<CampaignJourneyRow[]> {
  const driven = [
    ...new Set([
      ...Object.values(config.campaigns).flatMap((c) => (c.journey === undefined ? [] : [c.journey])),
      ...firstJourneyPerSite(config).values(),
    ]),
  ];
  if (driven.length === 0) return [];
  const params = new SqlParams();
  const journeys = driven.map((journey) => params.bind(journey, 'journey')).join(', ');
  const perStep = Array.from({ length: MAX_STEPS }, (_, k) => `count(*) filter (where u.level >= ${k + 1})`);
  return store.rows(
    'campaign journeys',
    `select u.journey, u.campaign, list_value(${perStep.join(', ')}) as steps
    from ${UNIT_DIMENSIONS} u left join ${CAMPAIGN_PERIODS} p on p.campaign = u.campaign
    where u.journey in (${journeys}) and u.campaign <> '(none)'
      and (p.starts_at is null or make_timestamp(u.started_us) >= p.starts_at)
      and (p.ends_at is null or make_timestamp(u.started_us) < p.ends_at)
    group by u.journey, u.campaign`,
    CAMPAIGN_JOURNEY_SHAPE,
    params.values,
  );
}
