import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { explainOpenError, StoreError } from './errors.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { type RejectedPayload, writeRejected } from './rejected.ts';
import { decodeRows, type RowOf, type RowShape } from './rows.ts';
import { readSalts, type Salts, writeSalts } from './salts.ts';
import {
  type Duplicates,
  isDuplicateKeyError,
  loadEventSegments,
  loadReplaySegments,
  type ReadMode,
  unreadableEventLines,
} from './spool-load.ts';
import { type PlainRow, toPlainRow } from './values.ts';

export interface StoreOptions {
  /** Open without writing (report builds); the schema must already exist. */
  readOnly?: boolean;
  /** DuckDB worker threads. Default: DuckDB's (one per core). */
  threads?: number;
  /**
   * Refuse to create the file (default: when read-only). Commands that only make sense on
   * collected data say so, instead of creating an empty database or failing deep inside DuckDB.
   */
  mustExist?: boolean;
}

/**
 * WAL size at which DuckDB checkpoints. Every checkpoint writes the id index out whole, so at
 * DuckDB's 16 MB (one checkpoint per ~25,000 events) they cost the writer a good part of its time:
 * loading 1.6 M spooled events took 5.6 µs per event, 4.8 µs at 64 MB. A checkpoint only moves
 * committed rows from the WAL (fsync'd at every commit) into the file, so a longer WAL risks
 * nothing; a restart after a crash just replays more of it.
 */
const CHECKPOINT_THRESHOLD = '64MB';

/**
 * The Polku database. Only one process writes it; within that process every write goes through
 * one queue, so batches never interleave and each append is a single bulk statement.
 */
export class Store {
  readonly path: string;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  #writes: Promise<unknown> = Promise.resolve();
  #nextSeq: number;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection, nextSeq: number) {
    this.path = path;
    this.#instance = instance;
    this.#connection = connection;
    this.#nextSeq = nextSeq;
  }

  static async open(
    file: string,
    { readOnly = false, threads, mustExist = readOnly }: StoreOptions = {},
  ): Promise<Store> {
    const path = resolve(file);
    if (mustExist && !existsSync(path)) {
      throw new StoreError(`no database at ${file}: start 'polku collect' or 'polku import' first`);
    }
    let instance: DuckDBInstance;
    try {
      if (!readOnly) mkdirSync(dirname(path), { recursive: true });
      instance = await DuckDBInstance.create(path, {
        ...(readOnly ? { access_mode: 'READ_ONLY' } : { checkpoint_threshold: CHECKPOINT_THRESHOLD }),
        ...(threads ? { threads: String(threads) } : {}),
      });
    } catch (error) {
      throw explainOpenError(file, error);
    }
    const connection = await instance.connect();
    if (!readOnly) await migrate(connection);
    else if (await behindSchema(connection)) {
      // A file from an older Polku: upgrade it once (a writer would on its next start), then read.
      connection.closeSync();
      instance.closeSync();
      await Store.upgrade(file);
      return Store.open(file, { readOnly, threads, mustExist });
    }
    const reader = await connection.runAndReadAll('select coalesce(max(seq), 0)::bigint + 1 as next from events');
    const nextSeq = Number(reader.getRowObjectsJS()[0]?.next ?? 1);
    return new Store(path, instance, connection, nextSeq);
  }

  /**
   * Applies pending migrations to a file opened read-only. If another process holds it, that is an
   * older Polku still running (this one would have upgraded it): say so instead of failing later.
   */
  private static async upgrade(file: string): Promise<void> {
    let writer: Store;
    try {
      writer = await Store.open(file, { mustExist: true });
    } catch (error) {
      throw new StoreError(
        `the database at ${file} is from an older Polku and needs upgrading, but it cannot be opened for writing (${(error as Error).message}); stop the older Polku that holds it and start this version's 'polku collect', which upgrades it`,
      );
    }
    await writer.close();
  }

  /**
   * Moves spool segments into the database in bulk (see spool-load.ts); returns the rows that were
   * new. `eventLines`: how many lines the event files hold, so arrival numbers never overlap.
   * Segments are read strictly; if DuckDB cannot read some line, they are read again skipping
   * such lines, and `unreadable` says how many there were (the caller keeps the files).
   */
  loadSpooled(
    eventFiles: readonly string[],
    eventLines: number,
    replayFiles: readonly string[],
  ): Promise<{ events: number; replays: number; unreadable: number }> {
    return this.#enqueue(async () => {
      const loadOnce = async (mode: ReadMode, duplicates: Duplicates) => {
        await this.#connection.run('begin transaction');
        try {
          const events =
            eventFiles.length > 0
              ? await loadEventSegments(this.#connection, eventFiles, this.#nextSeq, mode, duplicates)
              : 0;
          const replays = replayFiles.length > 0 ? await loadReplaySegments(this.#connection, replayFiles, mode) : 0;
          await this.#connection.run('commit');
          return { events, replays };
        } catch (error) {
          await this.#connection.run('rollback').catch(() => undefined);
          throw error;
        }
      };
      // Ids are nearly always new: a plain insert first, and only when one is not (a retried batch,
      // a replayed spool) the whole load again, skipping stored and repeated ids.
      const load = (mode: ReadMode) =>
        loadOnce(mode, 'fail').catch((error: unknown) => {
          if (!isDuplicateKeyError(error)) throw error;
          return loadOnce(mode, 'skip');
        });
      let loaded: { events: number; replays: number };
      let unreadable = 0;
      try {
        loaded = await load('strict');
      } catch (error) {
        if (!/Malformed JSON/.test((error as Error).message)) throw error;
        loaded = await load('lenient');
        unreadable = eventFiles.length > 0 ? await unreadableEventLines(this.#connection, eventFiles) : 0;
        unreadable = Math.max(unreadable, 1);
      }
      this.#nextSeq += eventLines;
      return { ...loaded, unreadable };
    });
  }

  readSalts(): Promise<Salts> {
    return this.#enqueue(() => readSalts(this.#connection));
  }

  writeSalts(salts: Salts, keepFromDay: number): Promise<void> {
    return this.#enqueue(() => writeSalts(this.#connection, salts, keepFromDay));
  }

  writeRejected(samples: readonly RejectedPayload[], cap: number): Promise<void> {
    return this.#enqueue(() => writeRejected(this.#connection, samples, cap));
  }

  /** Writes the WAL into the database file, so the next open has nothing to replay. */
  checkpoint(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#connection.run('checkpoint');
    });
  }

  /**
   * Runs maintenance work (snapshot, import, export, purge) on the connection, in the write queue,
   * so it never interleaves with a move from the spool.
   */
  exclusive<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#enqueue(() => work(this.#connection));
  }

  /** Runs a read query with bound parameters and returns plain rows. */
  async query(sql: string, params: Record<string, DuckDBValue> = {}): Promise<PlainRow[]> {
    const reader = await this.#connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map(toPlainRow);
  }

  /**
   * Runs a read query and checks its rows against `shape` (see rows.ts): a missing or mistyped
   * column fails loudly, naming `label`, instead of reading as 0.
   */
  async rows<S extends RowShape>(
    label: string,
    sql: string,
    shape: S,
    params: Record<string, DuckDBValue> = {},
  ): Promise<RowOf<S>[]> {
    return decodeRows(await this.query(sql, params), shape, label);
  }

  async close(): Promise<void> {
    await this.#writes.catch(() => undefined);
    this.#connection.closeSync();
    this.#instance.closeSync();
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#writes.then(work, work);
    this.#writes = next.catch(() => undefined);
    return next;
  }
}

/** Whether the file's schema lacks migrations this Polku has (a file written by an older version). */
async function behindSchema(connection: DuckDBConnection): Promise<boolean> {
  const read = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRowObjectsJS()[0]?.n ?? 0);
  const recorded = await read(
    `select count(*)::integer as n from duckdb_tables() where table_name = 'schema_migrations' and schema_name = 'main'`,
  );
  // Not a Polku database at all: the reads that need its tables explain that.
  if (recorded === 0) return false;
  const latest = Math.max(...MIGRATIONS.map((migration) => migration.version));
  return (await read('select coalesce(max(version), 0)::integer as n from schema_migrations')) < latest;
}
