import type { RowOf, Store } from '../../store/index.ts';
import { UNIT_ANSWERS } from './feedback-answers.ts';

/** Comments kept per step, newest first: enough to read, without making the page a data dump. */
export const COMMENTS_PER_STEP = 20;

/** `at`: a timestamp, so an ISO string (store/values.ts); `total`: every comment of the step, before the cap. */
export const STEP_COMMENT_SHAPE = {
  journey: 'string',
  step: 'integer',
  at: 'string',
  score: 'integer',
  comment: 'string',
  total: 'integer',
} as const;
export type StepCommentRow = RowOf<typeof STEP_COMMENT_SHAPE>;

/**
 * The comments of the answers (feedback-answers.ts, written first: `feedback` events in the range
 * with a valid score 0..10) per step, attributed like NPS (step-queries.ts
 * npsByStep): to the furthest step the unit had reached when it was sent. Newest first (ties by
 * event id, so the order is stable), at most COMMENTS_PER_STEP per step. The collector removed
 * e-mail addresses and phone numbers before storing (collector/enrich/scrub-comment.ts).
 */
export function commentsByStep(store: Store): Promise<StepCommentRow[]> {
  return store.rows(
    'comments by step',
    `select journey, step, ts as at, score, comment, total
    from (select *, count(*) over (partition by journey, step)::integer as total,
        row_number() over (partition by journey, step order by ts desc, id) as rank
      from ${UNIT_ANSWERS} where step >= 1 and comment <> '')
    where rank <= ${COMMENTS_PER_STEP}
    order by journey, step, rank`,
    STEP_COMMENT_SHAPE,
  );
}
