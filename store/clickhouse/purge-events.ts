/**
 * `polku purge` on the cluster: retention, one site, one visitor. ClickHouse deletes with a mutation
 * (`ALTER TABLE events_local DELETE WHERE …`) on each shard — the Distributed table takes no ALTER
 * DELETE, and 18.16 has neither TTL nor `mutations_sync`, so the command waits for the mutations
 * itself (system.mutations) and the count it prints is what is gone.
 *
 * The visitor id is matched through its SHA-256, never written out: a mutation's command stays in
 * system.mutations (and on disk) after it has run, and the point of purging a visitor is that
 * nothing of theirs remains.
 */
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from './client.ts';
import { ClickHouseError } from './client.ts';
import { type ClickHouseShards, shardName } from './cluster.ts';
import { sqlBigInt, sqlString } from './literal.ts';

export interface ClusterPurgeRequest {
  /** Delete events whose time is before this instant (epoch ms). */
  eventsBefore?: number | undefined;
  /** Delete every event of this site. */
  site?: string | undefined;
  /** Delete every event of this visitor (the stored visitor_id). */
  visitor?: string | undefined;
}

export interface ClusterPurgeOptions {
  /** Give up waiting for the mutations after this long. Default: 30 minutes. */
  timeoutMs?: number;
  /** How often to look at system.mutations. Default: 100 ms. */
  pollMs?: number;
}

/** The WHERE condition of a purge: any of its parts deletes a row (as DuckDB's purge runs them in turn). */
export function purgeCondition({ eventsBefore, site, visitor }: ClusterPurgeRequest): string | null {
  const parts: string[] = [];
  if (visitor !== undefined) {
    const digest = createHash('sha256').update(visitor, 'utf8').digest('hex').toUpperCase();
    parts.push(`hex(SHA256(visitor_id)) = ${sqlString(digest)}`);
  }
  if (site !== undefined) parts.push(`site = ${sqlString(site)}`);
  if (eventsBefore !== undefined) parts.push(`ts_us < ${sqlBigInt(BigInt(Math.round(eventsBefore * 1000)))}`);
  return parts.length === 0 ? null : parts.map((part) => `(${part})`).join(' OR ');
}

/** Deletes the events the request names on every shard; returns how many events were deleted. */
export async function purgeCluster(
  { shards }: ClickHouseShards,
  request: ClusterPurgeRequest,
  { timeoutMs = 30 * 60_000, pollMs = 100 }: ClusterPurgeOptions = {},
): Promise<{ events: number }> {
  const condition = purgeCondition(request);
  if (condition === null) return { events: 0 };
  // FINAL: a row shipped twice and not merged yet is one event.
  const counts = await Promise.all(
    shards.map(async (shard) => {
      const rows = await shard.query<{ n: string }>(`SELECT count() AS n FROM events_local FINAL WHERE ${condition}`);
      return Number(rows[0]?.n ?? 0);
    }),
  );
  const touched = shards.filter((_, index) => (counts[index] ?? 0) > 0);
  // A mutation rewrites every part it touches: none where nothing matches.
  for (const shard of touched) await shard.command(`ALTER TABLE events_local DELETE WHERE ${condition}`);
  await Promise.all(touched.map((shard) => waitForMutations(shards, shard, timeoutMs, pollMs)));
  return { events: counts.reduce((sum, n) => sum + n, 0) };
}

/** Waits until the shard has no unfinished mutation of events_local. */
async function waitForMutations(
  shards: readonly ClickHouseClient[],
  shard: ClickHouseClient,
  timeoutMs: number,
  pollMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await shard.query<{ pending: string }>(
      `SELECT count() AS pending FROM system.mutations
       WHERE database = currentDatabase() AND table = 'events_local' AND is_done = 0`,
    );
    if (Number(rows[0]?.pending ?? 0) === 0) return;
    if (Date.now() > deadline) {
      throw new ClickHouseError(
        `the delete on ClickHouse ${shardName(shards, shard)} has not finished after ${Math.round(timeoutMs / 1000)} s: ` +
          "it goes on in the background; see system.mutations on that shard, and run 'polku purge' again to count what is left",
        null,
        shard.url,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
