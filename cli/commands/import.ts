import { basename } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import {
  type ConfiguredSites,
  type ImportOptions,
  type ImportResult,
  importFile,
  importFormatOf,
  openClickHouseImport,
  placeOf,
  SOURCE_NAMES,
  SOURCES,
  type SourceName,
} from '../../importers/index.ts';
import { Store } from '../../store/index.ts';
import { BACKEND_OPTIONS, type BackendChoice, parseBackend } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMON_OPTIONS, parseOptionsAndFiles } from '../options.ts';
import { terminalText } from '../terminal-text.ts';

const options = {
  db: COMMON_OPTIONS.db,
  ...BACKEND_OPTIONS,
  from: {
    type: 'string',
    value: 'SOURCE',
    default: 'polku',
    description: `the files' shape: ${SOURCE_NAMES.join(', ')} (polku: the export shape)`,
  },
  site: { type: 'string', value: 'ID', description: 'put every event into this site' },
  config: {
    type: 'string',
    value: 'FILE',
    description: "configuration file: --site, or each row's own site id, must be one of its sites",
  },
} as const;

/** Skipped rows listed one by one per file; the rest are counted by reason. */
const LISTED = 20;

export const importCommand: Command = {
  name: 'import',
  summary: 'import events from Polku exports, Snowplow, GA4 (BigQuery export) or PostHog files',
  args: 'FILE...',
  options,
  async run(args) {
    const { values: flags, files } = parseOptionsAndFiles('import', options, args);
    if (files.length === 0) throw new UsageError("polku import: name at least one file; run 'polku import --help'");
    if (!(SOURCE_NAMES as string[]).includes(flags.from)) {
      throw new UsageError(`polku import: --from ${terminalText(flags.from)}: use one of ${SOURCE_NAMES.join(', ')}`);
    }
    const backend = parseBackend('import', flags);
    const source = SOURCES[flags.from as SourceName];
    const formats = files.map((file) => {
      const format = importFormatOf(file);
      if (!format || !source.formats.includes(format)) {
        const extensions = source.formats.map((f) => (f === 'ndjson' ? '.ndjson, .jsonl' : `.${f}`)).join(', ');
        throw new UsageError(`polku import: ${terminalText(file)}: --from ${source.name} reads ${extensions} files`);
      }
      return format;
    });
    const sites = flags.config === undefined ? undefined : await configuredSites(flags.config);
    if (flags.site !== undefined && sites !== undefined && !sites.ids.includes(flags.site)) {
      throw new UsageError(
        `polku import: --site ${terminalText(flags.site)} is not a site of ${terminalText(flags.config ?? '')} (its sites: ${sites.ids.join(', ')})`,
      );
    }
    if (source.name !== 'polku' && flags.site === undefined && sites === undefined) {
      throw new UsageError(
        `polku import --from ${source.name}: name the site with --site ID, or pass --config so that each row's ` +
          `${source.siteKey === 'origin' ? 'page origin is one of a configured site' : `${source.labels.site} names a configured site`}`,
      );
    }
    const target = await openTarget(backend, flags.db);
    try {
      let stored = 0;
      let skipped = 0;
      for (const [index, file] of files.entries()) {
        const name = terminalText(basename(file));
        const format = formats[index] ?? 'csv';
        // Progress of a long file on a terminal only: piped output stays one line per file.
        const showProgress = process.stderr.isTTY
          ? (percent: number) => process.stderr.write(`\r[${index + 1}/${files.length}] ${name}: ${percent}%`)
          : undefined;
        const result = await target.importFile(file, {
          source,
          format,
          ...(flags.site === undefined ? {} : { site: flags.site }),
          ...(sites === undefined ? {} : { sites }),
          ...(showProgress ? { onProgress: showProgress } : {}),
        });
        if (showProgress) process.stderr.write('\r\x1b[K');
        for (const line of warnings(name, format, result)) console.error(line);
        stored += result.stored;
        skipped += result.skipped.length;
        console.log(`[${index + 1}/${files.length}] ${name}: ${summary(result)}`);
      }
      console.log(
        `imported ${stored} new events into ${target.name}${skipped > 0 ? `; ${skipped} rows skipped (see above)` : ''}`,
      );
      // Usable rows are stored either way; a skipped row is an error the operator should see in scripts too.
      return skipped > 0 ? 1 : 0;
    } finally {
      await target.close();
    }
  },
};

/** Where the events go: the DuckDB file, or the ClickHouse cluster. */
interface ImportTarget {
  /** How the summary names it. */
  name: string;
  importFile(file: string, options: ImportOptions): Promise<ImportResult>;
  close(): Promise<void>;
}

async function openTarget(backend: BackendChoice, db: string): Promise<ImportTarget> {
  if (backend.kind === 'clickhouse') {
    const cluster = await openClickHouseImport(backend.urls);
    return {
      name: `the ClickHouse cluster at ${cluster.cluster.first.url}`,
      importFile: (file, options) => cluster.importFile(file, options),
      close: () => cluster.close(),
    };
  }
  const store = await Store.open(db);
  return { name: db, importFile: (file, options) => importFile(store, file, options), close: () => store.close() };
}

function summary(result: ImportResult): string {
  const parts = [`${result.read} rows`, `${result.stored} new`];
  if (result.duplicates > 0) parts.push(`${result.duplicates} already stored`);
  if (result.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const { reason } of result.skipped) {
      const kind = reasonKind(reason);
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    const why = [...reasons].map(([kind, count]) => `${count} ${kind}`).join(', ');
    parts.push(`${result.skipped.length} skipped (${terminalText(why)})`);
  }
  return parts.join(', ');
}

/** A reason without the row's own value, to count rows by: `ts "x" is not a time` → `ts is not a time`. */
function reasonKind(reason: string): string {
  return reason.replace(/ "(?:[^"\\]|\\.)*"/g, '').replace(/; name .*$/, '');
}

function warnings(name: string, format: 'csv' | 'ndjson' | 'parquet', result: ImportResult): string[] {
  const lines = result.ignored.map(
    ({ column, suggestion }) =>
      `polku import: ${name}: ignored column "${terminalText(column)}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  );
  for (const { record, reason } of result.skipped.slice(0, LISTED)) {
    lines.push(`polku import: ${name} ${placeOf(format, record)}: skipped: ${terminalText(reason)}`);
  }
  if (result.skipped.length > LISTED) {
    lines.push(`polku import: ${name}: ${result.skipped.length - LISTED} more rows skipped (counted by reason below)`);
  }
  return lines;
}

async function configuredSites(file: string): Promise<ConfiguredSites> {
  const config = await loadConfig(file);
  const origins = new Map<string, string>();
  for (const site of config.sites)
    for (const origin of site.origins) origins.set(origin.replace(/\/$/, '').toLowerCase(), site.id);
  return { ids: config.sites.map((site) => site.id), origins };
}
