import type { Store } from './store.ts';
import { FORGET_ORPHAN_NUMBERS_SQL } from './unit-numbers.ts';

export interface PurgeRequest {
  /** Delete events received before this instant (epoch ms). */
  eventsBefore?: number;
  /** Delete replay chunks received before this instant (epoch ms). */
  replaysBefore?: number;
  /** Delete everything of this site. */
  site?: string;
  /** Delete everything of this visitor: their events and the replays of their page loads. */
  visitor?: string;
}

export interface PurgeResult {
  events: number;
  replays: number;
}

/**
 * Deletes by retention, by site or by visitor, in one transaction, then checkpoints so the space
 * is given back. Replays go with their visitor through page_id, before the events that link them;
 * the numbers of sessions and visitors left without events go after them (unit-numbers.ts).
 */
export async function purge(store: Store, request: PurgeRequest): Promise<PurgeResult> {
  return store.exclusive(async (connection) => {
    let events = 0;
    let replays = 0;
    await connection.run('begin transaction');
    try {
      if (request.visitor !== undefined) {
        const chunks = await connection.run(
          `delete from replay_chunks r where exists (
             select 1 from events e where e.visitor_id = $visitor and e.site = r.site and e.page_id = r.page_id)`,
          { visitor: request.visitor },
        );
        replays += Number(chunks.rowsChanged);
        events += Number(
          (await connection.run('delete from events where visitor_id = $visitor', { visitor: request.visitor }))
            .rowsChanged,
        );
      }
      if (request.site !== undefined) {
        replays += Number(
          (await connection.run('delete from replay_chunks where site = $site', { site: request.site })).rowsChanged,
        );
        events += Number(
          (await connection.run('delete from events where site = $site', { site: request.site })).rowsChanged,
        );
      }
      if (request.replaysBefore !== undefined) {
        const result = await connection.run(
          'delete from replay_chunks where received_at < make_timestamp(($before * 1000)::bigint)',
          { before: request.replaysBefore },
        );
        replays += Number(result.rowsChanged);
      }
      if (request.eventsBefore !== undefined) {
        const result = await connection.run('delete from events where ts < make_timestamp(($before * 1000)::bigint)', {
          before: request.eventsBefore,
        });
        events += Number(result.rowsChanged);
      }
      if (events > 0) await connection.run(FORGET_ORPHAN_NUMBERS_SQL);
      await connection.run('commit');
    } catch (error) {
      await connection.run('rollback').catch(() => undefined);
      throw error;
    }
    await connection.run('checkpoint');
    return { events, replays };
  });
}
