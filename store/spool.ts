import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { access, type FileHandle, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** A closed spool file, waiting for the writer to move its lines into the database. */
export interface SealedSegment {
  path: string;
  bytes: number;
  /** Lines written (an upper bound after a crash: a cut line counts). */
  lines: number;
  /** When its first line was written (epoch ms): the writer lag is measured from it. */
  firstAt: number;
}

interface Waiter {
  data: string;
  lines: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface OpenSegment {
  file: FileHandle;
  segment: SealedSegment;
  /** A write to it failed: nothing more is written to it. */
  broken: boolean;
}

const SEGMENT = /^(\d{12})\.ndjson$/;

/**
 * Group commits in flight at once. Two would spare a request that just missed one fsync from
 * waiting for two, but every fsync costs the event loop ~16 µs to hand to the thread pool (waking
 * a thread on another core) and more on that thread; with one, groups under load are several
 * times larger, and measured p99 latency did not suffer (bench/collector-load.ts).
 */
const MAX_IN_FLIGHT = 1;

/**
 * Append-only, fsync'd file of newline-delimited JSON, in numbered segments.
 *
 * Group commit: appends that arrive while a write + fdatasync is in flight wait together for the
 * next one, so a thousand concurrent requests cost a handful of fsyncs, and each caller's promise
 * resolves only once an fdatasync that started after its bytes were written has returned.
 * `seal()` closes the current segment for the writer; the writer deletes a segment only after the
 * database has committed its lines, so a crash at any point leaves every acknowledged line in a
 * segment or in the database (or both: the event id makes storing it twice harmless).
 */
export class Spool {
  readonly dir: string;
  readonly #sealed: SealedSegment[] = [];
  #pending: Waiter[] = [];
  #inFlight = 0;
  #idle: (() => void)[] = [];
  #pumpScheduled = false;
  #sealing: Promise<void> | null = null;
  #open: Promise<OpenSegment> | null = null;
  /** The segment being written, once its file is open. */
  #current: SealedSegment | null = null;
  /** Files of segments retired after a failed write, closed at the next seal. */
  #retired: FileHandle[] = [];
  #nextNumber: number;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    // Segments left by an earlier run (crash or locked database) are replayed first, in order.
    const numbers = readdirSync(dir)
      .map((name) => SEGMENT.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    for (const n of numbers) {
      const path = this.#segmentPath(n);
      const { mtimeMs } = statSync(path);
      const size = dropTornTail(path);
      if (size > 0) this.#sealed.push({ path, bytes: size, lines: countLines(path), firstAt: mtimeMs });
    }
    this.#nextNumber = (numbers.at(-1) ?? 0) + 1;
  }

  /** Bytes spooled and not yet stored in the database. */
  get depthBytes(): number {
    return this.#sealed.reduce((sum, segment) => sum + segment.bytes, 0) + (this.#current?.bytes ?? 0);
  }

  /** Epoch ms of the oldest line not yet stored, or null when the spool is empty. */
  get oldestAt(): number | null {
    return this.#sealed[0]?.firstAt ?? this.#current?.firstAt ?? null;
  }

  /** Files holding lines not yet stored, oldest first. */
  get paths(): string[] {
    const current = this.#current;
    return [...this.#sealed, ...(current ? [current] : [])].map((segment) => segment.path);
  }

  /** Appends `lines` lines (each ending in "\n") and resolves once they are fsync'd. */
  append(data: string, lines = 1): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ data, lines, resolve, reject });
      this.#pumpSoon();
    });
  }

  /** Closes the current segment (after the group commits in flight) and returns every sealed segment. */
  async seal(): Promise<readonly SealedSegment[]> {
    while (this.#sealing) await this.#sealing;
    const sealing = this.#closeWhenIdle();
    this.#sealing = sealing;
    try {
      await sealing;
    } finally {
      this.#sealing = null;
      this.#pump();
    }
    return [...this.#sealed];
  }

  /** Forgets a segment whose lines the database has committed. */
  async remove(segment: SealedSegment): Promise<void> {
    const index = this.#sealed.indexOf(segment);
    if (index >= 0) this.#sealed.splice(index, 1);
    await unlink(segment.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /**
   * Moves a segment the database could not read completely out of the way, into `quarantine/`
   * beside the spool, for an operator to inspect (it holds acknowledged lines: never deleted).
   */
  async quarantine(segment: SealedSegment): Promise<string> {
    const index = this.#sealed.indexOf(segment);
    if (index >= 0) this.#sealed.splice(index, 1);
    const folder = join(this.dir, '..', 'quarantine');
    await mkdir(folder, { recursive: true });
    // Segment numbers start again at 1 in an emptied spool: a later segment may share an earlier
    // quarantined one's name, and rename would silently replace it.
    const name = `${basename(this.dir)}-${basename(segment.path, '.ndjson')}`;
    let target = join(folder, `${name}.ndjson`);
    for (let copy = 2; await exists(target); copy++) target = join(folder, `${name}-${copy}.ndjson`);
    await rename(segment.path, target);
    return target;
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    await this.seal();
    if (this.#pending.length > 0) await this.seal();
  }

  /** Starts group commits while there is something to write and room in flight (not while sealing). */
  #pump(): void {
    while (!this.#sealing && this.#inFlight < MAX_IN_FLIGHT && this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      this.#inFlight++;
      void this.#commit(batch).finally(() => {
        this.#inFlight--;
        if (this.#inFlight === 0) for (const wake of this.#idle.splice(0)) wake();
        this.#pumpSoon();
      });
    }
  }

  /**
   * Starts the next group commit once the event loop has handled the sockets that were readable
   * in this turn, so that the requests among them join it instead of waiting for the next one:
   * larger groups, fewer fsyncs (each costs the event loop a hand-off to the thread pool), and the
   * wait is at most the rest of one turn of the loop.
   */
  #pumpSoon(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  async #commit(batch: Waiter[]): Promise<void> {
    let open: OpenSegment | null = null;
    /** The segment's size before this commit (what earlier commits wrote), and after its write. */
    let before = 0;
    let after = 0;
    try {
      open = await this.#openCurrent();
      // A commit that failed on this segment while we waited retired it: write to a fresh one.
      if (open.broken) open = await this.#openCurrent();
      before = open.segment.bytes;
      after = before;
      const bytes = Buffer.from(batch.map((waiter) => waiter.data).join(''));
      // Written synchronously: copying a few KiB into the page cache takes microseconds, while a
      // thread-pool round trip would add most of a millisecond to every group commit. Only the
      // fsync, which waits for the disk, leaves the event loop. Commits that started earlier
      // wrote earlier, so each fsync covers its own group and every group before it.
      writeAll(open.file.fd, bytes);
      open.segment.bytes += bytes.length;
      after = open.segment.bytes;
      for (const waiter of batch) open.segment.lines += waiter.lines;
      await open.file.datasync();
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      for (const waiter of batch) waiter.reject(error as Error);
      // Cut back only while this commit's bytes are the segment's last (no later commit wrote).
      if (open) await this.#retire(open, open.segment.bytes === after ? before : null);
    }
  }

  /**
   * A failed write may have left part of its lines, none of them acknowledged: they are cut off
   * (back to `cutTo`), which also gives back the space they took on a full disk, and later
   * lines go to a new segment (decided at once, before any other commit can write). Should the cut
   * fail too, whatever is left can only spoil itself, never an acknowledged line: the reader then
   * keeps the segment in quarantine.
   */
  async #retire(open: OpenSegment, cutTo: number | null): Promise<void> {
    if (open.broken) return;
    open.broken = true;
    if (this.#current === open.segment) {
      this.#open = null;
      this.#current = null;
    }
    this.#retired.push(open.file);
    if (cutTo !== null) await open.file.truncate(cutTo).catch(() => undefined);
    open.segment.bytes = await open.file.stat().then(
      (stat) => stat.size,
      () => open.segment.bytes,
    );
    if (open.segment.bytes > 0) this.#sealed.push(open.segment);
  }

  #openCurrent(): Promise<OpenSegment> {
    if (!this.#open) {
      const path = this.#segmentPath(this.#nextNumber++);
      const opening = openSegment(this.dir, path);
      this.#open = opening;
      opening.then(
        (open) => {
          if (this.#open === opening) this.#current = open.segment;
        },
        () => {
          // A failed open is retried by the next commit.
          if (this.#open === opening) this.#open = null;
        },
      );
    }
    return this.#open;
  }

  async #closeWhenIdle(): Promise<void> {
    if (this.#inFlight > 0) await new Promise<void>((wake) => this.#idle.push(wake));
    for (const file of this.#retired.splice(0)) await file.close().catch(() => undefined);
    const opening = this.#open;
    if (!opening) return;
    this.#open = null;
    this.#current = null;
    const open = await opening.catch(() => null);
    if (!open) return;
    await open.file.close();
    if (open.segment.bytes > 0) this.#sealed.push(open.segment);
    else await unlink(open.segment.path);
  }

  #segmentPath(n: number): string {
    return join(this.dir, `${String(n).padStart(12, '0')}.ndjson`);
  }
}

async function openSegment(dir: string, path: string): Promise<OpenSegment> {
  // Recreated if someone removed it: the spool heals instead of refusing every request.
  await mkdir(dir, { recursive: true });
  const file = await open(path, 'a');
  // The new name must survive a crash too, not only the bytes in it.
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return { file, segment: { path, bytes: 0, lines: 0, firstAt: Date.now() }, broken: false };
}

/**
 * A segment left by a crash may end in part of a line: bytes whose fsync never returned, so no
 * client was told they were stored. They are cut off, so the strict reader sees whole lines only.
 * Returns the size kept.
 */
function dropTornTail(path: string): number {
  const bytes = readFileSync(path);
  if (bytes.length === 0 || bytes.at(-1) === 10) return bytes.length;
  const keep = bytes.lastIndexOf(10) + 1;
  truncateSync(path, keep);
  return keep;
}

function countLines(path: string): number {
  const bytes = readFileSync(path);
  let lines = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
  return lines;
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
