import { randomInt } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors.ts';
import { MAX_COLLECTOR_ID } from './arrival-seq.ts';

const FILE = 'collector-id';

/**
 * This collector's id for arrival numbers (arrival-seq.ts), kept in its spool folder so that a
 * restart — above all one that re-ships what an earlier run spooled — goes on with the same id.
 * Made at random on first start: collectors need no coordination. With n collectors two of them
 * share an id with probability about n²/2048 (10 collectors: 4 %); they then only risk equal
 * numbers for events taken in the same ms, which matters only within one visitor. An operator who
 * wants a guarantee writes distinct numbers into the files before the first start.
 */
export function collectorId(spoolDir: string): number {
  const path = join(spoolDir, FILE);
  let text: string | null = null;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    const id = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || id > MAX_COLLECTOR_ID) {
      throw new StoreError(
        `${path} holds "${text.trim().slice(0, 20)}", not a collector id: write a whole number from 0 to ` +
          `${MAX_COLLECTOR_ID} there, or delete the file to get a random one`,
      );
    }
    return id;
  }
  const id = randomInt(MAX_COLLECTOR_ID + 1);
  writeDurably(spoolDir, path, `${id}\n`);
  return id;
}

/** A temporary file, fsync, rename, fsync of the folder: after a crash the file is whole or absent. */
function writeDurably(dir: string, path: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  const temporary = `${path}.tmp`;
  const file = openSync(temporary, 'w');
  try {
    writeSync(file, text);
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  renameSync(temporary, path);
  const folder = openSync(dir, 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
