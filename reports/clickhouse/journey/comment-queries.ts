import type { ReportRange } from '../../funnel/journey-events.ts';
import { COMMENTS_PER_STEP, type StepCommentRow } from '../../journey/comment-queries.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { compareText } from '../text-order.ts';
import { isoOfMicros } from '../timestamps.ts';
import { FEEDBACK_STEP, feedbackEventsJoin, propIsString, propText, trimSpacesSql } from './feedback-events.ts';
import { journeyNameJoin } from './journey-list-sql.ts';
import { duckDbIntegerCasts } from './score-cast.ts';

interface ShardComments {
  journey: string;
  step: number;
  score: string;
  total: string | number;
  /** (at_us, id, comment), newest first, at most COMMENTS_PER_STEP. */
  newest: [string | number, string, string][];
}

/**
 * The comments of `feedback` events per step (reports/journey/comment-queries.ts commentsByStep):
 * attributed like NPS, only with a valid score 0..10 and a comment that is a JSON string, not blank
 * once trimmed; newest first (ties by event id), at most COMMENTS_PER_STEP per step, with the step's
 * total before the cap.
 *
 * Whether a score is valid is DuckDB's cast of its text (score-cast.ts), known only here, so each
 * shard groups its comments by (journey, step, score text) and sends each group's count and newest
 * COMMENTS_PER_STEP (distributed_group_by_no_merge); the newest of a step's valid groups are among
 * those, merged here.
 */
export async function clickHouseCommentsByStep(
  run: ClickHouseReportRun,
  range: ReportRange = {},
): Promise<StepCommentRow[]> {
  const comment = trimSpacesSql(propText('comment'));
  const groups = await run.shards.first.query<ShardComments>(
    `SELECT journey, step, score, total, newest FROM (
      SELECT journey_index, ${FEEDBACK_STEP} AS step, ${propText('score')} AS score, count() AS total,
        arraySlice(arraySort(c -> (-c.1, c.2), groupArray((at_us, id, ${comment}))), 1, ${COMMENTS_PER_STEP}) AS newest
      FROM ${feedbackEventsJoin(run, range, [
        "has(prop_keys, 'score')",
        "has(prop_keys, 'comment')",
        propIsString('comment'),
        `${comment} != ''`,
      ])}
      WHERE step >= 1
      GROUP BY journey_index, step, score
    ) ${journeyNameJoin(run)}`,
    { distributed_group_by_no_merge: 1 },
  );
  const scores = await duckDbIntegerCasts(groups.map((group) => group.score));
  const bySteps = new Map<string, { journey: string; step: number; total: number; comments: Comment[] }>();
  for (const group of groups) {
    const score = scores.get(group.score) ?? null;
    if (score === null || score < 0 || score > 10) continue;
    const key = JSON.stringify([group.journey, group.step]);
    const entry = bySteps.get(key) ?? { journey: group.journey, step: Number(group.step), total: 0, comments: [] };
    entry.total += Number(group.total);
    for (const [at, id, text] of group.newest) entry.comments.push({ atUs: BigInt(at), id, score, text });
    bySteps.set(key, entry);
  }
  return [...bySteps.values()]
    .sort((a, b) => compareText(a.journey, b.journey) || a.step - b.step)
    .flatMap(({ journey, step, total, comments }) =>
      comments
        .sort(newestFirst)
        .slice(0, COMMENTS_PER_STEP)
        .map(({ atUs, score, text }) => ({ journey, step, at: isoOfMicros(atUs), score, comment: text, total })),
    );
}

interface Comment {
  atUs: bigint;
  id: string;
  score: number;
  text: string;
}

/** DuckDB's `order by ts desc, id` (a UUID orders as its text does). */
function newestFirst(a: Comment, b: Comment): number {
  if (a.atUs !== b.atUs) return a.atUs > b.atUs ? -1 : 1;
  return compareText(a.id, b.id);
}
