#!/usr/bin/env node
import { ConfigError } from '../config/index.ts';
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
import { optionsHelp } from './options.ts';
import { terminalLines } from './terminal-text.ts';

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

function mainHelp(): string {
  const rows = COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return `polku — where on the way to a goal do visitors drop off, and why?

Usage: polku <command> [options]

Commands:
${rows.join('\n')}

Run 'polku <command> --help' for a command's options.`;
}

function commandHelp(command: Command): string {
  return `Usage: polku ${command.name} [options]${command.args ? ` ${command.args}` : ''}

${command.summary}

Options:
${optionsHelp(command.options)}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    throw new UsageError(`unknown command "${name}"; run 'polku --help' to list the commands`);
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
    } else if (error instanceof ConfigError || error instanceof StoreError) {
      console.error(terminalLines(error.message));
      process.exitCode = 1;
    } else {
      console.error(terminalLines(error instanceof Error ? (error.stack ?? error.message) : String(error)));
      process.exitCode = 1;
    }
  },
);
