import { DuckDBInstance, listValue } from '@duckdb/node-api';

/** Texts that are plainly a whole number 0..10, the usual feedback score, read without DuckDB. */
const PLAIN_SCORE = /^(?:[0-9]|10)$/;

/**
 * What DuckDB's `try_cast(text as integer)` makes of each text (null: not an integer), for the
 * feedback scores a ClickHouse report reads from `prop_values` (the text json_extract_string gives).
 * DuckDB's cast accepts far more than digits (' 9 ', '+9', '9.5' rounded to 10, '1e1', '0x9',
 * '0b1001', '1_0') and rejects other spaces ('９', '9 9'); rather than a copy of its parser that could
 * drift, the few unusual texts are cast by DuckDB itself, in memory. Plain 0..10 need no DuckDB.
 */
export async function duckDbIntegerCasts(texts: Iterable<string>): Promise<Map<string, number | null>> {
  const casts = new Map<string, number | null>();
  const unusual: string[] = [];
  for (const text of new Set(texts)) {
    if (PLAIN_SCORE.test(text)) casts.set(text, Number(text));
    else unusual.push(text);
  }
  if (unusual.length === 0) return casts;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // One list in, one list out, in the same order: the texts are never read back as keys (DuckDB
    // would give a lone surrogate back as U+FFFD).
    const reader = await connection.runAndReadAll(
      'select list_transform($texts::varchar[], t -> try_cast(t as integer)) as casts',
      { texts: listValue(unusual) },
    );
    const [row] = reader.getRowObjectsJS();
    const values = (row?.casts ?? []) as (number | null)[];
    unusual.forEach((text, index) => {
      const value = values[index];
      casts.set(text, value === null || value === undefined ? null : Number(value));
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return casts;
}
