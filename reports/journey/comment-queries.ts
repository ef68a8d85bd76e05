import type { RowOf, Store } from '../../store/index.ts';
import type { ReportRange } from '../funnel/journey-events.ts';
import { JOURNEY_UNITS } from '../funnel/units.ts';
import { rangeCondition } from '../session-facts.ts';
import { SqlParams } from '../sql-params.ts';

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
 * The comments of `feedback` events per step, attributed like NPS (step-queries.ts npsByStep): to the
 * furthest step the unit had reached when it was sent, and only with a valid score 0..10. Newest
 * first (ties by event id, so the order is stable), at most COMMENTS_PER_STEP per step. The
 * collector removed e-mail addresses and phone numbers before storing (collector/enrich/scrub-comment.ts).
 */
export function commentsByStep(store: Store, range: ReportRange = {}): Promise<StepCommentRow[]> {
  const params = new SqlParams();
  // Only comments given inside the report range, like the NPS they go with.
  const inRange = rangeCondition(range, params, 'e.ts');
  const feedback = (kind: string, column: string) => `select u.journey, u.reached_us, e.id, e.ts,
      try_cast(json_extract_string(e.props, '$.score') as integer) as score,
      trim(json_extract_string(e.props, '$.comment')) as comment
    from ${JOURNEY_UNITS} u join events e on e.${column} = u.unit
    where u.unit_kind = '${kind}' and e.name = 'feedback' and ${inRange}
      and json_type(e.props, '$.comment') = 'VARCHAR'`;
  return store.rows(
    'comments by step',
    `select journey, step, ts as at, score, comment, total
    from (select *, count(*) over (partition by journey, step)::integer as total,
        row_number() over (partition by journey, step order by ts desc, id) as rank
      from (select journey, id, ts, score, comment, len(list_filter(reached_us, (t) -> t <= epoch_us(ts))) as step
        from (${feedback('session', 'session_no')} union all ${feedback('visitor', 'visitor_no')}))
      where step >= 1 and score between 0 and 10 and comment <> '')
    where rank <= ${COMMENTS_PER_STEP}
    order by journey, step, rank`,
    STEP_COMMENT_SHAPE,
    params.values,
  );
}
