import { loadConfig } from '../../config/index.ts';
import { checkConfigAgainstData } from '../../reports/index.ts';
import { checkCluster } from '../../store/clickhouse/check-cluster.ts';
import { Store } from '../../store/index.ts';
import { BACKEND_OPTIONS, parseBackend } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';
import { terminalText } from '../terminal-text.ts';

const options = { config: COMMON_OPTIONS.config, db: COMMON_OPTIONS.db, ...BACKEND_OPTIONS } as const;

export const check: Command = {
  name: 'check',
  summary: 'check the config against the data: unmatched steps, unseen campaigns, UTM tagging, empty notes',
  options,
  async run(args) {
    const flags = parseOptions('check', options, args);
    const backend = parseBackend('check', flags);
    const config = await loadConfig(flags.config);
    if (backend.kind === 'clickhouse') {
      const result = await checkCluster(
        backend.urls,
        config.sites.map((site) => site.id),
      );
      // Site ids from the data are anyone's text.
      for (const fact of result.facts) console.log(terminalText(fact));
      for (const finding of result.findings) {
        console.log(`${finding.level}: ${terminalText(finding.path)}: ${terminalText(finding.message)}`);
      }
      const errors = result.findings.filter((finding) => finding.level === 'error').length;
      console.log(
        result.findings.length === 0
          ? 'the cluster answers on every shard and has the schema'
          : `${errors} error(s), ${result.findings.length - errors} warning(s)`,
      );
      console.log('journeys and campaign tagging are checked on DuckDB only for now (they need the report queries)');
      return errors > 0 ? 1 : 0;
    }
    const store = await Store.open(flags.db, { readOnly: true });
    try {
      const findings = await checkConfigAgainstData(config, store, { configFile: flags.config });
      // Paths and messages quote campaign names and mediums from the data: anyone's text.
      for (const finding of findings) {
        console.log(`${finding.level}: ${terminalText(finding.path)}: ${terminalText(finding.message)}`);
      }
      const errors = findings.filter((finding) => finding.level === 'error').length;
      console.log(
        findings.length === 0 ? 'config and data agree' : `${errors} error(s), ${findings.length - errors} warning(s)`,
      );
      // Warnings are about how campaigns are tagged, not about the config: they do not fail the check.
      return errors > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
