import type { JourneyReport, Segment } from './data.ts';
import { countOf, formatMargin, formatPercent } from './format.ts';
import { commonText } from './i18n/common.ts';
import { headlineText as text } from './i18n/headline.ts';

/**
 * The plain sentence at the top of a journey page: where the most units left, how sure we are, and
 * which segment (with enough units to rank) left most at that step. Null when nobody started.
 */
export function journeyHeadline(journey: JourneyReport): string | null {
  const started = journey.steps[0]?.count ?? 0;
  if (started === 0) return null;
  const drop = journey.biggestDropOff;
  if (drop === null) return text.allCompleted(journey.unit, countOf(started, journey.unit));
  const from = journey.steps[drop.afterStep - 1];
  const to = journey.steps[drop.afterStep];
  if (from === undefined || to === undefined) return null;
  // The step's interval is of the share that went on; the share that left spans its complement.
  const left = { low: 1 - to.interval.high, high: 1 - to.interval.low };
  let sentence = text.biggestDropOff(
    from.name,
    to.name,
    formatPercent(drop.share),
    from.count,
    journey.unit,
    formatMargin(left),
  );
  const worst = worstSegmentAt(journey, drop.afterStep);
  if (worst !== null && worst.left > drop.share) {
    const phrase = text.segments[worst.dimension] ?? text.otherSegment;
    sentence += text.leftMost(
      phrase(worst.segment.value.replaceAll('(none)', commonText.noValue), journey.unit),
      formatPercent(worst.left),
    );
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
