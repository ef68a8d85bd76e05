import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Salts } from './salts.ts';

const SALT_FILE = /^(\d+)\.salt$/;
const SALT_BYTES = 32;

/**
 * The daily salts, each written to its own small file and fsync'd the moment it is made. Events are
 * acknowledged with visitor ids from a salt before the writer stores it in the database (on its next
 * tick, or much later while the database is locked); after a crash in between, the collector must
 * find the same salt again, or that day's visitors would get a second id. The files live in the
 * spool folder, which already holds data not yet in the database, and old days are deleted.
 *
 * Writes are synchronous: a salt is made once a day, and the request that made it must not be
 * acknowledged before its salt is durable.
 */
export class SaltJournal {
  readonly #dir: string;

  constructor(spoolDir: string) {
    this.#dir = join(spoolDir, 'salts');
  }

  /** Writes one day's salt durably: a temporary file, fsync, rename, fsync of the folder. */
  record(day: number, salt: Buffer): void {
    mkdirSync(this.#dir, { recursive: true });
    const path = join(this.#dir, `${day}.salt`);
    const temporary = `${path}.tmp`;
    const file = openSync(temporary, 'w');
    try {
      writeSync(file, salt);
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    renameSync(temporary, path);
    const folder = openSync(this.#dir, 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  }

  /** Every whole salt in the journal (a torn temporary file was never used for an id). */
  read(): Salts {
    const salts: Salts = new Map();
    for (const name of this.#names()) {
      const day = SALT_FILE.exec(name)?.[1];
      if (day === undefined) continue;
      const salt = readFileSync(join(this.#dir, name));
      if (salt.length === SALT_BYTES) salts.set(Number(day), salt);
    }
    return salts;
  }

  /** Deletes the salts of days before `day` (the database keeps yesterday's and today's). */
  forgetBefore(day: number): void {
    for (const name of this.#names()) {
      const fileDay = /^(\d+)\.salt/.exec(name)?.[1];
      if (fileDay !== undefined && Number(fileDay) < day) rmSync(join(this.#dir, name), { force: true });
    }
  }

  /** The journal's file names; none before the first salt was recorded. */
  #names(): string[] {
    try {
      return readdirSync(this.#dir);
    } catch {
      return [];
    }
  }
}
