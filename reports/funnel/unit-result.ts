/**
 * Every funnel order produces the same per-unit row, so the report metrics are written once:
 * - `unit`: the session's or visitor's number (store/unit-numbers.ts; `session_numbers` and
 *   `visitor_numbers` give the text id back); `level`: the furthest step of its best counted attempt (1..N);
 * - `reached_us`: per step up to `level`, the first time (epoch µs) the unit reached it;
 * - `last_us`, `last_seq`, `last_session`: when (time, then arrival order) and in which session the
 *   unit last reached its `level` step, the session by its number (a drop-off's "time of last step", and where "what it did
 *   next" is looked up: an event with the same time that arrived later came after it);
 * - `convert_us`: for units that completed, start-to-finish time of their first completion.
 * Units whose every attempt was discarded by an exclusion have no row.
 */
export const UNIT_RESULT_COLUMNS = 'unit, level, reached_us, last_us, last_seq, last_session, convert_us';

/**
 * The unit's last session (by number) and the join that finds it: a session unit's last step is in
 * the unit itself, so only a visitor's needs its last step's event looked up by `seq` (a scan of
 * every event and a join: 0.3–0.5 CPU-s per journey on 10 M events, for nothing, on session units).
 */
export function lastSession(unitColumn: 'session_id' | 'visitor_id', unit: string, lastSeq: string): LastSession {
  return unitColumn === 'session_id'
    ? { column: unit, join: '' }
    : { column: 'last_event.session_no', join: `join events last_event on last_event.seq = ${lastSeq}` };
}

export interface LastSession {
  /** SQL for the last session's number. */
  column: string;
  /** A join clause to add after the per-unit rows ('' when none is needed). */
  join: string;
}

/** `list_value(e1, …, eN)[index]` — picks the expression of the unit's own level. */
export function pick(expressions: string[], index: string): string {
  return `list_value(${expressions.join(', ')})[${index}]`;
}

export function steps(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}
