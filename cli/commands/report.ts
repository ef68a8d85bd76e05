import { loadConfig } from '../../config/index.ts';
import { computeReport, newestEventTime, writeReport } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { BACKEND_OPTIONS, parseBackend, refuseClickHouseReport } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';
import { PERIOD_OPTIONS, periodRequest } from '../period-options.ts';

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
    refuseClickHouseReport('report', parseBackend('report', flags));
    const config = await loadConfig(flags.config);
    // One set of files: `report.periods` (several sites side by side) is for `polku build`.
    const request = periodRequest(flags, config, { useConfig: false });
    const store = await Store.open(flags.db, { readOnly: true });
    try {
      const [period] = request.resolve(request.needsNewestEvent ? await newestEventTime(config, store) : null);
      const data = await computeReport(config, store, {
        ...(period ? { range: period.range } : {}),
        ...(period?.previous ? { previous: period.previous } : {}),
      });
      const files = await writeReport(data, flags.out);
      console.log(`wrote ${files.length} files for ${data.eventCount} events into ${flags.out}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
