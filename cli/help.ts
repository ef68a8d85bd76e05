import type { Command } from './command.ts';
import { alignedRows, optionsHelp } from './options.ts';

/**
 * One or two typical calls per command, shown under "Examples:" in its --help. Kept here, beside
 * the help layout, so every command gets them the same way (a test checks none is missing).
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  collect: [
    'polku collect --port 8787 --snapshot data/snapshot.duckdb',
    'polku collect --backend clickhouse --clickhouse http://ch1:8123/,http://ch2:8123/ --spool data/collector-a.spool',
  ],
  build: [
    'polku build --out dist/reports',
    'polku build --db data/snapshot.duckdb --base /reports/',
    'polku build --periods last-30-days,month:2026-11,campaign:spring-sale',
  ],
  report: [
    'polku report --from 2026-03-01 --to 2026-03-31 --out dist/march',
    'polku report --period last-7-days --out dist/last-week',
  ],
  check: ['polku check --config polku.config.ts'],
  preview: ['polku preview --out dist/reports --port 4321'],
  demo: ['polku demo --port 8787'],
  import: [
    'polku import history/2025.ndjson history/2026.parquet',
    'polku import --from snowplow --site shop snowplow-events.csv',
    'polku import --from ga4 --config polku.config.ts ga4-events.parquet',
  ],
  export: ['polku export --format ndjson --out backup/events.ndjson', 'polku export --site shop --out shop.parquet'],
  purge: ['polku purge', 'polku purge --site old-shop'],
};

export function mainHelp(commands: readonly Command[]): string {
  return `polku — where on the way to a goal do visitors drop off, and why?

Usage: polku <command> [options]

Commands:
${alignedRows(commands.map((command) => [command.name, command.summary]))}

Run 'polku <command> --help' for a command's options, 'polku --version' for the version.`;
}

export function commandHelp(command: Command): string {
  const examples = (EXAMPLES[command.name] ?? []).map((example) => `  ${example}`);
  return `Usage: polku ${command.name} [options]${command.args ? ` ${command.args}` : ''}

${command.summary}

Options:
${optionsHelp(command.options)}

Examples:
${examples.join('\n')}`;
}
