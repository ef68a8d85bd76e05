import type { OptionSpec } from './options.ts';

/** One `polku` subcommand: its help text and what it does. */
export interface Command {
  name: string;
  summary: string;
  /** Arguments after the options, as shown in help (e.g. "FILE..."). */
  args?: string;
  options: Record<string, OptionSpec>;
  /** Resolves with the process exit code once the command has finished (long-running ones: when stopped). */
  run(args: string[]): Promise<number>;
}
