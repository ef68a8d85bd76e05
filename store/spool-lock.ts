import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors.ts';

const FILE = 'lock';

/**
 * One process per spool folder. A DuckDB collector gets that from the database's file lock; a
 * ClickHouse collector has no database, and two of them on one folder would ship and delete each
 * other's segments and number events with the same collector id. The lock is a file holding the
 * owner's pid: a file left by a process that is gone (kill -9, a crash) is taken over.
 * Returns a function that releases it.
 */
export function lockSpool(spoolDir: string): () => void {
  mkdirSync(spoolDir, { recursive: true });
  const path = join(spoolDir, FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = openSync(path, 'wx');
      try {
        writeSync(file, `${process.pid}\n`);
      } finally {
        closeSync(file);
      }
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
      throw new StoreError(
        `the spool ${spoolDir} is in use by process ${owner}: give each collector its own --spool folder ` +
          `(or delete ${path} if that process is not a collector)`,
      );
    }
    // Left by a process that is gone: take it over.
    rmSync(path, { force: true });
  }
  throw new StoreError(`cannot lock the spool ${spoolDir}: another process keeps creating ${path}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
