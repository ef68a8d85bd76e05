import { loadConfig } from '../../config/index.ts';
import { Store } from '../../store/index.ts';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';
import { buildReportSite } from '../report-site.ts';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  out: COMMON_OPTIONS.out,
  base: { type: 'string', value: 'PATH', default: '/', description: 'path the site will be served under' },
} as const;

export const build: Command = {
  name: 'build',
  summary: 'build the static report site from the database',
  options,
  async run(args) {
    const flags = parseOptions('build', options, args);
    const config = await loadConfig(flags.config);
    const store = await Store.open(flags.db, { readOnly: true });
    try {
      console.log(`building reports from ${flags.db} into ${flags.out}`);
      const data = await buildReportSite(config, store, { out: flags.out, base: normaliseBase(flags.base) });
      console.log(`built ${data.journeys.length + 1} pages from ${data.eventCount} events into ${flags.out}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** "/x" and "x/" both mean "/x/": the site's links are built from it. */
export function normaliseBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}
