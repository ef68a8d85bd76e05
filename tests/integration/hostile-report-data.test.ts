/**
 * What anyone on the internet can post to a public collector must never stop `polku build` or
 * `polku report`, take over a configured campaign's page, or grow the report without bound.
 * Events go through the real collector into a real DuckDB file; the site and the report files are
 * made by the real `polku` command.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolkuConfigInput } from '../../config/index.ts';
import type { CampaignReport, JourneyReport } from '../../reports/index.ts';
import { collectHostileSessions, type HostileSession, writeConfig } from '../support/hostile-sessions.ts';
import { runPolku } from '../support/polku-process.ts';

/** Names the bundler would take for its own asset placeholders, were report data pasted into source. */
const ASSET_TOKENS = ['__ASTRO_ASSET_IMAGE__x__', '__VITE_ASSET__abc123__', '__VITE_PUBLIC_ASSET__abc123__'];
/** A campaign name of 300 characters: as a file name it would exceed the 255-byte limit. */
const LONG_CAMPAIGN = 'a'.repeat(300);
const hash10 = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 10);

const CONFIG: PolkuConfigInput = {
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  campaigns: { spring: { journey: 'checkout' } },
  report: {
    title: 'Hostile data',
    timezone: 'UTC',
    currency: 'EUR',
    campaigns: { minSessions: 3, maxUnconfigured: 3 },
    tables: { maxRows: 3 },
  },
};

const times = <T>(count: number, make: (index: number) => T): T[] =>
  Array.from({ length: count }, (_, index) => make(index));

/**
 * 39 sessions, all landing on a product page and none paying, so all drop off at step 1:
 * - 3 send one event each, named like a bundler asset token;
 * - 1 comes from the configured campaign (spelled "Spring"), 4 from "!spring", whose clean form is
 *   the configured campaign's page name;
 * - 3 from a 300-character campaign, 5 from "big-one" (each with its own utm_source), 3 from "big-two";
 * - 20 junk campaigns of one session each, each landing on its own page and sending its own event.
 * With minSessions 3 and maxUnconfigured 3: big-one (5), !spring (4) and the long campaign (3; it
 * sorts before big-two at equal size) get reports; big-two and the 20 junk campaigns are summed.
 */
const SESSIONS: HostileSession[] = [
  ...ASSET_TOKENS.map((token) => ({ landing: '/products/lamp', events: [token] })),
  { landing: '/products/lamp', campaign: 'Spring' },
  ...times(4, () => ({ landing: '/products/lamp', campaign: '!spring' })),
  ...times(3, () => ({ landing: '/products/lamp', campaign: LONG_CAMPAIGN })),
  ...times(5, (i) => ({ landing: '/products/lamp', campaign: 'big-one', source: `s${i}` })),
  ...times(3, () => ({ landing: '/products/lamp', campaign: 'big-two' })),
  ...times(20, (i) => ({ landing: `/products/junk-${i}`, campaign: `junk-${i}`, events: [`junk-event-${i}`] })),
];

describe('report data sent by outsiders', () => {
  let dir: string;
  let site: string;
  let reportDir: string;
  let built: { code: number | null; stdout: string; stderr: string };
  let reported: { code: number | null; stdout: string; stderr: string };
  const read = (file: string) => readFileSync(join(site, file), 'utf8');
  const json = <T>(file: string) => JSON.parse(read(join('data', file))) as T;

  beforeAll(async () => {
    // Not tempDir(): that is emptied after each test, and every test here reads the one build.
    dir = mkdtempSync(join(tmpdir(), 'polku-hostile-'));
    const db = join(dir, 'polku.duckdb');
    const config = writeConfig(dir, CONFIG);
    await collectHostileSessions(db, CONFIG, SESSIONS);
    site = join(dir, 'site');
    reportDir = join(dir, 'report');
    built = await runPolku(['build', '--config', config, '--db', db, '--out', site]);
    reported = await runPolku(['report', '--config', config, '--db', db, '--out', reportDir]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the site and writes the report (exit 0, nothing on stderr)', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(reported.stderr).toBe('');
    expect(reported.code).toBe(0);
  });

  it('shows event names that look like bundler asset tokens as text, unchanged', () => {
    const journey = json<JourneyReport>('journeys/checkout.json');
    const step = journey.steps[0];
    expect(step?.count).toBe(39);
    // (left) 16; then the 23 one-unit actions by name; beyond the top 5, one row sums 19 actions.
    const singles = [...ASSET_TOKENS, ...times(20, (i) => `junk-event-${i}`)].sort((a, b) => a.localeCompare(b));
    expect(step?.nextActions).toEqual([
      { action: '(left)', units: 16, share: 0.410256 },
      ...singles.slice(0, 4).map((action) => ({ action, units: 1, share: 0.025641 })),
      { action: 'other (19)', units: 19, other: 19, share: 0.487179 },
    ]);
    const page = read('journeys/checkout/index.html');
    for (const token of ASSET_TOKENS) {
      expect(page).toContain(`<th scope="row">${token}</th>`);
      expect(read('data/journeys/checkout.next-actions.csv')).toContain(`1,${token},1,0.025641,\n`);
    }
  });

  it('caps a long campaign name to a short, stable page name, in the site and in `polku report`', () => {
    const slug = `${'a'.repeat(53)}-${hash10(LONG_CAMPAIGN)}`;
    expect(slug.length).toBe(64);
    const campaign = json<CampaignReport>(`campaigns/${slug}.json`);
    expect([campaign.campaign, campaign.sessions]).toEqual([LONG_CAMPAIGN, 3]);
    expect(read(`campaigns/${slug}/index.html`)).toContain(`Campaign “${LONG_CAMPAIGN}”`);
    expect(existsSync(join(reportDir, 'campaigns', `${slug}.traffic.csv`))).toBe(true);
  });

  it('keeps the configured campaign on its own page; "!spring" from the data gets a hashed one', () => {
    const spring = json<CampaignReport>('campaigns/spring.json');
    expect([spring.campaign, spring.configured, spring.sessions]).toEqual(['spring', true, 1]);
    expect(read('campaigns/spring/index.html')).toContain('<h1>Campaign “spring”</h1>');
    const intruder = json<CampaignReport>(`campaigns/spring-${hash10('!spring')}.json`);
    expect([intruder.campaign, intruder.configured, intruder.sessions]).toEqual(['!spring', false, 4]);
    expect(existsSync(join(site, 'campaigns', 'spring-2'))).toBe(false);
  });

  it('gives pages to configured campaigns and the largest seen ones only, and sums the rest', () => {
    const index = json<{ campaigns: { campaign: string; file: string }[]; otherCampaigns: unknown }>('index.json');
    expect(index.campaigns.map((c) => [c.campaign, c.file])).toEqual([
      ['!spring', `campaigns/spring-${hash10('!spring')}.json`],
      [LONG_CAMPAIGN, `campaigns/${'a'.repeat(53)}-${hash10(LONG_CAMPAIGN)}.json`],
      ['big-one', 'campaigns/big-one.json'],
      ['spring', 'campaigns/spring.json'],
    ]);
    expect(index.otherCampaigns).toEqual({ campaigns: 21, sessions: 23, value: 0 });
    expect(readdirSync(join(site, 'campaigns')).length).toBe(4);
    // Six data files per campaign, plus index.json and campaigns.csv.
    expect(readdirSync(join(site, 'data', 'campaigns')).length).toBe(4 * 6);
    expect(readdirSync(join(reportDir, 'campaigns')).length).toBe(4 * 6);
    const overview = read('index.html');
    expect(overview).toMatch(
      /<tr class="empty" data-testid="other-campaigns"><th scope="row">other campaigns \(21\)<\/th><td>23<\/td>/,
    );
    expect(overview).not.toContain('junk-');
    expect(read('methodology/index.html')).toContain(
      'has a page only with at least 3 sessions, and only the 3 largest of those do; the others are summed in one “other campaigns (N)” row of the overview (this report: 21 campaigns, 23 sessions)',
    );
  });

  it('keeps each breakdown and ranking to its largest rows plus one "other (N)" row', () => {
    const journey = json<JourneyReport>('journeys/checkout.json');
    const segments = (dimension: string) =>
      journey.breakdowns.find((b) => b.dimension === dimension)?.segments.map((s) => [s.value, s.steps, s.other]);
    expect(segments('landing_page')).toEqual([
      ['/products/lamp', [19, 0], undefined],
      ['/products/junk-0', [1, 0], undefined],
      ['/products/junk-1', [1, 0], undefined],
      ['other (18)', [18, 0], 18],
    ]);
    expect(segments('campaign')).toEqual([
      ['big-one', [5, 0], undefined],
      ['!spring', [4, 0], undefined],
      ['(none)', [3, 0], undefined],
      ['other (23)', [27, 0], 23],
    ]);
    const bigOne = json<CampaignReport>('campaigns/big-one.json');
    expect(bigOne.sources).toEqual([
      { value: 's0', sessions: 1 },
      { value: 's1', sessions: 1 },
      { value: 's2', sessions: 1 },
      { value: 'other (2)', sessions: 2, other: 2 },
    ]);
    expect(read('data/campaigns/big-one.traffic.csv')).toContain('\nsource,s2,1,\nsource,other (2),2,2\n');
  });

  it('ships no player files in a site without replays', () => {
    expect(existsSync(join(site, 'index.html'))).toBe(true);
    expect(existsSync(join(site, 'player'))).toBe(false);
    expect(existsSync(join(site, 'replays'))).toBe(false);
  });
});
