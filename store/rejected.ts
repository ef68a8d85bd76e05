import type { DuckDBConnection } from '@duckdb/node-api';

/** A refused request body, kept (truncated) so an operator can see what clients get wrong. */
export interface RejectedPayload {
  receivedAt: number;
  reason: string;
  status: number;
  body: string;
}

export const REJECTED_BODY_CHARS = 4096;

/** Adds samples and keeps only the newest `cap` rows, so a flood of junk cannot fill the disk. */
export async function writeRejected(
  connection: DuckDBConnection,
  samples: readonly RejectedPayload[],
  cap: number,
): Promise<void> {
  if (samples.length === 0) return;
  for (const sample of samples) {
    await connection.run(
      'insert into rejected_payloads values (make_timestamp(($at * 1000)::bigint), $reason, $status, $body)',
      {
        at: Math.round(sample.receivedAt),
        reason: sample.reason,
        status: sample.status,
        body: sample.body.slice(0, REJECTED_BODY_CHARS),
      },
    );
  }
  await connection.run(
    `delete from rejected_payloads where received_at < (
       select min(received_at) from (select received_at from rejected_payloads order by received_at desc limit $cap))`,
    { cap },
  );
}
