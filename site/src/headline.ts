import type { JourneyReport, Segment } from './data.ts';
import { countOf, formatMargin, formatPercent } from './format.ts';

/** How a segment of a breakdown reads in a sentence about the units in it. */
const SEGMENT_PHRASE: Record<string, (value: string, units: string) => string> = {
  device: (value, units) => `${value} ${units}`,
  campaign: (value, units) => `${units} from ${value}`,
  channel: (value, units) => `${units} from ${value}`,
  source_medium: (value, units) => `${units} from ${value}`,
  landing_page: (value, units) => `${units} landing on ${value}`,
  country: (value, units) => `${units} from ${value}`,
};

/**
 * The plain sentence at the top of a journey page: where the most units left, how sure we are, and
 * which segment (with enough units to rank) left most at that step. Null when nobody started.
 */
export function journeyHeadline(journey: JourneyReport): string | null {
  const started = journey.steps[0]?.count ?? 0;
  if (started === 0) return null;
  const drop = journey.biggestDropOff;
  const units = `${journey.unit}s`;
  if (drop === null)
    return `Every ${journey.unit} that started completed the journey (${countOf(started, journey.unit)}).`;
  const from = journey.steps[drop.afterStep - 1];
  const to = journey.steps[drop.afterStep];
  if (from === undefined || to === undefined) return null;
  let sentence = `Biggest drop-off: ${from.name} → ${to.name} — ${formatPercent(drop.share)} of ${countOf(from.count, journey.unit)} left (${formatMargin(to.interval)})`;
  const worst = worstSegmentAt(journey, drop.afterStep);
  if (worst !== null && worst.left > drop.share) {
    const phrase = SEGMENT_PHRASE[worst.dimension] ?? ((value: string) => `${units} in ${value}`);
    sentence += `; ${phrase(worst.segment.value, units)} left most (${formatPercent(worst.left)})`;
  }
  return `${sentence}.`;
}

/** The segment (not a small sample) whose units left most after `afterStep`. */
export function worstSegmentAt(
  journey: JourneyReport,
  afterStep: number,
): { dimension: string; segment: Segment; left: number } | null {
  let worst: { dimension: string; segment: Segment; left: number } | null = null;
  for (const breakdown of journey.breakdowns) {
    for (const segment of breakdown.segments) {
      const at = segment.steps[afterStep - 1] ?? 0;
      // The "other" row sums many segments: it says nothing about any one of them.
      if (segment.smallSample || segment.other !== undefined || at === 0) continue;
      const left = 1 - (segment.steps[afterStep] ?? 0) / at;
      if (worst === null || left > worst.left) worst = { dimension: breakdown.dimension, segment, left };
    }
  }
  return worst;
}
