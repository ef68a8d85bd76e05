// `polku check` on a real 2-shard ClickHouse cluster gives exactly DuckDB's journey and campaign
// findings on the same events: random shop traffic plus campaigns spelled in hostile ways (spaces,
// case beyond ASCII, separators, quotes, control characters), missing and space-only sources and
// mediums, unknown mediums, an event sent twice, another site's tagging, a configured campaign
// never seen and journey steps that match nothing. Then `polku check --backend clickhouse` as a
// process: its exact output and exit code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { terminalText } from '../../cli/terminal-text.ts';
import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { checkConfigAgainstData, checkConfigAgainstRows } from '../../reports/check.ts';
import { checkRows } from '../../reports/check-queries.ts';
import { clickHouseCheckRows } from '../../reports/clickhouse/check-queries.ts';
import type { StoredEvent } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import { type ReportEngines, startReportEngines } from '../support/clickhouse-report-run.ts';
import { storedEvent } from '../support/events.ts';
import { runPolku } from '../support/polku-process.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfigInput, randomReportEvents } from '../support/random-report-events.ts';
import { tempDir } from '../support/temp.ts';

const KNOWN = `known: affiliate, affiliates, banner, cpa, cpc, cpm, cpm-social, cpv, display, e-mail, email, newsletter, organic, paid, paid-search, paid-social, paidsearch, paidsocial, ppc, programmatic, push, qr, referral, retargeting, sem, sm, sms, social, social-network, social-paid, socialnetwork, socialpaid, video`;

/** One landing page view tagged so, by its own visitor (spread over both shards). */
let tagged = 0;
function landing(campaign: string, source: string | null, medium: string | null, site = 'shop'): StoredEvent {
  tagged++;
  return storedEvent({
    site,
    visitorId: `tag-v${tagged}`,
    sessionId: `tag-s${tagged}`,
    path: '/products/lamp',
    utmCampaign: campaign,
    utmSource: source,
    utmMedium: medium,
    channel: 'Email',
  });
}

/** Imported history, not the collector's trimmed lower case: every way a campaign can be spelled. */
function hostileTagging(): StoredEvent[] {
  const twice = landing('dup-only', null, 'email');
  return [
    landing(' Spring-Sale', 'newsletter', 'email'),
    landing('spring_sale', 'facebook', 'emial'),
    landing('spring_sale', 'facebook', ' EMIAL\u00a0'),
    landing('KESÄ-ALE', 'newsletter', 'Email'),
    landing('kesä-ale', null, 'email'),
    landing('Kesä Ale', 'newsletter', null),
    // Space separators only (DuckDB's trim): missing. A tab is not a space: a medium "\t".
    landing('\u3000kesä-ale\u2003', '\u00a0 ', '\u2009'),
    landing('kesä-ale', 'newsletter', '\t'),
    // DuckDB lowers İ to i (one letter), ClickHouse's lowerUTF8 would not; Σ and Ǆ likewise.
    landing('İSTANBUL', 'google', 'cpc'),
    landing('istanbul', 'google', 'Cpc'),
    landing('ΣΑΛΕ-Ǆ', 'google', 'ΒΑΝΝΕΡ'),
    landing(`x'"\\<b>\u001b]0;pwn\u0007`, "o'neil", 'qr\\code'),
    landing('  ', 'google', 'cpc'),
    // Sent twice (the same id): one event on both engines, so "1 events without utm_source".
    twice,
    { ...twice },
    // Another site's tagging is not this config's to check.
    landing('Spring-Sale', null, 'mystery', 'blog'),
    landing('blog-only', null, null, 'blog'),
  ];
}

const events = [...randomReportEvents(seededRandom(20261202), 80), ...hostileTagging()];

function configInput(): PolkuConfigInput {
  const input = randomReportConfigInput();
  return {
    ...input,
    journeys: [
      ...(input.journeys ?? []),
      {
        id: 'lost',
        name: 'Lost',
        site: 'shop',
        steps: [
          { name: 'Lamp', page: '/products/lamp' },
          { name: 'Nowhere', page: '/nowhere/**' },
          { name: 'Dollars', event: 'add_to_cart', props: { currency: 'USD' } },
          { name: `Quote's "step"`, event: `it's \\ "odd"` },
        ],
      },
    ],
    campaigns: { ...input.campaigns, 'KESÄ-ALE': {}, 'never-seen': { journey: 'checkout' } },
  };
}
const config = parseConfig(configInput());

let both: ReportEngines;

describeClickHouse('polku check on a ClickHouse cluster', () => {
  beforeAll(async () => {
    both = await startReportEngines(events);
  });
  afterAll(async () => {
    await both?.stop();
  });

  it('reads the same rows and finds exactly what DuckDB finds', async () => {
    const rows = await clickHouseCheckRows(config, both.shards.first);
    expect(rows).toEqual(await checkRows(config, both.store));
    // Not vacuous: every step of the random journeys matches events, the hostile campaigns are there.
    expect(
      rows.stepEvents
        .slice(0, 5)
        .flat()
        .every((count) => count > 0),
    ).toBe(true);
    expect(rows.stepEvents[5]?.[0]).toBeGreaterThan(0);
    expect(rows.tagging.length).toBeGreaterThanOrEqual(8);

    const today = '2026-03-15';
    const findings = checkConfigAgainstRows(config, rows, { today });
    expect(findings).toEqual(await checkConfigAgainstData(config, both.store, { today }));
    const unknown = (medium: string) => `unknown utm_medium ${JSON.stringify(medium)}; ${KNOWN}`;
    expect(findings).toEqual([
      {
        level: 'error',
        path: 'journeys.5.steps.1',
        message: 'step "Nowhere" of journey "lost" matches no event of site "shop"',
      },
      {
        level: 'error',
        path: 'journeys.5.steps.2',
        message: 'step "Dollars" of journey "lost" matches no event of site "shop"',
      },
      {
        level: 'error',
        path: 'journeys.5.steps.3',
        message: 'step "Quote\'s "step"" of journey "lost" matches no event of site "shop"',
      },
      {
        level: 'error',
        path: 'campaigns.never-seen',
        message: 'campaign "never-seen" never appears in the data as utm_campaign (compared trimmed and lower-cased)',
      },
      {
        level: 'warning',
        path: 'campaigns.Spring-Sale.notes',
        message:
          'campaign "Spring-Sale" ended on 2026-03-07 and has no notes; add "notes": "notes/Spring-Sale.md" with what was learned',
      },
      { level: 'warning', path: 'utm_campaign "istanbul"', message: 'spelled 2 ways: "istanbul", "İSTANBUL"' },
      {
        level: 'warning',
        path: 'utm_campaign "kesä-ale"',
        message: 'spelled 4 ways: "KESÄ-ALE", "Kesä Ale", "kesä-ale", "\u3000kesä-ale\u2003"',
      },
      {
        level: 'warning',
        path: 'utm_campaign "spring-sale"',
        message: 'spelled 5 ways: " Spring-Sale", " spring-sale", "SPRING-SALE ", "Spring-Sale", "spring_sale"',
      },
      { level: 'warning', path: 'utm_campaign "dup-only"', message: '1 events without utm_source' },
      { level: 'warning', path: 'utm_campaign "kesä ale"', message: '1 events without utm_medium' },
      { level: 'warning', path: 'utm_campaign "kesä-ale"', message: '2 events without utm_source' },
      { level: 'warning', path: 'utm_campaign "kesä-ale"', message: '1 events without utm_medium' },
      { level: 'warning', path: 'utm_campaign "kesä-ale"', message: unknown('\t') },
      { level: 'warning', path: 'utm_campaign "spring_sale"', message: unknown('emial') },
      { level: 'warning', path: `utm_campaign "x'"\\<b>\u001b]0;pwn\u0007"`, message: unknown('qr\\code') },
      { level: 'warning', path: 'utm_campaign "σαλε-ǆ"', message: unknown('βαννερ') },
    ]);
  });

  it("polku check --backend clickhouse prints the cluster facts and DuckDB's findings, and fails on errors", async () => {
    const file = join(tempDir(), 'polku.config.json');
    writeFileSync(file, JSON.stringify(configInput()));
    const urls = both.clickHouse.cluster.shardUrls;
    const run = await runPolku(['check', '--backend', 'clickhouse', '--clickhouse', urls.join(','), '--config', file]);
    // With the clock's today, as the command: Spring-Sale and autumn have ended.
    const findings = await checkConfigAgainstData(config, both.store, { configFile: file });
    const counts = await Promise.all(
      both.shards.shards.map(async (shard) =>
        Number((await shard.query<{ n: string }>('SELECT count() AS n FROM events_local FINAL'))[0]?.n),
      ),
    );
    const newest = (site: string) =>
      new Date(Math.max(...events.filter((event) => event.site === site).map((event) => event.ts))).toISOString();
    const perSite = (site: string) => new Set(events.filter((event) => event.site === site).map((e) => e.id)).size;
    expect(counts.every((count) => count > 0)).toBe(true);
    // The event sent twice is one on the cluster too.
    expect((counts[0] ?? 0) + (counts[1] ?? 0)).toBe(perSite('shop') + perSite('blog'));
    expect(perSite('shop') + perSite('blog')).toBe(events.length - 1);
    expect(findings.filter((finding) => finding.path.endsWith('.notes')).map((finding) => finding.path)).toEqual([
      'campaigns.Spring-Sale.notes',
      'campaigns.autumn.notes',
    ]);
    const errors = findings.filter((finding) => finding.level === 'error').length;
    expect(errors).toBe(4);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        `shard 1 (${urls[0]}): ${counts[0]} events`,
        `shard 2 (${urls[1]}): ${counts[1]} events`,
        `site "blog": ${perSite('blog')} events, newest ${newest('blog')}`,
        `site "shop": ${perSite('shop')} events, newest ${newest('shop')}`,
        'warning: site "blog": has events on the cluster but is not in the config: its events are in no report',
        ...findings.map(
          (finding) => `${finding.level}: ${terminalText(finding.path)}: ${terminalText(finding.message)}`,
        ),
        `${errors} error(s), ${findings.length + 1 - errors} warning(s)`,
        '',
      ].join('\n'),
    );
    // The hostile campaign reaches the terminal with its control characters escaped.
    expect(run.stdout).toContain(`warning: utm_campaign "x'"\\<b>\\x1b]0;pwn\\x07": unknown utm_medium "qr\\\\code"`);
    expect(run.code).toBe(1);
  });
});
