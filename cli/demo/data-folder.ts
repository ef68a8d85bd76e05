import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What the demo keeps in its own folder (never the production defaults like ./data/polku.duckdb). */
export interface DemoFolder {
  dir: string;
  db: string;
  out: string;
  /** Written once the history is fully seeded: without it the folder is started over. */
  marker: string;
}

export interface SeededMarker {
  seed: number;
  sessions: number;
  events: number;
  replays: number;
}

export function demoFolder(dir: string): DemoFolder {
  const root = resolve(dir);
  return {
    dir: root,
    db: join(root, 'polku.duckdb'),
    out: join(root, 'reports'),
    marker: join(root, 'history.json'),
  };
}

/** The seeded history's summary, or null when there is none (never seeded, or interrupted). */
export function readMarker(folder: DemoFolder): SeededMarker | null {
  if (!existsSync(folder.marker)) return null;
  try {
    return JSON.parse(readFileSync(folder.marker, 'utf8')) as SeededMarker;
  } catch {
    return null;
  }
}

export function writeMarker(folder: DemoFolder, marker: SeededMarker): void {
  writeFileSync(folder.marker, `${JSON.stringify(marker, null, 2)}\n`);
}

/**
 * Removes the demo's own files only (database, its WAL and spool, the report, the marker), so a
 * `--data` pointed at a folder with other things in it loses nothing else.
 */
export function clearDemoFolder(folder: DemoFolder): void {
  for (const path of [folder.marker, folder.db, `${folder.db}.wal`, `${folder.db}.spool`, folder.out]) {
    rmSync(path, { recursive: true, force: true });
  }
  mkdirSync(folder.dir, { recursive: true });
}
