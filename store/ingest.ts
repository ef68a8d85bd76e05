import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from './event.ts';
import type { SegmentSink } from './segment-sink.ts';
import type { SealedSegment } from './spool.ts';
import { Spool } from './spool.ts';
import { activityOfLine, eventLine, type ReplayChunk, replayLine, type SpooledActivity } from './spool-lines.ts';
import type { Store } from './store.ts';

/** The spool is at its cap: the request must be refused (503) rather than risk losing it. */
export class SpoolFullError extends Error {
  constructor(capBytes: number, target = 'the database') {
    super(`the spool holds ${capBytes} bytes not yet stored in ${target}; retry later`);
    this.name = 'SpoolFullError';
  }
}

export interface IngestLog {
  info(message: string): void;
  warn(message: string): void;
}

/** A request that the collector does not store at all (replays on a collector without a database). */
export class NotStoredError extends Error {
  override name = 'NotStoredError';
}

export interface IngestOptions<Sink extends SegmentSink = Store> {
  /** Folder for the spool segments (created if missing). */
  spoolDir: string;
  /** Opens the sink; called again after a failure (a locked file, a cluster down) until it succeeds. */
  open: () => Promise<Sink>;
  /** What the sink is, in messages: "cannot write the database", "not yet stored in the database". */
  target?: string;
  /**
   * Spool lines for accepted events, called in arrival order. Default: one `eventLine` each (DuckDB
   * numbers the lines as it loads them); a ClickHouse collector numbers them here instead.
   */
  eventLines?: (events: readonly StoredEvent[]) => string;
  /** Whether replay chunks are taken at all (a sink that cannot store them says no). Default: true. */
  replays?: boolean;
  /** Refuse new batches once this many bytes wait in the spool. Default: 256 MiB. */
  capBytes?: number;
  /** How often the writer moves the spool into the database. Default: 1000 ms. */
  intervalMs?: number;
  /** Runs once each time the database is (re)opened, before spooled lines are loaded. */
  onOpen?: (store: Sink) => Promise<void>;
  /** Runs after each move into the database (salts, rejected samples: small side writes). */
  onTick?: (store: Sink) => Promise<void>;
  log?: IngestLog;
}

export interface IngestStatus {
  ready: boolean;
  /** Why not ready, for /readyz and the log. */
  reason: string | null;
  spoolBytes: number;
  capBytes: number;
  /** Age of the oldest line not yet in the database, ms. */
  lagMs: number;
  eventsStored: number;
  replaysStored: number;
}

const quiet: IngestLog = { info: () => undefined, warn: () => undefined };

/**
 * Durable ingest: requests append to fsync'd spools (group commit) and get their 2xx once on disk;
 * one writer moves the spools into DuckDB about once a second, one bulk statement per segment set.
 * When the database cannot be opened or written, the spool keeps accepting up to its cap and the
 * writer retries every interval, so the collector recovers by itself.
 */
export class Ingest<Sink extends SegmentSink = Store> {
  readonly #events: Spool;
  readonly #replays: Spool;
  readonly #open: () => Promise<Sink>;
  readonly #target: string;
  readonly #eventLines: (events: readonly StoredEvent[]) => string;
  readonly #takesReplays: boolean;
  readonly #capBytes: number;
  readonly #intervalMs: number;
  readonly #onOpen: (store: Sink) => Promise<void>;
  readonly #onTick: (store: Sink) => Promise<void>;
  readonly #log: IngestLog;
  #store: Sink | null = null;
  #error: string | null = null;
  #spoolError: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #eventsStored = 0;
  #replaysStored = 0;

  constructor({
    spoolDir,
    open,
    target = 'the database',
    eventLines = (events) => events.map(eventLine).join(''),
    replays = true,
    capBytes = 256 * 1024 * 1024,
    intervalMs = 1000,
    onOpen = async () => undefined,
    onTick = async () => undefined,
    log = quiet,
  }: IngestOptions<Sink>) {
    this.#events = new Spool(join(spoolDir, 'events'));
    this.#replays = new Spool(join(spoolDir, 'replay'));
    this.#open = open;
    this.#target = target;
    this.#eventLines = eventLines;
    this.#takesReplays = replays;
    this.#capBytes = capBytes;
    this.#intervalMs = intervalMs;
    this.#onOpen = onOpen;
    this.#onTick = onTick;
    this.#log = log;
  }

  /** Starts the writer: it loads what an earlier run left in the spool right away. */
  start(): void {
    // Replay segments an earlier collector (one with a database) left in this spool can go nowhere,
    // yet they would count against the cap for good: kept for an operator, out of the way.
    if (!this.#takesReplays && this.#replays.depthBytes > 0) void this.#setAsideReplays();
    this.#timer ??= setInterval(() => {
      // A slow move (a big backlog) is not stacked up behind by the timer.
      if (!this.#running) void this.flush();
    }, this.#intervalMs);
    void this.flush();
  }

  async #setAsideReplays(): Promise<void> {
    const segments = await this.#replays.seal();
    const kept = await Promise.all(segments.map((segment) => this.#replays.quarantine(segment)));
    this.#log.warn(
      `${kept.length} replay segment(s) an earlier collector left in the spool cannot go to ${this.#target}, ` +
        `which stores no replays; they are kept in ${kept.join(', ')}`,
    );
  }

  /** Resolves once the events are on disk; throws SpoolFullError at the cap. */
  acceptEvents(events: readonly StoredEvent[]): Promise<void> {
    if (this.#full()) return Promise.reject(new SpoolFullError(this.#capBytes, this.#target));
    return this.#watch(this.#events.append(this.#eventLines(events), events.length));
  }

  acceptReplay(chunk: ReplayChunk): Promise<void> {
    if (!this.#takesReplays) return Promise.reject(new NotStoredError(`${this.#target} does not store replays`));
    if (this.#full()) return Promise.reject(new SpoolFullError(this.#capBytes, this.#target));
    return this.#watch(this.#replays.append(replayLine(chunk)));
  }

  /**
   * Something kept beside the spool (the salt journal) could not be written: the collector is not
   * ready until a write there succeeds again.
   */
  spoolFailed(error: Error): void {
    this.#spoolError = `cannot write the spool: ${error.message}`;
  }

  /**
   * A spool that cannot be written (disk full, folder gone) makes the collector not ready.
   * A `then` rather than an async function: one promise hop less on every request.
   */
  #watch(append: Promise<void>): Promise<void> {
    return append.then(
      () => {
        this.#spoolError = null;
      },
      (error: Error) => {
        this.#spoolError = `cannot write the spool: ${error.message}`;
        throw error;
      },
    );
  }

  get status(): IngestStatus {
    const spoolBytes = this.#spoolBytes();
    const oldest = Math.min(this.#events.oldestAt ?? Infinity, this.#replays.oldestAt ?? Infinity);
    const reason =
      this.#spoolError ??
      this.#error ??
      (spoolBytes >= this.#capBytes ? `spool full (${spoolBytes} of ${this.#capBytes} bytes)` : null);
    return {
      ready: reason === null,
      reason,
      spoolBytes,
      capBytes: this.#capBytes,
      lagMs: Number.isFinite(oldest) ? Math.max(0, Date.now() - oldest) : 0,
      eventsStored: this.#eventsStored,
      replaysStored: this.#replaysStored,
    };
  }

  /** Visitor activity since `since` (epoch ms) in spooled events not yet in the database. */
  spooledActivity(since: number): SpooledActivity[] {
    const activity: SpooledActivity[] = [];
    for (const file of this.#events.paths) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const seen = activityOfLine(line);
        if (seen && seen.ts >= since) activity.push(seen);
      }
    }
    return activity;
  }

  /** The open database, or null while it cannot be opened. */
  get store(): Sink | null {
    return this.#store;
  }

  /** Moves everything spooled so far into the database (after a move already running, one at a time). */
  flush(): Promise<void> {
    const run: Promise<void> = (this.#running ?? Promise.resolve())
      .then(() => this.#move())
      .finally(() => {
        if (this.#running === run) this.#running = null;
      });
    this.#running = run;
    return run;
  }

  /** Stops the writer after a last move, checkpoints and closes the database. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
    await this.flush();
    await this.#events.close();
    await this.#replays.close();
    if (this.#store) {
      await this.#store.checkpoint();
      await this.#store.close();
      this.#store = null;
    }
  }

  async #move(): Promise<void> {
    try {
      const store = await this.#openStore();
      const events = await this.#events.seal();
      const replays = this.#takesReplays ? await this.#replays.seal() : [];
      if (events.length > 0 || replays.length > 0) {
        const lines = events.reduce((sum, segment) => sum + segment.lines, 0);
        const stored = await store.loadSpooled(paths(events), lines, paths(replays));
        this.#eventsStored += stored.events;
        this.#replaysStored += stored.replays;
        if (stored.unreadable > 0) {
          // Never silently: the lines DuckDB could not read stay on disk for the operator.
          const kept = [
            ...(await Promise.all(events.map((segment) => this.#events.quarantine(segment)))),
            ...(await Promise.all(replays.map((segment) => this.#replays.quarantine(segment)))),
          ];
          this.#log.warn(
            `${stored.unreadable} spooled line(s) could not be read into ${this.#target}; the rest is stored, ` +
              `and the segments are kept in ${kept.join(', ')}`,
          );
        } else {
          // Only now, with the rows committed, may the spooled copies go.
          for (const segment of events) await this.#events.remove(segment);
          for (const segment of replays) await this.#replays.remove(segment);
        }
      }
      await this.#onTick(store);
      if (this.#error) this.#log.info(`${this.#target} is writable again; the spool is draining`);
      this.#error = null;
    } catch (error) {
      const message = `cannot write ${this.#target}: ${(error as Error).message.split('\n')[0]}`;
      if (message !== this.#error) this.#log.warn(`${message}; events stay in the spool until it can`);
      this.#error = message;
      await this.#dropStoreAfterFailure();
    }
  }

  async #openStore(): Promise<Sink> {
    if (this.#store) return this.#store;
    const store = await this.#open();
    try {
      await this.#onOpen(store);
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    this.#store = store;
    return store;
  }

  /** A failed write may mean the file went away or read-only; reopen on the next tick. */
  async #dropStoreAfterFailure(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    await store?.close().catch(() => undefined);
  }

  #spoolBytes(): number {
    return this.#events.depthBytes + this.#replays.depthBytes;
  }

  #full(): boolean {
    return this.#spoolBytes() >= this.#capBytes;
  }
}

function paths(segments: readonly SealedSegment[]): string[] {
  return segments.map((segment) => segment.path);
}
