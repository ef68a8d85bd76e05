import { loadConfig } from '../../config/index.ts';
import { computeReportWith, writeReport } from '../../reports/index.ts';
import { BACKEND_OPTIONS, parseBackend } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';
import { PERIOD_OPTIONS, periodRequest } from '../period-options.ts';
import { openReportSource } from '../report-source-options.ts';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  ...BACKEND_OPTIONS,
  out: {
    type: 'string',
    value: 'DIR',
    default: './dist/report-data',
    description: 'folder for the JSON and CSV files',
  },
  ...PERIOD_OPTIONS,
} as const;

export const report: Command = {
  name: 'report',
  summary: 'write the report data as versioned JSON and CSV files (see docs/report-model.md)',
  options,
  async run(args) {
    const flags = parseOptions('report', options, args);
    const backend = parseBackend('report', flags);
    const config = await loadConfig(flags.config);
    // One set of files: `report.periods` (several sites side by side) is for `polku build`.
    const request = periodRequest(flags, config, { useConfig: false });
    const { source, close } = await openReportSource(backend, flags.db);
    try {
      const [period] = request.resolve(request.needsNewestEvent ? await source.newestEventTime(config) : null);
      const data = await computeReportWith(config, await source.openEngine(config), {
        ...(period ? { range: period.range } : {}),
        ...(period?.previous ? { previous: period.previous } : {}),
      });
      const files = await writeReport(data, flags.out);
      console.log(`wrote ${files.length} files for ${data.eventCount} events into ${flags.out}`);
      return 0;
    } finally {
      await close();
    }
  },
};
