/**
 * Formatting shared by every page, in the site's locale (`report.locale`): numbers are always shown
 * the same way. One rule for shares everywhere: at most one decimal, Intl's own spacing ("12.5%",
 * "12,5 %"), exactly 0 as "0%"/"0 %", and a share that is not 0 (or not 1) never rounds to it.
 */
import { locale } from './data.ts';
import { LOCALE_TAGS } from './i18n/locale.ts';
import { unitText } from './i18n/units.ts';

const tag = LOCALE_TAGS[locale];
const oneDecimal = { maximumFractionDigits: 1 } as const;
const percent = new Intl.NumberFormat(tag, { style: 'percent', ...oneDecimal });
const integer = new Intl.NumberFormat(tag);
const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
const signedPoints = new Intl.NumberFormat(tag, { signDisplay: 'exceptZero', ...oneDecimal });
const pointsPlural = new Intl.PluralRules(tag, oneDecimal);

/** The smallest share one decimal of a percent can show. */
const SMALLEST = 0.001;

export function formatPercent(share: number): string {
  if (share > 0 && share < SMALLEST / 2) return `< ${percent.format(SMALLEST)}`;
  if (share < 1 && share > 1 - SMALLEST / 2) return `> ${percent.format(1 - SMALLEST)}`;
  return percent.format(share);
}
export const formatCount = (count: number): string => integer.format(count);
/** A ratio that is not a share, such as pages per session: at most two decimals. */
export const formatDecimal = (value: number): string => decimal.format(value);

/** Timestamps are stored in UTC and shown in the report's configured time zone. */
export function formatTime(iso: string, timeZone: string): string {
  return timeFormat(timeZone).format(new Date(iso));
}

/**
 * "13 Mar 2026, 16:29 EET"; in Finnish "13.3.2026 klo 16.29" (the zone's name would read as
 * "UTC+2" in a Finnish sentence; the methodology page names the report's time zone).
 */
const timeFormat = (timeZone: string) =>
  locale === 'fi'
    ? new Intl.DateTimeFormat(tag, {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
      })
    : new Intl.DateTimeFormat('en-GB', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      });

/** A local calendar day of the report ("2026-03-09" in the data): "9 Mar 2026", "9.3.2026". */
export function formatDay(day: string): string {
  // Anything but a plain calendar date (a config value written otherwise) is shown as written.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Intl.DateTimeFormat(locale === 'fi' ? tag : 'en-GB', {
    year: 'numeric',
    month: locale === 'fi' ? 'numeric' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** A day on a chart's time axis: "10 Mar", "10.3.". */
export function formatDayTick(date: Date): string {
  return new Intl.DateTimeFormat(locale === 'fi' ? tag : 'en-GB', {
    month: locale === 'fi' ? 'numeric' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Joins the site's base path and a page path; every internal link goes through this. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

/**
 * "1 session", "2 sessions"; "1 istunto", "2 istuntoa": counts in sentences read naturally. `unit` is
 * a unit the site knows (session, visitor, event, conversion, comment, …; see i18n/units.ts).
 */
export function countOf(count: number, unit: string): string {
  return unitText.count(count, unit);
}

/**
 * A 95 % interval as the range it spans: "21% – 47%", "21–47 %" (the name is kept from when it was
 * a ± margin). Pages put it in words ("likely …") with their catalogue.
 */
export function formatMargin(interval: { low: number; high: number }): string {
  return formatRange(interval);
}

/** A range of shares: "21% – 47%", "21–47 %"; a range that rounds to one value is that value. */
export function formatRange({ low, high }: { low: number; high: number }): string {
  const from = formatPercent(low);
  const to = formatPercent(high);
  if (from === to) return from;
  if (from.startsWith('<') || to.startsWith('>')) return `${from} – ${to}`;
  return percent.formatRange(low, high);
}

/**
 * A signed change between two shares, in percentage points written out: "+2.5 percentage points",
 * "−1 prosenttiyksikkö", "0 percentage points".
 */
export function formatChange(change: number): string {
  const points = Math.round(change * 1000) / 10;
  const forms = unitText.percentagePoint;
  return `${signedPoints.format(points)} ${pointsPlural.select(Math.abs(points)) === 'one' ? forms.one : forms.other}`;
}

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
}

const durationUnit = (unit: 'second' | 'minute' | 'hour' | 'day') =>
  new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'short', ...oneDecimal });

/** Durations in seconds as "45 sec", "3.5 min", "2.1 hr", "3 days"; "45 s", "3,5 min", "2,1 t", "3 pv". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return durationUnit('second').format(Math.round(seconds));
  if (seconds < 5400) return durationUnit('minute').format(seconds / 60);
  if (seconds < 129_600) return durationUnit('hour').format(seconds / 3600);
  return durationUnit('day').format(seconds / 86_400);
}

/** A whole length of time such as a bucket's edge: "1 min", "15 min", "1 hr", "1 day"; "1 t", "1 pv". */
export function formatWholeDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return durationUnit('day').format(seconds / 86_400);
  if (seconds % 3600 === 0) return durationUnit('hour').format(seconds / 3600);
  if (seconds % 60 === 0) return durationUnit('minute').format(seconds / 60);
  return durationUnit('second').format(seconds);
}

/** Days between steps of visitor journeys: "0.4 days", "12 pv"; below 0.05 days (72 min) "< 0.1 days". */
export function formatDays(days: number): string {
  const format = durationUnit('day');
  return days > 0 && days < 0.05 ? `< ${format.format(0.1)}` : format.format(days);
}

/** Event times on a session timeline, to the second: "13 Mar, 16:29:05", "13.3. klo 16.29.05". */
export function formatSecond(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'fi' ? tag : 'en-GB', {
    month: locale === 'fi' ? 'numeric' : 'short',
    day: 'numeric',
    hour: locale === 'fi' ? 'numeric' : '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
