/**
 * Turns a `--from`/`--to` argument into a UTC instant. A date (YYYY-MM-DD) is local midnight in the
 * report time zone, so a day in the report means a day on the reader's calendar; `--to` dates are
 * inclusive (the instant returned is the next local midnight). A full ISO instant is taken as is.
 * Returns undefined for anything else.
 */
export function reportInstant(text: string, timezone: string, { endOfDay = false } = {}): string | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const [year, month, day] = date.slice(1).map(Number) as [number, number, number];
    const wall = Date.UTC(year, month - 1, day + (endOfDay ? 1 : 0));
    if (Number.isNaN(wall) || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
    // The offset at the instant itself (found in two steps, for days when it changes).
    const first = wall - offsetAt(wall, timezone);
    return new Date(wall - offsetAt(first, timezone)).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}

/** Milliseconds the time zone's wall clock is ahead of UTC at `instant`. */
export function offsetAt(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
