import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A closed spool file, waiting for the writer to move its lines into the database. */
export interface SealedSegment {
  path: string;
  bytes: number;
  /** When its first line was written (epoch ms): the writer lag is measured from it. */
  firstAt: number;
}

interface Waiter {
  data: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

const SEGMENT = /^(\d{12})\.ndjson$/;

/**
 * Append-only, fsync'd file of newline-delimited JSON, in numbered segments.
 *
 * Group commit: appends that arrive while a write + fdatasync is in flight wait together for the
 * next one, so a thousand concurrent requests cost a handful of fsyncs, and each caller's promise
 * resolves only once its bytes are on disk. `seal()` closes the current segment for the writer;
 * the writer deletes a segment only after the database has committed its lines, so a crash at any
 * point leaves every acknowledged line in a segment or in the database (or both: the event id
 * makes storing it twice harmless).
 */
export class Spool {
  readonly dir: string;
  readonly #sealed: SealedSegment[] = [];
  #pending: Waiter[] = [];
  #io: Promise<void> = Promise.resolve();
  #flushScheduled = false;
  #file: FileHandle | null = null;
  #current: SealedSegment | null = null;
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
      const { size, mtimeMs } = statSync(path);
      if (size > 0) this.#sealed.push({ path, bytes: size, firstAt: mtimeMs });
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
    return [...this.#sealed, ...(this.#current ? [this.#current] : [])].map((segment) => segment.path);
  }

  /** Appends lines (each ending in "\n") and resolves once they are fsync'd. */
  append(data: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ data, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        this.#io = this.#io.then(() => this.#flush());
      }
    });
  }

  /** Closes the current segment (after the writes before it) and returns every sealed segment. */
  seal(): Promise<readonly SealedSegment[]> {
    const sealed = this.#io.then(async () => {
      await this.#closeCurrent();
      return [...this.#sealed];
    });
    this.#io = sealed.then(
      () => undefined,
      () => undefined,
    );
    return sealed;
  }

  /** Forgets a segment whose lines the database has committed. */
  async remove(segment: SealedSegment): Promise<void> {
    const index = this.#sealed.indexOf(segment);
    if (index >= 0) this.#sealed.splice(index, 1);
    await unlink(segment.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    await this.seal();
  }

  async #flush(): Promise<void> {
    this.#flushScheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    try {
      const file = await this.#openCurrent();
      const bytes = Buffer.from(batch.map((waiter) => waiter.data).join(''));
      await file.write(bytes);
      await file.datasync();
      if (this.#current) this.#current.bytes += bytes.length;
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      for (const waiter of batch) waiter.reject(error as Error);
      // A failed write may have left half a line: later lines go to a new segment, so that half
      // line can only spoil itself (the reader skips it), never the acknowledged line after it.
      await this.#sealAfterFailure();
    }
  }

  async #sealAfterFailure(): Promise<void> {
    if (!this.#file || !this.#current) return;
    try {
      this.#current.bytes = (await this.#file.stat()).size;
      await this.#closeCurrent();
    } catch {
      this.#file = null;
      this.#current = null;
    }
  }

  async #openCurrent(): Promise<FileHandle> {
    if (this.#file) return this.#file;
    const path = this.#segmentPath(this.#nextNumber++);
    this.#file = await open(path, 'a');
    this.#current = { path, bytes: 0, firstAt: Date.now() };
    // The new name must survive a crash too, not only the bytes in it.
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return this.#file;
  }

  async #closeCurrent(): Promise<void> {
    if (!this.#file || !this.#current) return;
    await this.#file.close();
    if (this.#current.bytes > 0) this.#sealed.push(this.#current);
    else await unlink(this.#current.path);
    this.#file = null;
    this.#current = null;
  }

  #segmentPath(n: number): string {
    return join(this.dir, `${String(n).padStart(12, '0')}.ndjson`);
  }
}
