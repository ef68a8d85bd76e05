import type { JourneyConfig } from '../../config/index.ts';
import { capRows, otherLabel, total } from '../capped-rows.ts';
import type {
  BiggestDropOff,
  Breakdown,
  DaySummary,
  DurationSummary,
  JourneyReport,
  PreviousPeriod,
  Segment,
  StepResult,
  TimeToConvert,
  Trend,
} from '../model.ts';
import { newcombeDifference, ratio, round, significantlyLower, wilson } from '../stats.ts';
import { DIMENSIONS } from '../unit-dimensions.ts';
import { assembleCohorts, type CohortRow } from './cohorts.ts';
import type { StepCommentRow } from './comment-queries.ts';
import { assembleCrossSegments, type CrossSegmentRow } from './cross-segments.ts';
import type { BreakdownRow, TrendRow } from './segment-queries.ts';
import type {
  DropOffSampleRow,
  NextActionRow,
  NpsRow,
  StepCountRow,
  StepDurationRow,
  TimeToConvertRow,
} from './step-queries.ts';

/** Segments with fewer started units are shown but neither ranked nor flagged. */
export const SMALL_SAMPLE = 30;
export const CONVERT_BUCKETS: readonly { upToSeconds: number; label: string }[] = [
  { upToSeconds: 60, label: '≤ 1 min' },
  { upToSeconds: 300, label: '≤ 5 min' },
  { upToSeconds: 900, label: '≤ 15 min' },
  { upToSeconds: 3600, label: '≤ 1 h' },
  { upToSeconds: 86_400, label: '≤ 1 day' },
];

/** The query results of every journey, grouped by journey id (then keyed however each needs). */
export interface JourneyRows {
  steps: StepCountRow[];
  timeFromPrevious: StepDurationRow[];
  timeToConvert: TimeToConvertRow[];
  timeBeforeLeaving: StepDurationRow[];
  nextActions: NextActionRow[];
  samples: DropOffSampleRow[];
  nps: NpsRow[];
  comments: StepCommentRow[];
  breakdowns: BreakdownRow[];
  crossSegments: CrossSegmentRow[];
  trend: TrendRow[];
  granularity: Trend['granularity'];
  cohorts: CohortRow[];
  /** The window before the report period, the sites with any event in it, and journey step counts. */
  previous: { from: string; to: string; sitesWithData: string[]; rows: StepCountRow[] } | null;
}

const of = <Row extends { journey: string }>(rows: Row[], journey: string) =>
  rows.filter((row) => row.journey === journey);
const atStep = <Row extends { step: number }>(rows: Row[], step: number) => rows.find((row) => row.step === step);

function duration(row: StepDurationRow | undefined): DurationSummary | null {
  if (row === undefined) return null;
  return { units: row.units, medianSeconds: round(row.median, 3), p75Seconds: round(row.p75, 3) };
}

const SECONDS_PER_DAY = 86_400;

/** Visitor journeys span days and weeks: their step times also read in days (same quantiles). */
function days(journey: JourneyConfig, row: StepDurationRow | undefined): DaySummary | null {
  if (journey.unit !== 'visitor' || row === undefined) return null;
  return {
    units: row.units,
    medianDays: round(row.median / SECONDS_PER_DAY, 3),
    p75Days: round(row.p75 / SECONDS_PER_DAY, 3),
  };
}

/** Next actions listed per step before the rest are summed. */
export const NEXT_ACTIONS = 5;

/**
 * Puts one journey's slice of every query result into the report model; breakdowns keep their
 * `maxRows` largest segments and sum the rest.
 */
export function assembleJourney(
  journey: JourneyConfig,
  rows: JourneyRows,
  maxRows: number,
): Omit<JourneyReport, 'value'> {
  const id = journey.id;
  // A journey without units, or a step no unit reached, has no row: 0 units.
  const counts = journey.steps.map((_, index) => atStep(of(rows.steps, id), index + 1)?.units ?? 0);
  const started = counts[0] ?? 0;
  const converted = counts.at(-1) ?? 0;
  const steps = journey.steps.map((step, index): StepResult => {
    const count = counts[index] ?? 0;
    const previous = index === 0 ? count : (counts[index - 1] ?? 0);
    const next = counts[index + 1];
    const dropped = next === undefined ? 0 : count - next;
    const npsRow = atStep(of(rows.nps, id), index + 1);
    const comments = of(rows.comments, id).filter((row) => row.step === index + 1);
    return {
      name: step.name,
      count,
      ofStart: ratio(count, started),
      ofPrevious: index === 0 ? (count === 0 ? 0 : 1) : ratio(count, previous),
      interval: index === 0 ? wilson(count, count) : wilson(count, previous),
      droppedHere: dropped,
      timeFromPrevious: duration(atStep(of(rows.timeFromPrevious, id), index + 1)),
      daysFromPrevious: days(journey, atStep(of(rows.timeFromPrevious, id), index + 1)),
      timeBeforeLeaving: duration(atStep(of(rows.timeBeforeLeaving, id), index + 1)),
      nextActions: nextActions(of(rows.nextActions, id), index + 1, dropped),
      samples: of(rows.samples, id)
        .filter((row) => row.step === index + 1)
        .map((row) => ({ id: row.id, lastStepAt: row.last_step_at, hasReplay: row.has_replay })),
      nps: npsRow === undefined ? null : nps(npsRow),
      comments: {
        total: comments[0]?.total ?? 0,
        newest: comments.map(({ at, score, comment }) => ({ at, score, comment })),
      },
    };
  });
  return {
    id,
    name: journey.name,
    site: journey.site,
    unit: journey.unit,
    order: journey.order,
    steps,
    biggestDropOff: biggestDropOff(counts),
    conversion: { rate: ratio(converted, started), interval: wilson(converted, started) },
    timeToConvert: timeToConvert(rows.timeToConvert.find((row) => row.journey === id)),
    breakdowns: breakdowns(of(rows.breakdowns, id), journey.steps.length, started, converted, maxRows),
    crossSegments: assembleCrossSegments(of(rows.crossSegments, id), of(rows.breakdowns, id), started, converted),
    trend: {
      granularity: rows.granularity,
      points: of(rows.trend, id).map((row) => ({
        period: row.period,
        started: row.started,
        converted: row.converted,
        conversion: ratio(row.converted, row.started),
      })),
    },
    previousPeriod: previousPeriod(rows.previous, journey, { started, converted }),
    cohorts: assembleCohorts(journey, rows.cohorts),
  };
}

/** Each unit that dropped did one thing next, so the actions beyond the top ones add up. */
function nextActions(rows: NextActionRow[], step: number, dropped: number): StepResult['nextActions'] {
  const actions = rows
    .filter((row) => row.step === step)
    .sort((a, b) => b.units - a.units || a.action.localeCompare(b.action))
    .map((row) => ({ action: row.action, units: row.units }));
  return capRows<{ action: string; units: number; other?: number }>(actions, NEXT_ACTIONS, (rest) => ({
    action: otherLabel(rest.length),
    units: total(rest, (row) => row.units),
    other: rest.length,
  })).map((row) => ({ ...row, share: ratio(row.units, dropped) }));
}

function nps({ responses, promoters, passives, detractors }: NpsRow): NonNullable<StepResult['nps']> {
  return {
    responses,
    score: round(((promoters - detractors) / responses) * 100, 1),
    promoters,
    passives,
    detractors,
  };
}

/**
 * The step after which the largest share left. "Significantly worse": continuing from it is less
 * likely (95 %, one-sided) than continuing from all other steps pooled.
 */
function biggestDropOff(counts: number[]): BiggestDropOff | null {
  let best: BiggestDropOff | null = null;
  for (let index = 0; index + 1 < counts.length; index++) {
    const at = counts[index] ?? 0;
    const dropped = at - (counts[index + 1] ?? 0);
    const share = ratio(dropped, at);
    if (dropped > 0 && (best === null || share > best.share)) {
      best = { afterStep: index + 1, dropped, share, significantlyWorse: false };
    }
  }
  if (best === null) return null;
  const k = best.afterStep - 1;
  let restTrials = 0;
  let restContinued = 0;
  for (let index = 0; index + 1 < counts.length; index++) {
    if (index === k) continue;
    restTrials += counts[index] ?? 0;
    restContinued += counts[index + 1] ?? 0;
  }
  const at = counts[k] ?? 0;
  best.significantlyWorse = significantlyLower(at - best.dropped, at, restContinued, restTrials);
  return best;
}

/** A journey no unit completed has no row: nothing converted, in no time. */
const NOTHING_CONVERTED: Omit<TimeToConvertRow, 'journey'> = { units: 0, median: 0, p75: 0, within: [] };

function timeToConvert(row: TimeToConvertRow | undefined): TimeToConvert {
  const { units, median, p75, within } = row ?? NOTHING_CONVERTED;
  let below = 0;
  const buckets = CONVERT_BUCKETS.map(({ upToSeconds, label }, index) => {
    // `within` holds one cumulative count per bucket; empty only for NOTHING_CONVERTED.
    const cumulative = within[index] ?? 0;
    const inBucket = cumulative - below;
    below = cumulative;
    return { upToSeconds, label, units: inBucket } as TimeToConvert['buckets'][number];
  });
  buckets.push({ upToSeconds: null, label: '> 1 day', units: units - below });
  return { units, medianSeconds: round(median, 3), p75Seconds: round(p75, 3), buckets };
}

function breakdowns(
  rows: BreakdownRow[],
  stepCount: number,
  started: number,
  converted: number,
  maxRows: number,
): Breakdown[] {
  const segment = (value: string, steps: number[]): Segment => {
    const segmentStarted = steps[0] ?? 0;
    const segmentConverted = steps.at(-1) ?? 0;
    const smallSample = segmentStarted < SMALL_SAMPLE;
    return {
      value,
      steps,
      conversion: ratio(segmentConverted, segmentStarted),
      interval: wilson(segmentConverted, segmentStarted),
      smallSample,
      worse:
        !smallSample &&
        significantlyLower(segmentConverted, segmentStarted, converted - segmentConverted, started - segmentStarted),
    };
  };
  return DIMENSIONS.map((dimension) => {
    const all = rows
      .filter((row) => row.dimension === dimension)
      .map((row) => segment(row.value, row.steps.slice(0, stepCount)))
      // The largest segments are kept; a unit is in one segment per dimension, so the rest add up.
      .sort((a, b) => (b.steps[0] ?? 0) - (a.steps[0] ?? 0) || a.value.localeCompare(b.value));
    const kept = all
      .slice(0, maxRows)
      // Large samples first, ranked by conversion; small samples after, by size.
      .sort(
        (a, b) =>
          Number(a.smallSample) - Number(b.smallSample) ||
          (a.smallSample ? (b.steps[0] ?? 0) - (a.steps[0] ?? 0) : b.conversion - a.conversion) ||
          a.value.localeCompare(b.value),
      );
    const rest = all.slice(maxRows);
    if (rest.length === 0) return { dimension, segments: kept };
    const restSteps = Array.from({ length: stepCount }, (_, index) => total(rest, (s) => s.steps[index] ?? 0));
    const other: Segment = { ...segment(otherLabel(rest.length), restSteps), worse: false, other: rest.length };
    return { dimension, segments: [...kept, other] };
  });
}

/** Null when the window before holds no event of the journey's site: nothing to compare with. */
function previousPeriod(
  previous: JourneyRows['previous'],
  journey: JourneyConfig,
  current: { started: number; converted: number },
): PreviousPeriod | null {
  if (previous === null || !previous.sitesWithData.includes(journey.site)) return null;
  // A step no unit reached in that window may have no row: 0 units.
  const steps = Array.from(
    { length: journey.steps.length },
    (_, index) => atStep(of(previous.rows, journey.id), index + 1)?.units ?? 0,
  );
  const previousStarted = steps[0] ?? 0;
  const previousConverted = steps.at(-1) ?? 0;
  const previousConversion = ratio(previousConverted, previousStarted);
  const changeInterval = newcombeDifference(current.converted, current.started, previousConverted, previousStarted);
  return {
    from: previous.from,
    to: previous.to,
    steps,
    conversion: previousConversion,
    change: round(ratio(current.converted, current.started) - previousConversion),
    changeInterval,
    // Without units in either period the interval is −1..1 and never significant.
    significant: changeInterval.low > 0 || changeInterval.high < 0,
  };
}
