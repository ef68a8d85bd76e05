import type { ReportRange } from '../../funnel/journey-events.ts';
import type { NpsRow } from '../../journey/step-queries.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { compareText } from '../text-order.ts';
import { FEEDBACK_STEP, feedbackEventsJoin, propText } from './feedback-events.ts';
import { journeyNameJoin } from './journey-list-sql.ts';
import { duckDbIntegerCasts } from './score-cast.ts';

/**
 * NPS per step (reports/journey/step-queries.ts npsByStep): each `feedback` event of a counted unit
 * belongs to the furthest step the unit had reached when it was sent (before step 1: not counted),
 * and counts when `try_cast(score as integer)` is 0..10. The cluster counts answers per score text;
 * each distinct text is then read as DuckDB reads it (score-cast.ts: "9", " 9", "9.4", "+9" are 9).
 */
export async function clickHouseNpsByStep(run: ClickHouseReportRun, range: ReportRange = {}): Promise<NpsRow[]> {
  const counts = await clickHouseRows(
    run.shards.first,
    'NPS by step',
    `SELECT journey, step, score, answers FROM (
      SELECT journey_index, ${FEEDBACK_STEP} AS step, ${propText('score')} AS score, count() AS answers
      FROM ${feedbackEventsJoin(run, range, ["has(prop_keys, 'score')"])}
      WHERE step >= 1
      GROUP BY journey_index, step, score
    ) ${journeyNameJoin(run)}`,
    { journey: 'string', step: 'integer', score: 'string', answers: 'integer' },
  );
  const scores = await duckDbIntegerCasts(counts.map((row) => row.score));
  const bySteps = new Map<string, { -readonly [K in keyof NpsRow]: NpsRow[K] }>();
  for (const { journey, step, score: text, answers } of counts) {
    const score = scores.get(text) ?? null;
    if (score === null || score < 0 || score > 10) continue;
    const key = JSON.stringify([journey, step]);
    const row = bySteps.get(key) ?? { journey, step, responses: 0, promoters: 0, passives: 0, detractors: 0 };
    row.responses += answers;
    if (score >= 9) row.promoters += answers;
    else if (score >= 7) row.passives += answers;
    else row.detractors += answers;
    bySteps.set(key, row);
  }
  return [...bySteps.values()].sort((a, b) => compareText(a.journey, b.journey) || a.step - b.step);
}
