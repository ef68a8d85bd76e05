import type { CampaignReport, JourneyReport, Overview } from './model.ts';

/**
 * What the overview page says first, by fixed rules over the assembled report: the biggest drop-off
 * of any journey (each journey's biggest drop-off, the one losing the most units: a step that loses
 * 100 % of 3 sessions matters less than one losing 40 % of 5,000), the
 * campaign furthest behind its pace (verdict at risk or behind, lowest pace), and the biggest
 * significant change in conversion against the previous period. Ties go to the earlier name.
 */
export function overview(journeys: readonly JourneyReport[], campaigns: readonly CampaignReport[]): Overview {
  return {
    biggestDropOff: biggestDropOff(journeys),
    furthestBehind: furthestBehind(campaigns),
    biggestChange: biggestChange(journeys),
  };
}

function biggestDropOff(journeys: readonly JourneyReport[]): Overview['biggestDropOff'] {
  let best: Overview['biggestDropOff'] = null;
  for (const journey of journeys) {
    const drop = journey.biggestDropOff;
    const from = drop === null ? undefined : journey.steps[drop.afterStep - 1];
    const to = drop === null ? undefined : journey.steps[drop.afterStep];
    if (drop === null || from === undefined || to === undefined) continue;
    if (best === null || drop.dropped > best.dropped || (drop.dropped === best.dropped && drop.share > best.share)) {
      best = {
        journey: journey.id,
        name: journey.name,
        unit: journey.unit,
        afterStep: drop.afterStep,
        from: from.name,
        to: to.name,
        atStep: from.count,
        dropped: drop.dropped,
        share: drop.share,
      };
    }
  }
  return best;
}

function furthestBehind(campaigns: readonly CampaignReport[]): Overview['furthestBehind'] {
  let worst: Overview['furthestBehind'] = null;
  for (const campaign of campaigns) {
    const verdict = campaign.verdict;
    if (verdict === null || verdict.pace === null || (verdict.status !== 'behind' && verdict.status !== 'at-risk')) {
      continue;
    }
    if (worst === null || verdict.pace < (worst.verdict.pace ?? 0)) {
      worst = { campaign: campaign.campaign, slug: campaign.slug, verdict };
    }
  }
  return worst;
}

function biggestChange(journeys: readonly JourneyReport[]): Overview['biggestChange'] {
  let biggest: Overview['biggestChange'] = null;
  for (const journey of journeys) {
    const previous = journey.previousPeriod;
    if (previous === null || !previous.significant) continue;
    if (biggest === null || Math.abs(previous.change) > Math.abs(biggest.change)) {
      biggest = {
        journey: journey.id,
        name: journey.name,
        conversion: journey.conversion.rate,
        previousConversion: previous.conversion,
        change: previous.change,
        changeInterval: previous.changeInterval,
      };
    }
  }
  return biggest;
}
