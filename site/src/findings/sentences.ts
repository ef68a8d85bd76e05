import type {
  CampaignExplanation,
  CampaignReport,
  CampaignVerdict,
  CrossSegment,
  CrossSegments,
  Overview,
} from '../../../reports/index.ts';
import type { FindingsWords } from '../i18n/findings-words.ts';

/** How the sentences show numbers: the site's format.ts functions (passed in, so tests can pick them). */
export interface NumberFormats {
  percent: (share: number) => string;
  count: (count: number) => string;
  change: (change: number) => string;
  money: (amount: number) => string;
}

type Unit = 'session' | 'visitor';

/** A target metric's value: a rate as a percent, revenue as money, counts whole. */
export function metricValue(metric: CampaignVerdict['metric'], value: number, formats: NumberFormats): string {
  if (metric === 'conversionRate') return formats.percent(value);
  if (metric === 'revenue') return formats.money(value);
  return formats.count(Math.round(value));
}

/** The overview's two or three sentences, in a fixed order: drop-off, campaign behind, change. */
export function overviewSentences(overview: Overview, words: FindingsWords, formats: NumberFormats): string[] {
  const sentences: string[] = [];
  const drop = overview.biggestDropOff;
  if (drop !== null) {
    const units = words.units(drop.unit, drop.atStep, formats.count(drop.atStep));
    sentences.push(words.dropOff(drop.name, formats.percent(drop.share), units, drop.from, drop.to));
  }
  const behind = overview.furthestBehind;
  if (behind !== null && behind.verdict.pace !== null) {
    const { verdict } = behind;
    let sentence = words.furthestBehind(
      behind.campaign,
      words.metric(verdict.metric),
      formats.percent(Math.abs(verdict.pace ?? 0)),
    );
    if (verdict.projected !== null && verdict.elapsed !== null && verdict.elapsed < 1) {
      sentence += words.furthestBehindProjected(
        metricValue(verdict.metric, verdict.projected, formats),
        metricValue(verdict.metric, verdict.target, formats),
      );
    }
    sentences.push(sentence);
  }
  const change = overview.biggestChange;
  if (change !== null) {
    sentences.push(
      words.change(
        change.name,
        formats.percent(change.previousConversion),
        formats.percent(change.conversion),
        formats.change(change.change),
      ),
    );
  }
  return sentences.length === 0 ? [words.nothingToFlag] : sentences;
}

/** "Sessions on mobile from Email": the units of a combination of segment values. */
export function segmentSubject(
  segments: readonly { dimension: CrossSegment['dimensions'][number]; value: string }[],
  unit: Unit,
  words: FindingsWords,
): string {
  return [words.unitsCapital(unit), ...segments.map(({ dimension, value }) => words.segment(dimension, value))].join(
    ' ',
  );
}

/** One sentence per cross-segment finding, or one saying none was found. */
export function crossSegmentSentences(
  cross: CrossSegments,
  unit: Unit,
  words: FindingsWords,
  formats: NumberFormats,
): { intro: string; findings: string[] } {
  const units = words.unitsPlural(unit);
  if (cross.tested === 0) {
    return { intro: words.crossTooFew(formats.count(cross.minUnits), units), findings: [] };
  }
  if (cross.findings.length === 0) {
    return { intro: words.crossNone(formats.count(cross.tested), formats.count(cross.minUnits), units), findings: [] };
  }
  return {
    intro: words.crossIntro(formats.count(cross.tested), formats.count(cross.minUnits), units),
    findings: cross.findings.map((finding) =>
      words.crossFinding(
        segmentSubject(
          finding.dimensions.map((dimension, index) => ({ dimension, value: finding.values[index] ?? '' })),
          unit,
          words,
        ),
        formats.percent(finding.conversion),
        formats.count(finding.converted),
        formats.count(finding.started),
        formats.percent(finding.rest.conversion),
        units,
      ),
    ),
  };
}

/** The campaign's verdict in one or two sentences; null without targets. */
export function verdictSentence(
  verdict: CampaignReport['verdict'],
  words: FindingsWords,
  formats: NumberFormats,
): string | null {
  if (verdict === null) return null;
  const value = (amount: number) => metricValue(verdict.metric, amount, formats);
  const metric = words.metric(verdict.metric);
  const status = words.status(verdict.status);
  // No period, or the period is over: the whole target is due; there is nothing left to project.
  if (verdict.elapsed === null || verdict.elapsed >= 1) {
    return words.verdictFinal(status, metric, value(verdict.actual), value(verdict.target));
  }
  if (verdict.pace === null || verdict.projected === null) return words.verdictTooEarly(metric, value(verdict.target));
  const pace =
    verdict.pace > 0
      ? words.verdictAhead(formats.percent(verdict.pace))
      : verdict.pace < 0
        ? words.verdictBehind(formats.percent(-verdict.pace))
        : words.verdictOnPace;
  const projected =
    verdict.metric === 'conversionRate'
      ? words.verdictProjectedRate(metric, value(verdict.projected), value(verdict.target))
      : words.verdictProjected(metric, value(verdict.projected), value(verdict.target));
  return `${words.verdictNow(status, metric, value(verdict.actual), value(verdict.expectedByNow))}${pace}${projected}`;
}

/** The steps and segments that explain a campaign's conversion; empty without a journey. */
export function whySentences(
  explanation: CampaignExplanation | null,
  unit: Unit,
  words: FindingsWords,
  formats: NumberFormats,
): string[] {
  if (explanation === null) return [];
  const units = words.unitsPlural(unit);
  const sentences: string[] = [];
  const step = explanation.weakestStep;
  if (step !== null) {
    sentences.push(
      words.weakestStep(step.name, formats.percent(step.rate), formats.percent(step.othersRate), units) +
        (step.significant ? '' : words.weakestStepChance),
    );
  }
  for (const segment of explanation.worseSegments) {
    sentences.push(
      words.worseSegment(
        segmentSubject([segment], unit, words),
        formats.percent(segment.conversion),
        formats.count(segment.converted),
        formats.count(segment.started),
        formats.percent(segment.rest.conversion),
        units,
      ),
    );
  }
  return sentences.length === 0 ? [words.whyNothing(units)] : sentences;
}
