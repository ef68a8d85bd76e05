#!/usr/bin/env node
import { ConfigError } from '../config/index.ts';
import { nearest } from '../config/nearest.ts';
import { ClickHouseError } from '../store/clickhouse/client.ts';
import { StoreError } from '../store/index.ts';
import type { Command } from './command.ts';
import { build } from './commands/build.ts';
import { check } from './commands/check.ts';
import { collect } from './commands/collect.ts';
import { demo } from './commands/demo.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { preview } from './commands/preview.ts';
import { purgeCommand } from './commands/purge.ts';
import { report } from './commands/report.ts';
import { UsageError } from './errors.ts';
import { commandHelp, mainHelp } from './help.ts';
import { terminalLines } from './terminal-text.ts';
import { POLKU_VERSION } from './version.ts';

const COMMANDS: readonly Command[] = [
  collect,
  build,
  report,
  check,
  preview,
  demo,
  importCommand,
  exportCommand,
  purgeCommand,
];

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp(COMMANDS));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(POLKU_VERSION);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    const guess = nearest(
      name,
      COMMANDS.map((candidate) => candidate.name),
    );
    const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
    throw new UsageError(`unknown command "${name}"${hint}; run 'polku --help' to list the commands`);
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(terminalLines(error.message));
      process.exitCode = 2;
    } else if (error instanceof ConfigError || error instanceof StoreError || error instanceof ClickHouseError) {
      // ClickHouseError: a shard that is down or refused, named with its URL and what to do.
      console.error(terminalLines(error.message));
      process.exitCode = 1;
    } else {
      console.error(terminalLines(error instanceof Error ? (error.stack ?? error.message) : String(error)));
      process.exitCode = 1;
    }
  },
);
