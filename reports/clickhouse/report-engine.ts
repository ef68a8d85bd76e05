import { ClickHouseError } from '../../store/clickhouse/client.ts';
import { unreachableShards } from '../../store/clickhouse/cluster.ts';
import type { ReportEngine } from '../report-engine.ts';
import { clickHouseCampaignJourneys } from './campaign/campaign-journeys.ts';
import { clickHouseComputeCampaignPeriods } from './campaign/campaign-periods.ts';
import {
  clickHouseCampaignPeriods,
  clickHouseCampaignRankings,
  clickHouseCampaignTotals,
  clickHouseSiteAverages,
} from './campaign/campaign-queries.ts';
import { clickHouseCampaignSegments } from './campaign/campaign-segments.ts';
import { clickHouseCampaignDailyTrends } from './campaign/daily-trend.ts';
import { computeClickHouseJourneyUnits } from './funnel/journey-units.ts';
import { clickHouseCohortCells } from './journey/cohorts.ts';
import { clickHouseCommentsByStep } from './journey/comment-queries.ts';
import { clickHouseCrossSegmentCounts } from './journey/cross-segments.ts';
import { clickHouseNextActions } from './journey/next-actions.ts';
import { clickHouseNpsByStep } from './journey/nps-by-step.ts';
import { clickHouseSegmentLevels } from './journey/segment-levels.ts';
import { clickHouseBreakdownCounts, clickHouseTrendCounts } from './journey/segment-queries.ts';
import {
  clickHouseDropOffSamples,
  clickHouseStepCounts,
  clickHouseTimeBeforeLeaving,
  clickHouseTimeFromPrevious,
  clickHouseTimeToConvert,
} from './journey/step-queries.ts';
import { clickHouseReportPreviousPeriodCounts } from './previous-period.ts';
import { clickHouseReportSummary } from './report-summary.ts';
import type { ClickHouseReportRun } from './run-tables.ts';
import { clickHouseSessionDetails } from './session-details.ts';
import { clickHouseSessionFacts } from './session-facts.ts';
import { clickHouseUnitDimensions } from './unit-dimensions.ts';
import { clickHouseConversionValues } from './value/conversion-values.ts';
import { clickHouseCampaignDeciles, clickHouseJourneyDeciles } from './value/deciles.ts';
import { clickHouseJourneyValues } from './value/journey-value.ts';

/**
 * The report's rows from a ClickHouse cluster, for one report run (run-tables.ts): each stage fills
 * a run table on the shards, every unit on its visitor's shard, and each query runs over those tables
 * there; only aggregates travel to the shard that was asked. The rows equal DuckDB's on the same
 * events, so computeReportWith assembles the same model
 * (tests/integration/clickhouse-report-model.test.ts).
 */
export function clickHouseReportEngine(run: ClickHouseReportRun): ReportEngine {
  return namingShardsThatStop(run, {
    backend: 'clickhouse',
    summary: (range) => clickHouseReportSummary(run, range),
    computeJourneyUnits: (journeys, range) => computeClickHouseJourneyUnits(run, journeys, range),
    computeSessionFacts: (range) => clickHouseSessionFacts(run, range),
    computeUnitDimensions: () => clickHouseUnitDimensions(run),
    computeCampaignPeriods: (config, now) => clickHouseComputeCampaignPeriods(run, config, now),
    computeConversionValues: (config, range) => clickHouseConversionValues(run, config, range),
    computeSegmentLevels: () => clickHouseSegmentLevels(run),
    stepCounts: () => clickHouseStepCounts(run),
    timeFromPrevious: () => clickHouseTimeFromPrevious(run),
    timeToConvert: (buckets) => clickHouseTimeToConvert(run, buckets),
    timeBeforeLeaving: () => clickHouseTimeBeforeLeaving(run),
    nextActions: () => clickHouseNextActions(run),
    dropOffSamples: () => clickHouseDropOffSamples(run),
    feedbackByStep: async (range) => ({
      nps: await clickHouseNpsByStep(run, range),
      comments: await clickHouseCommentsByStep(run, range),
    }),
    breakdownCounts: () => clickHouseBreakdownCounts(run),
    crossSegmentCounts: () => clickHouseCrossSegmentCounts(run),
    trendCounts: (timezone, granularity) => clickHouseTrendCounts(run, timezone, granularity),
    cohortCells: (journeys, timezone, range) => clickHouseCohortCells(run, journeys, timezone, range),
    previousPeriodCounts: (config, previous) => clickHouseReportPreviousPeriodCounts(run, config, previous),
    journeyValues: () => clickHouseJourneyValues(run),
    journeyDeciles: (journeys) => clickHouseJourneyDeciles(run, journeys),
    campaignTotals: () => clickHouseCampaignTotals(run),
    campaignRankings: () => clickHouseCampaignRankings(run),
    campaignDeciles: () => clickHouseCampaignDeciles(run),
    campaignPeriods: () => clickHouseCampaignPeriods(run),
    siteAverages: () => clickHouseSiteAverages(run),
    campaignJourneys: (config) => clickHouseCampaignJourneys(run, config),
    campaignDailyTrends: (timezone) => clickHouseCampaignDailyTrends(run, timezone),
    campaignSegments: (config) => clickHouseCampaignSegments(run, config),
    sessionDetails: (config, data) => clickHouseSessionDetails(config, run, data),
  });
}

/**
 * A shard that stops during a report makes the query that needed it fail (skip_unavailable_shards
 * stays 0: never a report from some shards' rows). Shard 1 words that as a connection error to a
 * TCP port; this names the shard by its HTTP URL instead, as every other Polku message does.
 */
function namingShardsThatStop(run: ClickHouseReportRun, engine: ReportEngine): ReportEngine {
  const named = { ...engine } as Record<string, unknown>;
  for (const [name, method] of Object.entries(engine)) {
    if (typeof method !== 'function') continue;
    named[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        const down = await unreachableShards(run.shards.shards);
        if (down.length === 0) throw error;
        throw new ClickHouseError(
          `ClickHouse ${down.join(' and ')} stopped answering during the report, which was not written: ` +
            'start it and run the command again',
          null,
          run.shards.first.url,
        );
      }
    };
  }
  return named as unknown as ReportEngine;
}
