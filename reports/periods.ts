import { createHash } from 'node:crypto';
import { normaliseCampaign } from './campaign/campaign-queries.ts';
import type { ReportRange } from './funnel/journey-events.ts';
import { reportInstant } from './local-date.ts';

/**
 * Named report periods (`--period`, `--periods`, `report.periods`): `last-N-days` (N 1–366, e.g.
 * last-7-days, last-30-days), `month:YYYY-MM` and `campaign:NAME`. Every period is whole local days
 * in the report time zone. `last-N-days` ends with the local day of the anchor — `--now` when given,
 * else the newest event in the database — and includes it, so the same data always gives the same
 * period. Each period carries the window of as many local days just before it, for the comparison
 * with the previous period (whole days, so a week across a daylight-saving change is still 7 days).
 */
export type PeriodName =
  | { kind: 'last-days'; days: number }
  | { kind: 'month'; month: string }
  | { kind: 'campaign'; campaign: string };

/** A period resolved to instants, with what the site needs to name it. */
export interface ResolvedPeriod {
  /** As written: "last-7-days", "month:2026-11", "campaign:spring-sale"; "range" for --from/--to. */
  name: string;
  /** Folder name for the period's site (`periods/<slug>/`): letters, digits and "-" only. */
  slug: string;
  spec: PeriodName | { kind: 'range' };
  /** The events counted: ISO instants, `from` inclusive, `to` exclusive; either may be open. */
  range: ReportRange;
  /** First and last local day (YYYY-MM-DD, inclusive) when known. */
  days: { first: string | null; last: string | null };
  /**
   * The window compared with: as many whole local days just before. Undefined when the period's
   * length is not whole days (ISO instants, an open end): the report then takes the same length in time.
   */
  previous?: { from: string; to: string };
}

/** A period that cannot be named or resolved; the CLI turns it into a usage error. */
export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

export const PERIOD_NAMES_HELP = 'last-7-days, last-30-days (any last-N-days, N 1–366), month:2026-11 or campaign:NAME';
const MAX_DAYS = 366;

/** Parses a period name; throws a PeriodError that says what is allowed. */
export function parsePeriodName(text: string): PeriodName {
  const trimmed = text.trim();
  const last = /^last-(\d{1,3})-days?$/.exec(trimmed);
  if (last) {
    const days = Number(last[1]);
    if (days < 1 || days > MAX_DAYS) throw new PeriodError(`"${text}": use 1 to ${MAX_DAYS} days`);
    return { kind: 'last-days', days };
  }
  const month = /^month:(\d{4})-(\d{2})$/.exec(trimmed);
  if (month) {
    const number = Number(month[2]);
    if (number < 1 || number > 12) throw new PeriodError(`"${text}": the month must be 01–12, as in month:2026-11`);
    return { kind: 'month', month: `${month[1]}-${month[2]}` };
  }
  const campaign = /^campaign:(.+)$/s.exec(trimmed);
  if (campaign?.[1] && campaign[1].trim() !== '') return { kind: 'campaign', campaign: campaign[1].trim() };
  throw new PeriodError(`"${text}" is not a period; use ${PERIOD_NAMES_HELP}`);
}

export interface PeriodContext {
  /** `report.timezone`. */
  timezone: string;
  /** `campaigns` from the config (their `from` and `to` dates). */
  campaigns: Readonly<Record<string, { from?: string; to?: string }>>;
  /** `--now` or the newest event (ISO); null in an empty database without `--now`. */
  anchor: string | null;
}

/** Resolves a period name to instants in the report time zone. */
export function resolvePeriod(text: string, context: PeriodContext): ResolvedPeriod {
  const spec = parsePeriodName(text);
  const name = text.trim();
  if (spec.kind === 'last-days') {
    if (context.anchor === null) {
      throw new PeriodError(
        `"${name}" counts back from the newest event, and the database has none; give --now to count back from a day of your choosing`,
      );
    }
    const last = localDate(context.anchor, context.timezone);
    return wholeDays(name, name, spec, addDays(last, 1 - spec.days), last, context.timezone);
  }
  if (spec.kind === 'month') {
    const first = `${spec.month}-01`;
    const [year, month] = spec.month.split('-').map(Number) as [number, number];
    const last = addDays(isoDate(Date.UTC(year, month, 1)), -1);
    return wholeDays(name, `month-${spec.month}`, spec, first, last, context.timezone);
  }
  return campaignPeriod(name, spec, context);
}

/**
 * A campaign's configured period, matched by the normalised name like the data (trimmed,
 * lower-cased). Without `to` the period runs to the end of the data; without `from` it has none.
 */
function campaignPeriod(
  name: string,
  spec: { kind: 'campaign'; campaign: string },
  context: PeriodContext,
): ResolvedPeriod {
  const wanted = normaliseCampaign(spec.campaign);
  const entry = Object.entries(context.campaigns).find(([key]) => normaliseCampaign(key) === wanted);
  const known = Object.keys(context.campaigns).sort();
  if (entry === undefined) {
    throw new PeriodError(
      `"${name}": no campaign "${spec.campaign}" in the config; known campaigns: ${known.join(', ') || '(none)'}`,
    );
  }
  const [key, campaign] = entry;
  if (campaign.from === undefined) {
    const withPeriods = known.filter((k) => context.campaigns[k]?.from !== undefined);
    throw new PeriodError(
      `"${name}": campaign "${key}" has no period; give it "from" (and "to") dates in the config, or use one of: ${withPeriods.join(', ') || '(none with a period)'}`,
    );
  }
  const slug = `campaign-${campaignSlug(wanted)}`;
  if (campaign.to === undefined) {
    return {
      name,
      slug,
      spec,
      range: { from: dayStart(campaign.from, context.timezone) },
      days: { first: campaign.from, last: null },
    };
  }
  if (campaign.to < campaign.from) {
    throw new PeriodError(`"${name}": campaign "${key}" ends (${campaign.to}) before it starts (${campaign.from})`);
  }
  return wholeDays(name, slug, spec, campaign.from, campaign.to, context.timezone);
}

/** `--from`/`--to` as a period: whole local days when both are dates, else as given. */
export function rangePeriod(
  range: ReportRange,
  texts: { from?: string; to?: string },
  timezone: string,
): ResolvedPeriod {
  const isDate = (text?: string) => text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text);
  const base = { name: 'range', slug: 'range', spec: { kind: 'range' } as const };
  if (isDate(texts.from) && isDate(texts.to) && texts.from !== undefined && texts.to !== undefined) {
    return { ...wholeDays('range', 'range', { kind: 'range' }, texts.from, texts.to, timezone), ...base };
  }
  return {
    ...base,
    range,
    days: {
      first: range.from === undefined ? null : localDate(range.from, timezone),
      // `to` is exclusive: the last day is the one before it ends.
      last: range.to === undefined ? null : localDate(new Date(Date.parse(range.to) - 1).toISOString(), timezone),
    },
  };
}

function wholeDays(
  name: string,
  slug: string,
  spec: ResolvedPeriod['spec'],
  first: string,
  last: string,
  timezone: string,
): ResolvedPeriod {
  const length = daysBetween(first, last) + 1;
  const from = dayStart(first, timezone);
  return {
    name,
    slug,
    spec,
    range: { from, to: dayStart(addDays(last, 1), timezone) },
    days: { first, last },
    previous: { from: dayStart(addDays(first, -length), timezone), to: from },
  };
}

/** Local midnight of a date in the time zone, as an ISO instant. */
function dayStart(date: string, timezone: string): string {
  const instant = reportInstant(date, timezone);
  if (instant === undefined) throw new PeriodError(`"${date}" is not a date`);
  return instant;
}

/** The local date (YYYY-MM-DD) of an instant in the time zone. */
export function localDate(iso: string, timezone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return isoDate(Date.UTC(year, month - 1, day + days));
}

function daysBetween(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000);
}

function isoDate(utc: number): string {
  return new Date(utc).toISOString().slice(0, 10);
}

/** The clean name when it is one (a folder name anyone can read), else a hash of it. */
function campaignSlug(campaign: string): string {
  if (/^[a-z0-9][a-z0-9_-]{0,63}$/.test(campaign)) return campaign;
  return createHash('sha256').update(campaign).digest('hex').slice(0, 12);
}
