/** Formatting shared by every page; numbers are always shown the same way. */
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en');

export const formatPercent = (share: number): string => percent.format(share);
export const formatCount = (count: number): string => integer.format(count);

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
