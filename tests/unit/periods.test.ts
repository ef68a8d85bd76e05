import { describe, expect, it } from 'vitest';
import { PeriodError, parsePeriodName, rangePeriod, resolvePeriod } from '../../reports/periods.ts';

const HELSINKI = 'Europe/Helsinki';
const campaigns = {
  'spring-sale': { from: '2026-03-09', to: '2026-03-22' },
  'Black Friday': { from: '2026-11-27' },
  evergreen: {},
  backwards: { from: '2026-05-10', to: '2026-05-01' },
};
const at = (anchor: string | null, timezone = HELSINKI) => ({ timezone, campaigns, anchor });

describe('last-N-days', () => {
  it('ends with the local day of the anchor and includes it; the previous period is the N days before', () => {
    // 14:00 in Helsinki on 30 November.
    expect(resolvePeriod('last-7-days', at('2026-11-30T12:00:00.000Z'))).toEqual({
      name: 'last-7-days',
      slug: 'last-7-days',
      spec: { kind: 'last-days', days: 7 },
      range: { from: '2026-11-23T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' },
      days: { first: '2026-11-24', last: '2026-11-30' },
      previous: { from: '2026-11-16T22:00:00.000Z', to: '2026-11-23T22:00:00.000Z' },
    });
  });

  it('takes the day in the report time zone, not in UTC', () => {
    // 22:30 UTC on 30 November is 00:30 on 1 December in Helsinki.
    const helsinki = resolvePeriod('last-7-days', at('2026-11-30T22:30:00.000Z'));
    expect(helsinki.days).toEqual({ first: '2026-11-25', last: '2026-12-01' });
    expect(helsinki.range).toEqual({ from: '2026-11-24T22:00:00.000Z', to: '2026-12-01T22:00:00.000Z' });
    const utc = resolvePeriod('last-7-days', at('2026-11-30T22:30:00.000Z', 'UTC'));
    expect(utc.days).toEqual({ first: '2026-11-24', last: '2026-11-30' });
    expect(utc.range).toEqual({ from: '2026-11-24T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
  });

  it('counts whole local days across the end of summer time (25 October 2026)', () => {
    const period = resolvePeriod('last-30-days', at('2026-11-10T10:00:00.000Z'));
    expect(period.days).toEqual({ first: '2026-10-12', last: '2026-11-10' });
    // Starts at midnight EEST (UTC+3), ends at midnight EET (UTC+2): 30 days and 1 hour.
    expect(period.range).toEqual({ from: '2026-10-11T21:00:00.000Z', to: '2026-11-10T22:00:00.000Z' });
    expect(period.previous).toEqual({ from: '2026-09-11T21:00:00.000Z', to: '2026-10-11T21:00:00.000Z' });
  });

  it('counts whole local days across the start of summer time (29 March 2026)', () => {
    const period = resolvePeriod('last-7-days', at('2026-03-31T09:00:00.000Z'));
    expect(period.days).toEqual({ first: '2026-03-25', last: '2026-03-31' });
    // 7 days less 1 hour, compared with the 7 whole days before (all in winter time).
    expect(period.range).toEqual({ from: '2026-03-24T22:00:00.000Z', to: '2026-03-31T21:00:00.000Z' });
    expect(period.previous).toEqual({ from: '2026-03-17T22:00:00.000Z', to: '2026-03-24T22:00:00.000Z' });
  });

  it('accepts any N from 1 to 366', () => {
    expect(resolvePeriod('last-1-day', at('2026-11-30T12:00:00.000Z')).days).toEqual({
      first: '2026-11-30',
      last: '2026-11-30',
    });
    expect(resolvePeriod('last-90-days', at('2026-11-30T12:00:00.000Z')).days.first).toBe('2026-09-02');
  });

  it('needs an anchor: without events and without --now it says so', () => {
    expect(() => resolvePeriod('last-7-days', at(null))).toThrow(
      new PeriodError(
        '"last-7-days" counts back from the newest event, and the database has none; give --now to count back from a day of your choosing',
      ),
    );
  });
});

describe('month:YYYY-MM', () => {
  it('is the calendar month in the time zone, compared with as many days before it', () => {
    expect(resolvePeriod('month:2026-11', at(null))).toEqual({
      name: 'month:2026-11',
      slug: 'month-2026-11',
      spec: { kind: 'month', month: '2026-11' },
      range: { from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' },
      days: { first: '2026-11-01', last: '2026-11-30' },
      // 30 days: 2 to 31 October, which starts in summer time.
      previous: { from: '2026-10-01T21:00:00.000Z', to: '2026-10-31T22:00:00.000Z' },
    });
  });

  it('ends at the first local midnight of the next month, across summer time and the year', () => {
    const march = resolvePeriod('month:2026-03', at(null));
    expect(march.range).toEqual({ from: '2026-02-28T22:00:00.000Z', to: '2026-03-31T21:00:00.000Z' });
    expect(march.previous).toEqual({ from: '2026-01-28T22:00:00.000Z', to: '2026-02-28T22:00:00.000Z' });
    expect(resolvePeriod('month:2026-12', at(null)).range.to).toBe('2026-12-31T22:00:00.000Z');
    expect(resolvePeriod('month:2028-02', at(null)).days).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });

  it('does not depend on the anchor', () => {
    expect(resolvePeriod('month:2026-11', at('2027-05-01T00:00:00.000Z'))).toEqual(
      resolvePeriod('month:2026-11', at(null)),
    );
  });
});

describe('campaign:NAME', () => {
  it("is the campaign's configured days, matched by the normalised name", () => {
    expect(resolvePeriod('campaign:Spring-Sale', at(null))).toEqual({
      name: 'campaign:Spring-Sale',
      slug: 'campaign-spring-sale',
      spec: { kind: 'campaign', campaign: 'Spring-Sale' },
      range: { from: '2026-03-08T22:00:00.000Z', to: '2026-03-22T22:00:00.000Z' },
      days: { first: '2026-03-09', last: '2026-03-22' },
      previous: { from: '2026-02-22T22:00:00.000Z', to: '2026-03-08T22:00:00.000Z' },
    });
  });

  it('runs to the end of the data without "to", and gets a safe folder name for any name', () => {
    const period = resolvePeriod('campaign:black friday', at(null));
    expect(period.range).toEqual({ from: '2026-11-26T22:00:00.000Z' });
    expect(period.days).toEqual({ first: '2026-11-27', last: null });
    expect(period.previous).toBeUndefined();
    expect(period.slug).toMatch(/^campaign-[0-9a-f]{12}$/);
  });

  it('names the known campaigns when the campaign is unknown or has no period', () => {
    expect(() => resolvePeriod('campaign:autumn', at(null))).toThrow(
      '"campaign:autumn": no campaign "autumn" in the config; known campaigns: Black Friday, backwards, evergreen, spring-sale',
    );
    expect(() => resolvePeriod('campaign:evergreen', at(null))).toThrow(
      '"campaign:evergreen": campaign "evergreen" has no period; give it "from" (and "to") dates in the config, or use one of: Black Friday, backwards, spring-sale',
    );
    expect(() => resolvePeriod('campaign:backwards', at(null))).toThrow(
      '"campaign:backwards": campaign "backwards" ends (2026-05-01) before it starts (2026-05-10)',
    );
  });
});

describe('period names', () => {
  it('rejects what is not a period, saying what is', () => {
    const allowed = 'use last-7-days, last-30-days (any last-N-days, N 1–366), month:2026-11 or campaign:NAME';
    expect(() => parsePeriodName('last-week')).toThrow(`"last-week" is not a period; ${allowed}`);
    expect(() => parsePeriodName('campaign:  ')).toThrow(`"campaign:  " is not a period; ${allowed}`);
    expect(() => parsePeriodName('month:2026-1')).toThrow(`"month:2026-1" is not a period; ${allowed}`);
    expect(() => parsePeriodName('month:2026-13')).toThrow(
      '"month:2026-13": the month must be 01–12, as in month:2026-11',
    );
    expect(() => parsePeriodName('last-0-days')).toThrow('"last-0-days": use 1 to 366 days');
    expect(() => parsePeriodName('last-367-days')).toThrow('"last-367-days": use 1 to 366 days');
  });
});

describe('--from/--to as a period', () => {
  it('is whole local days when both are dates, with the same number of days before', () => {
    const period = rangePeriod(
      { from: '2026-03-24T22:00:00.000Z', to: '2026-03-31T21:00:00.000Z' },
      { from: '2026-03-25', to: '2026-03-31' },
      HELSINKI,
    );
    expect(period.range).toEqual({ from: '2026-03-24T22:00:00.000Z', to: '2026-03-31T21:00:00.000Z' });
    expect(period.previous).toEqual({ from: '2026-03-17T22:00:00.000Z', to: '2026-03-24T22:00:00.000Z' });
    expect(period.spec).toEqual({ kind: 'range' });
  });

  it('keeps instants as given and leaves the previous window to the report (same length in time)', () => {
    const range = { from: '2026-03-02T12:00:00.000Z', to: '2026-03-04T13:00:00.000Z' };
    const period = rangePeriod(range, { from: range.from, to: range.to }, HELSINKI);
    expect(period.range).toEqual(range);
    expect(period.previous).toBeUndefined();
    expect(period.days).toEqual({ first: '2026-03-02', last: '2026-03-04' });
  });
});
