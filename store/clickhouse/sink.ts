import { createReadStream } from 'node:fs';
import type { SegmentSink } from '../segment-sink.ts';
import type { ClickHouseClient } from './client.ts';
import { type EventRow, eventRowValuesOfLine, SpoolLineError } from './event-rows.ts';
import { insertEventRows } from './insert-event-rows.ts';
import { ensureClickHouseSchema } from './schema.ts';

/**
 * Insert settings: `insert_distributed_sync` makes the Distributed table answer only once every
 * shard has written its part, so an answer means the rows are on the shards (not in a queue on the
 * first server that a crash could lose), and only then does the writer delete the segment.
 */
const INSERT_SETTINGS = { insert_distributed_sync: 1 };

/** Rows per INSERT: bounds memory when a long outage left one large segment behind. */
const ROWS_PER_INSERT = 20_000;

/**
 * Ships sealed spool segments to a ClickHouse cluster's Distributed `events` table as RowBinary
 * (insert-event-rows.ts: a JSON number could be stored one bit off the acknowledged value).
 * Nothing here needs to be exactly once: `events_local` is a ReplacingMergeTree keyed by the event id
 * and every row carries the arrival number it was spooled with, so a segment shipped again (the
 * answer lost, the collector killed before it deleted the segment, a later part failing) collapses
 * into the same rows; reads use FINAL.
 */
export class ClickHouseSink implements SegmentSink {
  readonly #inserts: ClickHouseClient;

  private constructor(inserts: ClickHouseClient) {
    this.#inserts = inserts;
  }

  /** Creates the tables where missing (on every shard) and returns a sink that inserts through the first. */
  static async open(shards: readonly ClickHouseClient[]): Promise<ClickHouseSink> {
    await ensureClickHouseSchema(shards);
    return new ClickHouseSink(shards[0] as ClickHouseClient);
  }

  async loadSpooled(
    eventFiles: readonly string[],
    _eventLines: number,
    replayFiles: readonly string[],
  ): Promise<{ events: number; replays: number; unreadable: number }> {
    // The collector refuses replays in this mode, so its replay spool stays empty.
    if (replayFiles.length > 0) throw new Error('ClickHouse does not store replay chunks');
    let events = 0;
    let unreadable = 0;
    for (const file of eventFiles) {
      const shipped = await this.#shipSegment(file);
      events += shipped.rows;
      unreadable += shipped.unreadable;
    }
    return { events, replays: 0, unreadable };
  }

  async #shipSegment(file: string): Promise<{ rows: number; unreadable: number }> {
    let rows: EventRow[] = [];
    let shipped = 0;
    let unreadable = 0;
    const flush = async () => {
      await insertEventRows(this.#inserts, rows, INSERT_SETTINGS);
      shipped += rows.length;
      rows = [];
    };
    for await (const line of spoolLines(file)) {
      if (line === '') continue;
      try {
        rows.push(eventRowValuesOfLine(line));
      } catch (error) {
        if (!(error instanceof SpoolLineError)) throw error;
        unreadable++;
      }
      if (rows.length === ROWS_PER_INSERT) await flush();
    }
    if (rows.length > 0) await flush();
    return { rows: shipped, unreadable };
  }

  /** ClickHouse writes each insert as a part of its own: nothing to checkpoint. */
  async checkpoint(): Promise<void> {}

  /** HTTP only: nothing to close. */
  async close(): Promise<void> {}
}

/**
 * The lines of a segment, split at "\n" only. (node:readline also ends lines at U+2028 and U+2029,
 * which JSON.stringify leaves unescaped inside strings: a prop holding one would be cut in two.)
 */
async function* spoolLines(file: string): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    let bytes: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    for (let end = bytes.indexOf(10); end !== -1; end = bytes.indexOf(10)) {
      yield bytes.subarray(0, end).toString('utf8');
      bytes = bytes.subarray(end + 1);
    }
    rest = bytes;
  }
  // The spool cuts a torn last line when it opens a segment: a line without "\n" is not whole.
  if (rest.length > 0) yield rest.toString('utf8');
}
