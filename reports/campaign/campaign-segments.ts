import type { PolkuConfig } from '../../config/index.ts';
import type { RowOf, Store } from '../../store/index.ts';
import { SqlParams } from '../sql-params.ts';
import { type Dimension, UNIT_DIMENSIONS } from '../unit-dimensions.ts';
import { MIN_TESTED_UNITS } from '../worse-than-rest.ts';
import { CAMPAIGN_PERIODS } from './campaign-queries.ts';

/** Every breakdown dimension but the campaign itself: what sets some of a campaign's units apart. */
export const CAMPAIGN_SEGMENT_DIMENSIONS: readonly Dimension[] = [
  'device',
  'channel',
  'landing_page',
  'source_medium',
  'country',
];

export const CAMPAIGN_SEGMENT_SHAPE = {
  journey: 'string',
  campaign: 'string',
  dimension: 'string',
  value: 'string',
  started: 'integer',
  converted: 'integer',
} as const;
export type CampaignSegmentRow = RowOf<typeof CAMPAIGN_SEGMENT_SHAPE>;

/**
 * Started and converted units per (journey, campaign, dimension, value) with enough units to be
 * tested, over the units the campaign funnel counts (campaign-journeys.ts: attributed, step 1 inside
 * the campaign period, driven journeys only): one grouping-sets query for all campaigns.
 */
export async function campaignSegments(store: Store, config: PolkuConfig): Promise<CampaignSegmentRow[]> {
  const driven = [
    ...new Set(Object.values(config.campaigns).flatMap((c) => (c.journey === undefined ? [] : [c.journey]))),
  ];
  if (driven.length === 0) return [];
  const params = new SqlParams();
  const journeys = driven.map((journey) => params.bind(journey, 'journey')).join(', ');
  const dimension = CAMPAIGN_SEGMENT_DIMENSIONS.map((name) => `when grouping(${name}) = 0 then '${name}'`).join(' ');
  const value = CAMPAIGN_SEGMENT_DIMENSIONS.map((name) => `when grouping(${name}) = 0 then ${name}`).join(' ');
  const sets = CAMPAIGN_SEGMENT_DIMENSIONS.map((name) => `(u.journey, u.campaign, ${name})`).join(', ');
  return store.rows(
    'campaign segments',
    `select u.journey, u.campaign, case ${dimension} end as dimension, case ${value} end as value,
      count(*)::integer as started, count(*) filter (where u.level = u.steps)::integer as converted
    from ${UNIT_DIMENSIONS} u join ${CAMPAIGN_PERIODS} p on p.campaign = u.campaign
    where u.journey in (${journeys})
      and (p.starts_at is null or make_timestamp(u.started_us) >= p.starts_at)
      and (p.ends_at is null or make_timestamp(u.started_us) < p.ends_at)
    group by grouping sets (${sets})
    having count(*) >= ${MIN_TESTED_UNITS}
    order by all`,
    CAMPAIGN_SEGMENT_SHAPE,
    params.values,
  );
}
