/**
 * Dates and changes as the period pages show them, in the site's language. Kept apart from
 * format.ts (shared by every page) because only the period switcher and the comparison use them.
 */
import { locale } from './data.ts';
import type { Locale } from './i18n/locale.ts';

/** Day-month-year order in English too ("1 Nov 2026"), as the rest of the site writes times. */
const DATE_TAGS: Record<Locale, string> = { en: 'en-GB', fi: 'fi' };

const points = new Intl.NumberFormat(DATE_TAGS[locale], {
  signDisplay: 'exceptZero',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A change of rates in percentage points, signed: "+2.5", "−1.0" ("0.0" for none). */
export function formatPoints(change: number): string {
  // Intl writes a hyphen for minus in English; the site writes the minus sign everywhere.
  return points.format(Math.round(change * 1000) / 10).replace('-', '−');
}

/** Local days of a period, inclusive: "24–30 Nov 2026", "24.–30.11.2026". */
export function formatDays(first: string, last: string): string {
  const format = new Intl.DateTimeFormat(DATE_TAGS[locale], {
    day: 'numeric',
    month: locale === 'fi' ? 'numeric' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return first === last ? format.format(day(first)) : format.formatRange(day(first), day(last));
}

/** "November 2026", "marraskuu 2026" (capitalised, as it names the period on its own). */
export function formatMonth(month: string): string {
  const text = new Intl.DateTimeFormat(DATE_TAGS[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    day(`${month}-01`),
  );
  return text.charAt(0).toLocaleUpperCase(DATE_TAGS[locale]) + text.slice(1);
}

/**
 * The local days a window of instants covers (`to` exclusive) when it starts and ends at local
 * midnight, else null: a window of whole days reads as dates, any other as times.
 */
export function wholeDays(from: string, to: string, timeZone: string): { first: string; last: string } | null {
  const local = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).format(new Date(iso));
  const midnight = (iso: string) => local(iso).endsWith('00:00:00');
  if (!midnight(from) || !midnight(to)) return null;
  return { first: local(from).slice(0, 10), last: local(new Date(Date.parse(to) - 1).toISOString()).slice(0, 10) };
}

function day(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
