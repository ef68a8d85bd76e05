import type { PolkuConfig } from '../config/index.ts';
import {
  PERIOD_NAMES_HELP,
  PeriodError,
  parsePeriodName,
  type ResolvedPeriod,
  rangePeriod,
  reportInstant,
  resolvePeriod,
} from '../reports/index.ts';
import { UsageError } from './errors.ts';

/** `--from`, `--to` and `--period`, shared by `polku build` and `polku report`. */
export const PERIOD_OPTIONS = {
  from: {
    type: 'string',
    value: 'DATE',
    description: 'first day (YYYY-MM-DD, report time zone) or ISO instant; default: all data',
  },
  to: { type: 'string', value: 'DATE', description: 'last day, inclusive (YYYY-MM-DD) or ISO instant (exclusive)' },
  period: {
    type: 'string',
    value: 'NAME',
    description: `a named period instead of --from/--to: ${PERIOD_NAMES_HELP}; whole days in the report time zone, last-N-days up to and including the day of --now (build) or else of the newest event`,
  },
} as const;

export interface PeriodFlags {
  from?: string | undefined;
  to?: string | undefined;
  period?: string | undefined;
  periods?: string | undefined;
}

/** The periods asked for, checked before the database is opened; `resolve` needs the anchor. */
export interface PeriodRequest {
  /** A name counts back from the newest event (last-N-days) and `--now` was not given. */
  needsNewestEvent: boolean;
  /** The periods in order (the first is the site's root); empty for all the data. */
  resolve(newestEvent: string | null): ResolvedPeriod[];
}

/**
 * Reads `--from`/`--to`, `--period` and `--periods`, which exclude each other; without any of them
 * `polku build` takes `report.periods` from the config (`useConfig`). Every mistake the flags alone
 * show is a UsageError here, before the database is opened.
 */
export function periodRequest(
  flags: PeriodFlags,
  config: PolkuConfig,
  { now, useConfig }: { now?: string | undefined; useConfig: boolean },
): PeriodRequest {
  const given = [
    flags.from !== undefined || flags.to !== undefined ? '--from/--to' : null,
    flags.period !== undefined ? '--period' : null,
    flags.periods !== undefined ? '--periods' : null,
  ].filter((flag) => flag !== null);
  if (given.length > 1) {
    throw new UsageError(`${given.join(' and ')} both name the period; give only one of them`);
  }
  const timezone = config.report.timezone;
  if (flags.from !== undefined || flags.to !== undefined) {
    const period = fromTo(flags, timezone);
    return { needsNewestEvent: false, resolve: () => [period] };
  }
  const [names, source]: [readonly string[], string] =
    flags.period !== undefined
      ? [[flags.period], '--period']
      : flags.periods !== undefined
        ? [flags.periods.split(','), '--periods']
        : useConfig
          ? [config.report.periods, 'report.periods in the config']
          : [[], ''];
  const specs = names.map((name) => asUsage(source, () => parsePeriodName(name)));
  const resolve = (newestEvent: string | null) => {
    const context = { timezone, campaigns: config.campaigns, anchor: now ?? newestEvent };
    const periods = names.map((name) => asUsage(source, () => resolvePeriod(name, context)));
    const slugs = periods.map((period) => period.slug);
    const twice = slugs.find((slug, index) => slugs.indexOf(slug) !== index);
    if (twice !== undefined) throw new UsageError(`${source}: the period "${twice}" is listed twice`);
    return periods;
  };
  // Campaign periods are checked against the config now, not after the database is opened.
  resolve('1970-01-01T00:00:00.000Z');
  return { needsNewestEvent: now === undefined && specs.some((spec) => spec.kind === 'last-days'), resolve };
}

/** A PeriodError names the bad value; the flag (or config key) it came from is added here. */
function asUsage<T>(source: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PeriodError) throw new UsageError(`${source}: ${error.message}`);
    throw error;
  }
}

function fromTo(flags: PeriodFlags, timezone: string): ResolvedPeriod {
  const from = flags.from === undefined ? undefined : instant('--from', flags.from, timezone, false);
  const to = flags.to === undefined ? undefined : instant('--to', flags.to, timezone, true);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new UsageError(`--from (${flags.from}) must be before --to (${flags.to})`);
  }
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return rangePeriod(
    range,
    { ...(flags.from ? { from: flags.from } : {}), ...(flags.to ? { to: flags.to } : {}) },
    timezone,
  );
}

function instant(flag: string, text: string, timezone: string, endOfDay: boolean): string {
  const value = reportInstant(text, timezone, { endOfDay });
  if (value === undefined) {
    throw new UsageError(
      `${flag} must be a date like 2026-03-01 or an ISO instant like 2026-03-01T00:00:00Z, not "${text}"`,
    );
  }
  return value;
}
