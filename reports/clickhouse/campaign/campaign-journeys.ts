import type { PolkuConfig } from '../../../config/index.ts';
import {
  CAMPAIGN_JOURNEY_SHAPE,
  type CampaignJourneyRow,
  firstJourneyPerSite,
} from '../../campaign/campaign-journeys.ts';
import { journeyIndexIn, withJourneyNames } from '../journey-names.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { inCampaignPeriod } from './campaign-sessions.ts';

/** Most steps a journey may have (config/schema.ts), as campaign-journeys.ts lists them. */
const MAX_STEPS = 20;

/**
 * reports/campaign/campaign-journeys.ts's campaignJourneys on a ClickHouse report run: units per step
 * (a list of 20) per (journey, campaign) over the units attributed to a campaign whose step-1 time
 * falls inside its period, for the journeys campaigns drive (configured, or each site's first).
 */
export async function clickHouseCampaignJourneys(
  run: ClickHouseReportRun,
  config: PolkuConfig,
): Promise<CampaignJourneyRow[]> {
  const driven = [
    ...new Set([
      ...Object.values(config.campaigns).flatMap((c) => (c.journey === undefined ? [] : [c.journey])),
      ...firstJourneyPerSite(config).values(),
    ]),
  ];
  if (driven.length === 0) return [];
  const perStep = Array.from({ length: MAX_STEPS }, (_, k) => `countIf(level >= ${k + 1})`);
  const units = `SELECT journey_index, campaign, [${perStep.join(', ')}] AS steps
    FROM ${run.distributed('unit_dimensions')}
    WHERE ${journeyIndexIn(run, driven)} AND campaign != '(none)' AND ${inCampaignPeriod(run, 'campaign', 'started_us')}
    GROUP BY journey_index, campaign`;
  return clickHouseRows(
    run.shards.first,
    'campaign journeys',
    `SELECT journey, campaign, steps FROM ${withJourneyNames(run, units)}`,
    CAMPAIGN_JOURNEY_SHAPE,
  );
}
