import { loadConfig } from '../../config/index.ts';
import { computeReport, reportInstant, writeReport } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  out: {
    type: 'string',
    value: 'DIR',
    default: './dist/report-data',
    description: 'folder for the JSON and CSV files',
  },
  from: {
    type: 'string',
    value: 'DATE',
    description: 'first day (YYYY-MM-DD, report time zone) or ISO instant; default: all data',
  },
  to: { type: 'string', value: 'DATE', description: 'last day, inclusive (YYYY-MM-DD) or ISO instant (exclusive)' },
} as const;

export const report: Command = {
  name: 'report',
  summary: 'write the report data as versioned JSON and CSV files (see docs/report-model.md)',
  options,
  async run(args) {
    const flags = parseOptions('report', options, args);
    const config = await loadConfig(flags.config);
    const range = {
      from: flags.from === undefined ? undefined : instant('--from', flags.from, config.report.timezone, false),
      to: flags.to === undefined ? undefined : instant('--to', flags.to, config.report.timezone, true),
    };
    if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
      throw new UsageError(`--from (${flags.from}) must be before --to (${flags.to})`);
    }
    const store = await Store.open(flags.db, { readOnly: true });
    try {
      const data = await computeReport(config, store, {
        range: { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) },
      });
      const files = await writeReport(data, flags.out);
      console.log(`wrote ${files.length} files for ${data.eventCount} events into ${flags.out}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

function instant(flag: string, text: string, timezone: string, endOfDay: boolean): string {
  const value = reportInstant(text, timezone, { endOfDay });
  if (value === undefined) {
    throw new UsageError(
      `${flag} must be a date like 2026-03-01 or an ISO instant like 2026-03-01T00:00:00Z, not "${text}"`,
    );
  }
  return value;
}
