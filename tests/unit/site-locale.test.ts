import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JourneyReport, StepResult } from '../../reports/index.ts';

/** The site's modules as a build in `locale` loads them (the locale is read once, at import). */
async function siteIn(locale: 'en' | 'fi') {
  vi.stubEnv('POLKU_SITE_LOCALE', locale);
  vi.resetModules();
  return {
    format: await import('../../site/src/format.ts'),
    headline: await import('../../site/src/headline.ts'),
    utm: await import('../../site/src/utm-warnings.ts'),
  };
}
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** Intl separates thousands and "%" with a no-break space in Finnish: spelled out so a reader sees it. */
const nb = '\u00a0';

describe('numbers and dates in the site locale', () => {
  it('writes Finnish shares, counts, money and times the Finnish way', async () => {
    const { format } = await siteIn('fi');
    expect([0.125, 0, 1, 0.5, 0.0004, 0.9996].map(format.formatPercent)).toEqual([
      `12,5${nb}%`,
      `0${nb}%`,
      `100${nb}%`,
      `50${nb}%`,
      `< 0,1${nb}%`,
      `> 99,9${nb}%`,
    ]);
    expect(format.formatCount(1234)).toBe(`1${nb}234`);
    expect(format.formatDecimal(1.962)).toBe('1,96');
    expect(format.formatMoney(1234.5, 'EUR')).toBe(`1${nb}234,50${nb}€`);
    // 14:29 UTC is 16:29 in Helsinki in March (UTC+2).
    expect(format.formatTime('2026-03-13T14:29:00Z', 'Europe/Helsinki')).toBe('13.3.2026 klo 16.29');
    expect(format.formatSecond('2026-03-13T14:29:05Z', 'Europe/Helsinki')).toBe('13.3. klo 16.29.05');
    expect(format.formatDay('2026-03-09')).toBe('9.3.2026');
    expect(format.formatMargin({ low: 0.21, high: 0.47 })).toBe(`21–47${nb}%`);
    expect(format.formatMargin({ low: 0.2101, high: 0.2104 })).toBe(`21${nb}%`);
    expect([0.025, -0.01, 0].map(format.formatChange)).toEqual([
      '+2,5 prosenttiyksikköä',
      '−1 prosenttiyksikkö',
      '0 prosenttiyksikköä',
    ]);
    expect([1, 2, 0].map((n) => format.countOf(n, 'session'))).toEqual(['1 istunto', '2 istuntoa', '0 istuntoa']);
    expect(format.countOf(1, 'visitor')).toBe('1 kävijä');
    expect([45, 210, 7560, 259_200].map(format.formatDuration)).toEqual(['45 s', '3,5 min', '2,1 t', '3 pv']);
    expect(format.formatDays(0.01)).toBe('< 0,1 pv');
  });

  it('writes English with the same rules: at most one decimal, ranges, changes in percentage points', async () => {
    const { format } = await siteIn('en');
    expect([0.125, 0, 0.0004].map(format.formatPercent)).toEqual(['12.5%', '0%', '< 0.1%']);
    expect(format.formatCount(1234)).toBe('1,234');
    expect(format.formatTime('2026-03-13T14:29:00Z', 'Europe/Helsinki')).toBe('13 Mar 2026, 16:29 EET');
    expect(format.formatMargin({ low: 0.21, high: 0.47 })).toBe('21% – 47%');
    expect([0.025, -0.01, 0].map(format.formatChange)).toEqual([
      '+2.5 percentage points',
      '-1 percentage point',
      '0 percentage points',
    ]);
    expect([1, 2].map((n) => format.countOf(n, 'session'))).toEqual(['1 session', '2 sessions']);
  });
});

const step = (name: string, count: number, droppedHere: number, interval = { low: 0, high: 0 }): StepResult => ({
  name,
  count,
  ofStart: 0,
  ofPrevious: 0,
  interval,
  droppedHere,
  timeFromPrevious: null,
  daysFromPrevious: null,
  timeBeforeLeaving: null,
  nextActions: [],
  samples: [],
  nps: null,
  comments: { total: 0, newest: [] },
});

const journey: JourneyReport = {
  id: 'checkout',
  name: 'Kassa',
  site: 'shop',
  unit: 'session',
  order: 'sequential',
  steps: [
    step('Tuote', 10_000, 5_790),
    step('Ostoskori', 4_210, 2_610),
    step('Kassa', 1_600, 0, { low: 0.365, high: 0.395 }),
  ],
  biggestDropOff: { afterStep: 2, dropped: 2_610, share: 0.62, significantlyWorse: true },
  conversion: { rate: 0.16, interval: { low: 0.15, high: 0.17 } },
  timeToConvert: { units: 0, medianSeconds: 0, p75Seconds: 0, buckets: [] },
  breakdowns: [
    {
      dimension: 'device',
      segments: [
        {
          value: 'mobile',
          steps: [5_000, 2_000, 440],
          conversion: 0.088,
          interval: { low: 0, high: 0 },
          smallSample: false,
          worse: true,
        },
      ],
    },
  ],
  trend: { granularity: 'day', points: [] },
  previousPeriod: null,
  cohorts: null,
  value: { total: 0, payers: 0, deciles: [] },
  crossSegments: { tested: 0, minUnits: 30, falseDiscoveryRate: 0.05, findings: [] },
};

describe('sentences in Finnish', () => {
  it('states the biggest drop-off with its likely range and the segment that left most', async () => {
    const { headline } = await siteIn('fi');
    // 36.5–39.5 % of the cart went on, so 60.5–63.5 % left; mobile: 2,000 in the cart, 440 went on.
    expect(headline.journeyHeadline(journey)).toBe(
      `Suurin poistuma: Ostoskori → Kassa — 4${nb}210 istunnosta poistui 62${nb}% (todennäköisesti 60,5–63,5${nb}%); eniten poistuivat istunnot laitteella mobile (78${nb}%).`,
    );
    expect(headline.journeyHeadline({ ...journey, biggestDropOff: null })).toBe(
      `Jokainen aloittanut istunto suoritti polun loppuun (10${nb}000 istuntoa).`,
    );
  });

  it('words tagging warnings with Finnish plurals', async () => {
    const { utm } = await siteIn('fi');
    const campaign = {
      variants: [
        { spelling: 'spring', sessions: 6 },
        { spelling: 'Spring', sessions: 1 },
      ],
    };
    expect(utm.utmWarningText({ kind: 'spellings', spellings: 2 }, campaign)).toBe(
      'utm_campaign on kirjoitettu 2 eri tavalla: ”spring” (6 istuntoa), ”Spring” (1 istunto); käytä yhtä kirjoitusasua.',
    );
    expect(utm.utmWarningText({ kind: 'no-source', sessions: 1 }, campaign)).toBe('1 istunto: utm_source puuttuu.');
    expect(utm.utmWarningText({ kind: 'unknown-medium', medium: 'emial', sessions: 4 }, campaign)).toBe(
      'utm_medium ”emial” (4 istuntoa) ei ole väline, jonka analytiikkatyökalut tunnistavat.',
    );
  });
});
