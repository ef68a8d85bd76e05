import type { CampaignExplanation, CampaignReport, CampaignSegment, JourneyReport } from '../model.ts';
import { ratio, significantlyLower } from '../stats.ts';
import type { Dimension } from '../unit-dimensions.ts';
import { worseThanRest } from '../worse-than-rest.ts';
import type { CampaignSegmentRow } from './campaign-segments.ts';

/**
 * What explains a campaign's conversion: the step of its journey where its units continue least
 * often compared with the journey's other units, and its segments converting significantly worse
 * than its other units. Null for a campaign without a journey or without units in it: nothing to explain.
 */
export function explainCampaign(
  campaign: Pick<CampaignReport, 'campaign' | 'journey'>,
  journey: JourneyReport | undefined,
  segmentRows: readonly CampaignSegmentRow[],
): CampaignExplanation | null {
  if (campaign.journey === null || campaign.journey.started === 0 || journey === undefined) return null;
  const steps = campaign.journey.steps;
  const rows = segmentRows.filter((row) => row.journey === journey.id && row.campaign === campaign.campaign);
  const segments = rows.map((row) => ({
    dimension: row.dimension as Dimension,
    value: row.value,
    started: row.started,
    converted: row.converted,
    conversion: ratio(row.converted, row.started),
  }));
  const { found } = worseThanRest(
    segments,
    { started: campaign.journey.started, converted: campaign.journey.conversions },
    (segment) => `${segment.dimension}\u0000${segment.value}`,
  );
  const worseSegments = found.map(
    ({ pValue: _p, ...segment }): CampaignSegment => ({
      dimension: segment.dimension,
      value: segment.value,
      started: segment.started,
      converted: segment.converted,
      conversion: segment.conversion,
      rest: segment.rest,
      adjustedPValue: segment.adjustedPValue,
    }),
  );
  return { weakestStep: weakestStep(steps, journey), worseSegments };
}

/**
 * The step (2..N) whose step conversion for the campaign's units falls furthest below the same step
 * for the journey's other units (the journey's counts less the campaign's). Null when none is below.
 */
function weakestStep(steps: readonly number[], journey: JourneyReport): CampaignExplanation['weakestStep'] {
  let weakest: CampaignExplanation['weakestStep'] = null;
  let gap = 0;
  for (let index = 1; index < steps.length; index++) {
    const from = steps[index - 1] ?? 0;
    const reached = steps[index] ?? 0;
    const othersFrom = (journey.steps[index - 1]?.count ?? 0) - from;
    const othersReached = (journey.steps[index]?.count ?? 0) - reached;
    if (from === 0 || othersFrom <= 0) continue;
    const rate = ratio(reached, from);
    const othersRate = ratio(othersReached, othersFrom);
    if (rate - othersRate < gap) {
      gap = rate - othersRate;
      weakest = {
        step: index + 1,
        name: journey.steps[index]?.name ?? '',
        from,
        reached,
        rate,
        othersRate,
        significant: significantlyLower(reached, from, othersReached, othersFrom),
      };
    }
  }
  return weakest;
}
