/**
 * The one way Polku writes event rows to a cluster (collectors' sink, `polku import`): RowBinary
 * (row-binary.ts), so every Float64 is stored as the exact double that was acknowledged or imported;
 * a JSON number would go through the server's inexact float parser (3.28 → 3.2800000000000002).
 *
 * The INSERT names its columns, so the bytes follow clickHouseColumns()' order whatever order an older
 * cluster's table has them in.
 */
import type { ClickHouseClient } from './client.ts';
import type { EventRow } from './event-rows.ts';
import { type RowBinaryType, RowBinaryWriter } from './row-binary.ts';
import { clickHouseColumns } from './schema.ts';

const COLUMNS = clickHouseColumns() as { name: string; type: RowBinaryType }[];

/** The RowBinary bytes of rows, in clickHouseColumns()' order; TypeError if a value does not fit its column. */
export function eventRowsBinary(rows: readonly EventRow[]): Buffer<ArrayBuffer> {
  const writer = new RowBinaryWriter();
  for (const row of rows) {
    for (const column of COLUMNS) writer.write(column.type, row[column.name]);
  }
  return writer.bytes();
}

/** Inserts rows into `table` (the Distributed `events` by default); nothing is sent for none. */
export async function insertEventRows(
  client: ClickHouseClient,
  rows: readonly EventRow[],
  settings: Record<string, string | number> = {},
  table = 'events',
): Promise<void> {
  if (rows.length === 0) return;
  await client.insertRowBinary(
    table,
    COLUMNS.map((column) => column.name),
    eventRowsBinary(rows),
    settings,
  );
}
