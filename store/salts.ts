import type { DuckDBConnection } from '@duckdb/node-api';

const DAY_MS = 86_400_000;

/** Salts by UTC day number (days since 1970-01-01). */
export type Salts = Map<number, Buffer>;

export async function readSalts(connection: DuckDBConnection): Promise<Salts> {
  const reader = await connection.runAndReadAll(
    `select (day - date '1970-01-01')::integer as day, to_base64(salt) as salt from salts`,
  );
  const salts: Salts = new Map();
  for (const row of reader.getRowObjectsJS()) salts.set(Number(row.day), Buffer.from(String(row.salt), 'base64'));
  return salts;
}

/** Stores salts not stored yet (a day already stored keeps its salt) and deletes days before `keepFromDay`. */
export async function writeSalts(connection: DuckDBConnection, salts: Salts, keepFromDay: number): Promise<void> {
  for (const [day, salt] of salts) {
    await connection.run(`insert or ignore into salts values (date '1970-01-01' + $day::integer, from_base64($salt))`, {
      day,
      salt: salt.toString('base64'),
    });
  }
  await connection.run(`delete from salts where day < date '1970-01-01' + $keep::integer`, { keep: keepFromDay });
}

export function utcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}
