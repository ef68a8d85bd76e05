import type { Store } from '../../store/index.ts';

/**
 * The largest unit-number range (in bits) for which a step-count query groups units in a perfect
 * hash table: an array indexed by the unit's number instead of a hash table. Units are numbered
 * densely from 0 (store/unit-numbers.ts), so 2^20 slots hold a million sessions; each slot is one
 * `min` state, so the table stays under ~25 MB per thread. DuckDB's default (12 bits) never applies
 * to units, and raising it for the whole report made the session facts (a dozen string states per
 * group) twice as slow and the peak RSS 2.6 GB, so it is raised for step counts only.
 */
const MAX_UNIT_BITS = 20;

/**
 * Runs `work` with perfect hash grouping enabled for units numbered by `numberColumn` of the events,
 * when their range is small enough (the column's bounds come from its statistics: no scan).
 * The 4-step funnel on 10 M events took 15 % less time and 17 % less CPU (bench/RESULTS.md).
 */
export async function withUnitPerfectHash<T>(
  store: Store,
  numberColumn: 'session_no' | 'visitor_no',
  work: () => Promise<T>,
): Promise<T> {
  const [bounds] = await store.query(`select max(${numberColumn})::bigint as last from events`);
  const last = Number(bounds?.last ?? 0);
  const bits = Math.max(1, Math.ceil(Math.log2(last + 1)));
  return bits > MAX_UNIT_BITS ? work() : withPerfectHash(store, bits, work);
}

/**
 * Runs `work` with DuckDB grouping in a perfect hash table (an array indexed by the group values,
 * known from column statistics) whenever the groups' values need at most `bits` bits together.
 */
export async function withPerfectHash<T>(store: Store, bits: number, work: () => Promise<T>): Promise<T> {
  await store.query(`set perfect_ht_threshold = ${bits}`);
  try {
    return await work();
  } finally {
    await store.query('reset perfect_ht_threshold');
  }
}
