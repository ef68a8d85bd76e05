import { parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  default?: string;
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
}

/** The flags several commands share, with the defaults later commands rely on. */
export const COMMON_OPTIONS = {
  config: {
    type: 'string',
    value: 'FILE',
    default: './polku.config.ts',
    description: 'configuration file (.ts or .json)',
  },
  db: { type: 'string', value: 'FILE', default: './data/polku.duckdb', description: 'DuckDB database file' },
  port: { type: 'string', value: 'N', default: '8787', description: 'TCP port to listen on' },
  host: { type: 'string', value: 'H', default: '127.0.0.1', description: 'address to listen on' },
  out: { type: 'string', value: 'DIR', default: './dist/reports', description: 'folder for the built report site' },
} as const satisfies Record<string, OptionSpec>;

export type Values<Spec extends Record<string, OptionSpec>> = {
  [K in keyof Spec]: Spec[K]['type'] extends 'boolean'
    ? boolean
    : Spec[K] extends { default: string }
      ? string
      : string | undefined;
};

/** Parses a command's flags strictly: an unknown flag or a stray argument is a UsageError. */
export function parseOptions<Spec extends Record<string, OptionSpec>>(
  command: string,
  spec: Spec,
  args: string[],
): Values<Spec> {
  return parseOptionsAndFiles(command, spec, args, false).values;
}

/** Like parseOptions, for commands that also take file arguments (`polku import FILE...`). */
export function parseOptionsAndFiles<Spec extends Record<string, OptionSpec>>(
  command: string,
  spec: Spec,
  args: string[],
  allowPositionals = true,
): { values: Values<Spec>; files: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, option]) => [
      name,
      { type: option.type, ...(option.default ? { default: option.default } : {}) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: values as Values<Spec>, files: positionals };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]?.replace(/\. To specify.*$/, '') ?? 'bad arguments';
    throw new UsageError(`polku ${command}: ${message}; run 'polku ${command} --help' for its options`);
  }
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}"`);
  }
  return port;
}

export function optionsHelp(spec: Record<string, OptionSpec>): string {
  const rows = Object.entries(spec).map(([name, option]) => {
    const flag = `--${name}${option.value ? ` ${option.value}` : ''}`;
    const fallback = option.default ? ` (default: ${option.default})` : '';
    return `  ${flag.padEnd(18)} ${option.description}${fallback}`;
  });
  return [...rows, `  ${'--help'.padEnd(18)} show this help`].join('\n');
}

/** A flag that must be a number ≥ 0 (a count, a size, seconds). */
export function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${flag} must be a number ≥ 0, not "${text}"`);
  return value;
}
