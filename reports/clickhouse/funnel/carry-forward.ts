/**
 * Array helpers that move values between positions of a unit's event arrays in linear time. A look-up
 * inside a lambda (`arrayMap(j -> a[j], js)`) makes ClickHouse copy `a` for every element, which is
 * quadratic in the unit's events (10 s for one visitor with 10 000 step events); these use only
 * element-wise maps, filters, running sums and one flatten.
 */

/**
 * Repeats `values[b]` `sizes[b]` times, in order: the runs laid end to end (`range` and the -Array
 * combinator of groupArray flatten them).
 */
export function expandRuns(values: string, sizes: string): string {
  return `arrayReduce('groupArrayArray', arrayMap((v, c) -> arrayMap(z -> v, range(toUInt64(c))), ${values}, ${sizes}))`;
}

/**
 * For each event i, `array` at the latest event j < i where `valid[j]` = 1, or `fallback` when there
 * is none. The events split into runs that each begin just after a valid event (the first run begins
 * at the start); every event of a run takes the value of the valid event before it. `runs` is
 * latestValidRuns(valid, n), computed once per `valid` and shared by every array carried with it.
 */
export function latestValidBefore(array: string, valid: string, runs: string, fallback: string): string {
  return expandRuns(`arrayPushFront(arrayFilter((x, ok) -> ok = 1, ${array}, ${valid}), ${fallback})`, runs);
}

/** The run lengths for latestValidBefore: up to the first valid event, between valid events, to the end. */
export function latestValidRuns(valid: string, indexes: string, n: string): string {
  return `arrayPopFront(arrayDifference(arrayConcat([toUInt64(0)],
    arrayMap(p -> toUInt64(p), arrayFilter((i, ok) -> ok = 1, ${indexes}, ${valid})), [toUInt64(${n})])))`;
}

/**
 * For each event i, `array` at the earliest event j > i where `flag[j]` = 1, or `fallback` when there
 * is none: runs that each end at a flagged event (exclusive), the last run reaching the end.
 * `runs` is earliestFlaggedRuns(flag, indexes, n).
 */
export function earliestFlaggedAfter(array: string, flag: string, runs: string, fallback: string): string {
  return expandRuns(`arrayPushBack(arrayFilter((x, ok) -> ok = 1, ${array}, ${flag}), ${fallback})`, runs);
}

/** The run lengths for earliestFlaggedAfter: before the first flagged event, from each one to the next, to the end. */
export function earliestFlaggedRuns(flag: string, indexes: string, n: string): string {
  return `arrayPopFront(arrayDifference(arrayConcat([toUInt64(1)],
    arrayMap(p -> toUInt64(p), arrayFilter((i, ok) -> ok = 1, ${indexes}, ${flag})), [toUInt64(${n} + 1)])))`;
}
