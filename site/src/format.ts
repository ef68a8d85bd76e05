/** Formatting shared by every page; numbers are always shown the same way. */
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en');
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const formatPercent = (share: number): string => percent.format(share);
export const formatCount = (count: number): string => integer.format(count);
/** A ratio that is not a share, such as pages per session: at most two decimals. */
export const formatDecimal = (value: number): string => decimal.format(value);

/** Timestamps are stored in UTC and shown in the report's configured time zone. */
export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Joins the site's base path and a page path; every internal link goes through this. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

/** "1 session", "2 sessions": counts in sentences read naturally. */
export function countOf(count: number, unit: string): string {
  return `${formatCount(count)} ${count === 1 ? unit : `${unit}s`}`;
}

/** Half the width of an interval, in percentage points: "±1.5 pp". */
export function formatMargin(interval: { low: number; high: number }): string {
  return `±${(((interval.high - interval.low) / 2) * 100).toFixed(1)} pp`;
}

/** Durations in seconds as "45 s", "3.5 min", "2.1 h", "3.0 d". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 129_600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** Days between steps of visitor journeys: "0.4 d", "12.0 d"; below 0.05 days (72 min) "< 0.1 d". */
export function formatDays(days: number): string {
  return days > 0 && days < 0.05 ? '< 0.1 d' : `${days.toFixed(1)} d`;
}

/** A signed change in percentage points: "+2.5 pp", "−1.0 pp". */
export function formatChange(change: number): string {
  const pp = (change * 100).toFixed(1);
  return change > 0 ? `+${pp} pp` : change < 0 ? `−${pp.slice(1)} pp` : '±0.0 pp';
}

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
}

/** Event times on a session timeline, to the second. */
export function formatSecond(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
