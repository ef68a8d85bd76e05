/**
 * Anyone who can post events decides how many distinct landing pages, sources or campaigns a
 * report sees. Tables therefore keep their largest rows and sum the rest into one "other" row,
 * so a report's size follows the configuration, not the data.
 */

/** The label of a row that sums `count` values left out of a table. */
export const otherLabel = (count: number): string => `other (${count})`;

/**
 * The first `maxRows` of `rows` (already in the order of importance), then — when any are left —
 * one row made by `sum` from the rest.
 */
export function capRows<T>(rows: readonly T[], maxRows: number, sum: (rest: T[]) => T): T[] {
  if (rows.length <= maxRows) return [...rows];
  return [...rows.slice(0, maxRows), sum(rows.slice(maxRows))];
}

/** Adds up one numeric field of some rows. */
export const total = <T>(rows: readonly T[], field: (row: T) => number): number =>
  rows.reduce((sum, row) => sum + field(row), 0);
