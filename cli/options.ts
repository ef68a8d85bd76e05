import { parseArgs } from 'node:util';
import { nearest } from '../config/nearest.ts';
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
    const suggestion = suggestFlag(message, Object.keys(spec));
    throw new UsageError(`polku ${command}: ${message}${suggestion}; run 'polku ${command} --help' for its options`);
  }
}

/** " (did you mean --out?)" for a misspelt long flag (`--otu`), by the same rule as config keys. */
function suggestFlag(message: string, names: readonly string[]): string {
  const flag = /^Unknown option '--([^'=]+)'/.exec(message)?.[1];
  const match = flag === undefined ? undefined : nearest(flag, [...names, 'help']);
  return match === undefined ? '' : ` (did you mean --${match}?)`;
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}"`);
  }
  return port;
}

export function optionsHelp(spec: Record<string, OptionSpec>): string {
  const rows = [
    ...Object.entries(spec).map(([name, option]) => {
      const flag = `--${name}${option.value ? ` ${option.value}` : ''}`;
      const fallback = option.default ? ` (default: ${option.default})` : '';
      return [flag, `${option.description}${fallback}`] as const;
    }),
    ['--help', 'show this help'] as const,
  ];
  return alignedRows(rows);
}

/** Two columns, the second starting at the same place on every line (two spaces past the longest first). */
export function alignedRows(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join('\n');
}

/** A flag that must be a number ≥ 0 (a count, a size, seconds). */
export function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${flag} must be a number ≥ 0, not "${text}"`);
  return value;
}
