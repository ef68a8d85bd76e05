import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceParser } from '../collector/enrich/device.ts';
import type { Store, StoredEvent } from '../store/index.ts';
import { eventLine } from '../store/spool-lines.ts';
import { deriveEvent, type SiteOf } from './derive.ts';
import type { ImportFormat } from './format.ts';
import type { ImportSource } from './sources/source.ts';
import { dropStaged, type IgnoredColumn, type RowProblem, stagedRows, stageFile } from './stage.ts';

/** The sites a config names: ids, and which site each page origin belongs to. */
export interface ConfiguredSites {
  ids: readonly string[];
  origins: ReadonlyMap<string, string>;
}

export interface ImportOptions {
  source: ImportSource;
  format: ImportFormat;
  /** --site: every row goes into this site. */
  site?: string;
  /** The config's sites; without them (and without `site`) a row's own site id is taken as it is. */
  sites?: ConfiguredSites;
  /** Called after each chunk with the share of usable rows stored so far, 0–100. */
  onProgress?: (percent: number) => void;
}

export interface ImportResult {
  /** Rows in the file. */
  read: number;
  /** Rows that became new events. */
  stored: number;
  /** Usable rows whose event id was already stored (or repeated in the file): importing twice adds nothing. */
  duplicates: number;
  /** Rows that cannot be used, in file order, with the reason. */
  skipped: RowProblem[];
  /** Columns the source's shape does not have, which the import did not read. */
  ignored: IgnoredColumn[];
}

/** Rows moved per spool segment: bounded memory for files of any size. */
const CHUNK = 20_000;

/**
 * Where imported events go, a chunk at a time in the staged order (time, then file order): returns
 * how many of them were new. `records` holds each event's row number in the file (1-based).
 */
export type ImportSink = (events: readonly StoredEvent[], records: readonly number[]) => Promise<number>;

/**
 * Imports one file into the DuckDB store: the events reach the database the way collected ones do,
 * as spool lines loaded by `store.loadSpooled` (one insert path; the event id is the key, so
 * re-importing adds nothing).
 */
export async function importFile(store: Store, file: string, options: ImportOptions): Promise<ImportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'polku-import-'));
  try {
    let n = 0;
    return await importFileInto(store, file, options, async (events) => {
      const segment = join(dir, `${n++}.ndjson`);
      writeFileSync(segment, events.map(eventLine).join(''));
      const { events: stored } = await store.loadSpooled([segment], events.length, []);
      rmSync(segment);
      return stored;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Imports one file: DuckDB (the `staging` store's connection) reads and checks it (stage.ts), the
 * collector's enrichment functions derive what needs JavaScript (derive.ts), and `sink` stores the
 * events (the DuckDB store, or a ClickHouse cluster).
 */
export async function importFileInto(
  staging: Store,
  file: string,
  options: ImportOptions,
  sink: ImportSink,
): Promise<ImportResult> {
  const { source } = options;
  const staged = await staging.exclusive((connection) =>
    stageFile(connection, file, options.format, source, options.site !== undefined),
  );
  const siteOf = siteResolver(source, options);
  const devices = new DeviceParser();
  const skipped = [...staged.problems];
  let stored = 0;
  let usable = 0;
  try {
    for (let from = 0; from < staged.usable; from += CHUNK) {
      const rows = await staging.exclusive((connection) => stagedRows(connection, from, from + CHUNK));
      const events: StoredEvent[] = [];
      const records: number[] = [];
      for (const row of rows) {
        const event = deriveEvent(row, source, siteOf, devices);
        if (typeof event === 'string') skipped.push({ record: Number(row.record), reason: event });
        else {
          events.push(event);
          records.push(Number(row.record));
        }
      }
      usable += events.length;
      if (events.length > 0) stored += await sink(events, records);
      options.onProgress?.(Math.round((Math.min(from + CHUNK, staged.usable) / staged.usable) * 100));
    }
  } finally {
    await staging.exclusive(dropStaged);
  }
  skipped.sort((a, b) => a.record - b.record);
  return { read: staged.read, stored, duplicates: usable - stored, skipped, ignored: staged.ignored };
}

function siteResolver(source: ImportSource, { site, sites }: ImportOptions): SiteOf {
  if (site !== undefined) return () => ({ site });
  const label = source.labels.site;
  if (sites === undefined) {
    // Only Polku's own export may name its sites without a config (the command checks this).
    return (key) => (key === null ? { problem: `no site (${label})` } : { site: key });
  }
  const configured = sites.ids.length > 0 ? sites.ids.join(', ') : 'none';
  if (source.siteKey === 'origin') {
    return (key) => {
      const found = key === null ? undefined : sites.origins.get(key);
      return found !== undefined
        ? { site: found }
        : {
            problem: `origin ${JSON.stringify(key)} of ${label} is in no configured site's origins; name the site with --site ID`,
          };
    };
  }
  const ids = new Set(sites.ids);
  return (key) =>
    key !== null && ids.has(key)
      ? { site: key }
      : {
          problem: `${label} ${JSON.stringify(key)} is not a configured site (configured: ${configured}); name one with --site ID`,
        };
}
