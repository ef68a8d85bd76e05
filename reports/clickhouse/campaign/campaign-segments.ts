import type { PolkuConfig } from '../../../config/index.ts';
import {
  CAMPAIGN_SEGMENT_DIMENSIONS,
  CAMPAIGN_SEGMENT_SHAPE,
  type CampaignSegmentRow,
} from '../../campaign/campaign-segments.ts';
import { MIN_TESTED_UNITS } from '../../worse-than-rest.ts';
import { journeyIndexIn, withJourneyNames } from '../journey-names.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { inCampaignPeriod, isConfiguredCampaign } from './campaign-sessions.ts';

/**
 * reports/campaign/campaign-segments.ts's campaignSegments on a ClickHouse report run: started and
 * converted units per (journey, campaign, dimension, value) with enough units to be tested, over the
 * units the campaign funnel counts, for configured campaigns that drive a journey. 18.16 has no
 * GROUPING SETS: each unit is repeated once per dimension (ARRAY JOIN) and one GROUP BY takes them all.
 */
export async function clickHouseCampaignSegments(
  run: ClickHouseReportRun,
  config: PolkuConfig,
): Promise<CampaignSegmentRow[]> {
  const driven = [
    ...new Set(Object.values(config.campaigns).flatMap((c) => (c.journey === undefined ? [] : [c.journey]))),
  ];
  if (driven.length === 0) return [];
  const names = `[${CAMPAIGN_SEGMENT_DIMENSIONS.map((name) => `'${name}'`).join(', ')}]`;
  const columns = `[${CAMPAIGN_SEGMENT_DIMENSIONS.join(', ')}]`;
  const segments = `SELECT journey_index, campaign, dimension, value, count() AS started, countIf(level = steps) AS converted
    FROM ${run.distributed('unit_dimensions')} ARRAY JOIN ${names} AS dimension, ${columns} AS value
    WHERE ${journeyIndexIn(run, driven)} AND ${isConfiguredCampaign(run, 'campaign')}
      AND ${inCampaignPeriod(run, 'campaign', 'started_us')}
    GROUP BY journey_index, campaign, dimension, value
    HAVING count() >= ${MIN_TESTED_UNITS}`;
  // DuckDB's ORDER BY ALL: every column, strings by their bytes as here.
  return clickHouseRows(
    run.shards.first,
    'campaign segments',
    `SELECT journey, campaign, dimension, value, started, converted FROM ${withJourneyNames(run, segments)}
    ORDER BY journey, campaign, dimension, value, started, converted`,
    CAMPAIGN_SEGMENT_SHAPE,
  );
}
