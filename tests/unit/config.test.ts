import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatDuration, loadConfig, parseConfig, parseDuration } from '../../config/index.ts';
import { tempDir } from '../support/temp.ts';

const valid = {
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      window: '30m',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase', within: '10m' },
      ],
    },
  ],
};

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected the config to be rejected');
}

describe('config validation', () => {
  it('accepts a valid config and fills in the defaults', () => {
    const config = parseConfig(valid);
    expect(config.journeys[0]?.unit).toBe('session');
    expect(config.journeys[0]?.order).toBe('sequential');
    expect(config.journeys[0]?.exclude).toEqual([]);
    expect(config.campaigns).toEqual({});
    expect(config.report).toEqual({
      title: 'Polku report',
      timezone: 'UTC',
      currency: 'EUR',
      locale: 'en',
      campaigns: { minSessions: 10, maxUnconfigured: 50 },
      tables: { maxRows: 10 },
      periods: [],
    });
  });

  it('accepts report.periods by name and rejects unknown names, campaigns without a period and repeats', () => {
    const campaigns = { 'Spring-Sale': { from: '2026-03-01', to: '2026-03-31' }, evergreen: {} };
    const periods = ['last-7-days', 'month:2026-11', 'campaign:spring-sale'];
    expect(parseConfig({ ...valid, campaigns, report: { periods } }).report.periods).toEqual(periods);
    const bad = ['last-week', 'month:2026-13', 'campaign:evergreen', 'campaign:autumn', 'last-7-days', 'last-7-days'];
    expect(issuesOf({ ...valid, campaigns, report: { periods: bad } })).toEqual([
      {
        path: 'report.periods.0',
        message: 'use "last-7-days", "last-30-days" (any last-N-days), "month:2026-11" or "campaign:NAME"',
      },
      {
        path: 'report.periods.1',
        message: 'use "last-7-days", "last-30-days" (any last-N-days), "month:2026-11" or "campaign:NAME"',
      },
      { path: 'report.periods.2', message: 'campaign "evergreen" has no period; give it "from" (and "to") dates' },
      { path: 'report.periods.3', message: 'unknown campaign "autumn"; known campaigns: Spring-Sale, evergreen' },
      { path: 'report.periods.5', message: '"last-7-days" is listed twice' },
    ]);
  });

  it('names the path of a misspelt key and suggests the right one', () => {
    const { steps, ...journey } = structuredClone(valid.journeys[0]) as (typeof valid.journeys)[number];
    const issues = issuesOf({ ...valid, journeys: [{ ...journey, stpes: steps }] });
    expect(issues).toEqual([
      { path: 'journeys.0.steps', message: 'Invalid input: expected array, received undefined' },
      { path: 'journeys.0.stpes', message: 'unknown key "stpes"; did you mean "steps"?' },
    ]);
  });

  it('points at the wrong step field', () => {
    const raw = structuredClone(valid);
    (raw.journeys[0]?.steps[1] as Record<string, unknown>).within = 'ten minutes';
    expect(issuesOf(raw)).toEqual([
      { path: 'journeys.0.steps.1.within', message: 'use a duration like "45s", "30m", "2h" or "7d"' },
    ]);
  });

  it('requires exactly one of page and event on a step', () => {
    const raw = structuredClone(valid);
    (raw.journeys[0]?.steps[0] as Record<string, unknown>).event = 'view';
    expect(issuesOf(raw)).toEqual([
      {
        path: 'journeys.0.steps.0',
        message: 'a step matches either a "page" glob or an "event" name, exactly one of them',
      },
    ]);
  });

  it('fills in the defaults of a feedback prompt', () => {
    const config = parseConfig({ ...valid, feedback: [{ journey: 'checkout', step: 'Product' }] });
    expect(config.feedback).toEqual([
      { journey: 'checkout', step: 'Product', idle: 20_000, onLeave: true, rate: 1, quiet: 90 * 86_400_000 },
    ]);
  });

  it('rejects a feedback prompt on an unknown journey, an unknown step or an event step', () => {
    const feedback = [
      { journey: 'signup', step: 'Product' },
      { journey: 'checkout', step: 'Cart' },
      { journey: 'checkout', step: 'Paid' },
      { journey: 'checkout', step: 'Product', rate: 1.5 },
    ];
    expect(issuesOf({ ...valid, feedback })).toEqual([
      { path: 'feedback.3.rate', message: 'Too big: expected number to be <=1' },
      { path: 'feedback.0.journey', message: 'unknown journey "signup"; known journeys: checkout' },
      { path: 'feedback.1.step', message: 'unknown step "Cart" in journey "checkout"; its page steps: "Product"' },
      {
        path: 'feedback.2.step',
        message: 'step "Paid" matches an event; a prompt needs a step that matches a page: "Product"',
      },
    ]);
  });

  it('rejects a journey on an unknown site and lists the known ones', () => {
    const raw = structuredClone(valid);
    if (raw.journeys[0]) raw.journeys[0].site = 'blog';
    expect(issuesOf(raw)).toEqual([{ path: 'journeys.0.site', message: 'unknown site "blog"; known sites: shop' }]);
  });

  it('rejects an origin with a path', () => {
    expect(issuesOf({ sites: [{ id: 'shop', origins: ['https://shop.example/cart'] }] })).toEqual([
      {
        path: 'sites.0.origins.0',
        message: 'use an origin only, like "https://shop.example" (no path, query or trailing parts)',
      },
    ]);
  });

  it('rejects an unknown time zone', () => {
    expect(issuesOf({ ...valid, report: { timezone: 'Europe/Hel' } })).toEqual([
      { path: 'report.timezone', message: 'unknown time zone "Europe/Hel"; use an IANA name like "Europe/Helsinki"' },
    ]);
  });

  it('rejects report caps that would list nothing, or everything', () => {
    expect(issuesOf({ ...valid, report: { campaigns: { minSessions: 0 }, tables: { maxRows: 1_000_000 } } })).toEqual([
      { path: 'report.campaigns.minSessions', message: 'use a whole number of sessions, at least 1 (default 10)' },
      { path: 'report.tables.maxRows', message: 'at most 1000 rows per table (default 10)' },
    ]);
  });

  it('suggests a top-level key', () => {
    expect(issuesOf({ ...valid, jouneys: [] })).toEqual([
      { path: 'jouneys', message: 'unknown key "jouneys"; did you mean "journeys"?' },
    ]);
  });

  it('suggests keys everywhere in the config, read from the schema', () => {
    const raw = structuredClone(valid) as Record<string, unknown> & typeof valid;
    (raw.sites[0] as Record<string, unknown>).replya = true;
    (raw.journeys[0] as Record<string, unknown>).exclude = [{ evnt: 'refund' }];
    raw.retention = { evnts: '30d' };
    raw.campaigns = { spring: { journey: 'checkout', targets: { conversion: 3 } } };
    expect(issuesOf(raw)).toEqual([
      { path: 'sites.0.replya', message: 'unknown key "replya"; did you mean "replay"?' },
      { path: 'journeys.0.exclude.0.evnt', message: 'unknown key "evnt"; did you mean "event"?' },
      { path: 'campaigns.spring.targets.conversion', message: 'unknown key "conversion"; did you mean "conversions"?' },
      { path: 'retention.evnts', message: 'unknown key "evnts"; did you mean "events"?' },
    ]);
    expect(issuesOf({ ...valid, retension: {} })).toEqual([
      { path: 'retension', message: 'unknown key "retension"; did you mean "retention"?' },
    ]);
  });

  it('suggests the nearest choice for a misspelt option', () => {
    const raw = structuredClone(valid);
    (raw.journeys[0] as Record<string, unknown>).unit = 'sesion';
    (raw.journeys[0] as Record<string, unknown>).order = 'anything';
    expect(issuesOf(raw)).toEqual([
      { path: 'journeys.0.unit', message: '"sesion" is not one of "session", "visitor"; did you mean "session"?' },
      { path: 'journeys.0.order', message: '"anything" is not one of "sequential", "strict", "any"' },
    ]);
  });
});

describe('campaign retrospective and revenue keys', () => {
  it('takes an owner, a one-line goal, a notes path and a revenue definition', () => {
    const config = parseConfig({
      ...valid,
      campaigns: { spring: { owner: ' Aino Virtanen ', goal: 'Sell 200 lamps', notes: 'notes/spring.md' } },
      revenue: { event: 'purchase', props: { status: 'paid' }, valueProp: 'total' },
    });
    expect(config.campaigns.spring).toEqual({
      owner: 'Aino Virtanen',
      goal: 'Sell 200 lamps',
      notes: 'notes/spring.md',
    });
    expect(config.revenue).toEqual({ event: 'purchase', props: { status: 'paid' }, valueProp: 'total' });
  });

  it('wants the goal on one line and the revenue event named', () => {
    expect(
      issuesOf({
        ...valid,
        campaigns: { spring: { goal: 'Sell lamps\nand chairs' } },
        revenue: { valueProp: 'total' },
      }),
    ).toEqual([
      { path: 'campaigns.spring.goal', message: 'write it on one line' },
      { path: 'revenue.event', message: 'Invalid input: expected string, received undefined' },
    ]);
  });
});

describe('loading config files', () => {
  it('loads a JSON file', async () => {
    const file = join(tempDir(), 'polku.config.json');
    writeFileSync(file, JSON.stringify(valid));
    expect((await loadConfig(file)).sites[0]?.id).toBe('shop');
  });

  it('loads a TypeScript file with a default export', async () => {
    const file = join(tempDir(), 'polku.config.ts');
    writeFileSync(file, `export default ${JSON.stringify(valid)};\n`);
    expect((await loadConfig(file)).journeys[0]?.id).toBe('checkout');
  });

  it('says which file is missing and how to fix it', async () => {
    await expect(loadConfig('/nowhere/polku.config.ts')).rejects.toThrow(
      'invalid config /nowhere/polku.config.ts:\n  - (root): file not found; create polku.config.ts (see README "Configuration") or pass --config FILE',
    );
  });

  it('reports broken JSON with the file name', async () => {
    const file = join(tempDir(), 'polku.config.json');
    writeFileSync(file, '{ "sites": [ }');
    await expect(loadConfig(file)).rejects.toThrow(
      /invalid config .*polku\.config\.json:\n {2}- \(root\): not valid JSON/,
    );
  });
});

describe('durations', () => {
  it('parses seconds, minutes, hours and days', () => {
    expect([parseDuration('45s'), parseDuration('30m'), parseDuration('2h'), parseDuration('7d')]).toEqual([
      45_000, 1_800_000, 7_200_000, 604_800_000,
    ]);
    expect(parseDuration('10 minutes')).toBeUndefined();
  });

  it('are parsed once, by the schema, into milliseconds (retention defaults included)', () => {
    const config = parseConfig({
      sites: [{ id: 'shop', origins: ['https://shop.example'] }],
      journeys: [
        {
          id: 'checkout',
          name: 'Checkout',
          site: 'shop',
          window: '30m',
          steps: [
            { name: 'Cart', page: '/cart' },
            { name: 'Paid', event: 'purchase', within: '90s' },
          ],
        },
      ],
      retention: { replays: '2d' },
    });
    expect([config.journeys[0]?.window, config.journeys[0]?.steps[1]?.within]).toEqual([1_800_000, 90_000]);
    expect(config.retention).toEqual({ events: 761 * 86_400_000, replays: 2 * 86_400_000 });
  });

  it('are written back in the largest whole unit', () => {
    expect([86_400_000, 5_400_000, 45_000, 1_500].map(formatDuration)).toEqual(['1d', '90m', '45s', '1.5s']);
  });
});
