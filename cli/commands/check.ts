import { loadConfig } from '../../config/index.ts';
import { clickHouseCheckRows } from '../../reports/clickhouse/check-queries.ts';
import { checkConfigAgainstData, checkConfigAgainstRows } from '../../reports/index.ts';
import { checkCluster } from '../../store/clickhouse/check-cluster.ts';
import { connectShards } from '../../store/clickhouse/cluster.ts';
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
      const cluster = await checkCluster(
        backend.urls,
        config.sites.map((site) => site.id),
      );
      // The config's checks read the Distributed table: only on a whole cluster with the schema.
      const healthy = !cluster.findings.some((finding) => finding.level === 'error');
      const configFindings = healthy
        ? checkConfigAgainstRows(config, await clickHouseCheckRows(config, (await connectShards(backend.urls)).first), {
            configFile: flags.config,
          })
        : [];
      const findings = [...cluster.findings, ...configFindings];
      // Site ids from the data are anyone's text.
      for (const fact of cluster.facts) console.log(terminalText(fact));
      for (const finding of findings) {
        console.log(`${finding.level}: ${terminalText(finding.path)}: ${terminalText(finding.message)}`);
      }
      const errors = findings.filter((finding) => finding.level === 'error').length;
      console.log(
        findings.length === 0
          ? 'the cluster answers on every shard and has the schema; config and data agree'
          : `${errors} error(s), ${findings.length - errors} warning(s)`,
      );
      if (!healthy) console.log('journeys and campaigns are checked once the cluster has no errors');
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
