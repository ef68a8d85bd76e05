import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPolku } from '../support/polku-process.ts';
import { SITE_FIXTURE_CONFIG, writeSiteFixture } from '../support/site-fixture.ts';
import { readTree } from '../support/site-tree.ts';
import { englishFragments, fragmentsIn, visibleText } from '../support/site-words.ts';

const EXPECTED_FI = new URL('../fixtures/site/expected-fi/', import.meta.url).pathname;
const EXPECTED_EN = new URL('../fixtures/site/expected/', import.meta.url).pathname;

// Every catalogue of the site, loaded here in English: the words that must not reach a Finnish page.
import.meta.glob('../../site/src/i18n/*.ts', { eager: true });

/**
 * English words a Finnish page has no use for, whatever the catalogues say: catches a literal left in a
 * page or component outside any catalogue. (The fixture's own names, such as "Checkout" or "Paid",
 * are data and may stay English.)
 */
const ENGLISH_WORDS = [
  'the',
  'of',
  'and',
  'from',
  'with',
  'per',
  'by',
  'no',
  'not',
  'yet',
  'left',
  'reached',
  'step',
  'steps',
  'session',
  'sessions',
  'visitor',
  'visitors',
  'journey',
  'journeys',
  'campaign',
  'campaigns',
  'conversion',
  'conversions',
  'target',
  'targets',
  'week',
  'day',
  'days',
  'median',
  'share',
  'value',
  'started',
  'completed',
  'converted',
  'previous',
  'period',
  'trend',
  'download',
  'replay',
  'timeline',
  'event',
  'events',
  'overview',
  'methodology',
  'behind',
  'track',
  'risk',
  'likely',
  'between',
  'data',
  'none',
  'other',
  'site',
  'average',
];

const pagesOf = (tree: Map<string, string>) =>
  [...tree].filter(([file]) => file.endsWith('.html') && file !== 'player/frame.html');

function englishOn(tree: Map<string, string>): Map<string, string[]> {
  const fragments = englishFragments();
  const words = new RegExp(`(?<![\\p{L}\\p{N}_/-])(${ENGLISH_WORDS.join('|')})(?![\\p{L}\\p{N}_/-])`, 'giu');
  const found = new Map<string, string[]>();
  for (const [file, html] of pagesOf(tree)) {
    const text = visibleText(html);
    const english = [...fragmentsIn(text, fragments), ...[...text.matchAll(words)].map((match) => match[0])];
    if (english.length > 0) found.set(file, [...new Set(english)]);
  }
  return found;
}

describe('polku build of the committed fixture in Finnish (report.locale: fi)', () => {
  let dir: string;
  let db: string;
  let config: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polku-site-build-fi-'));
    db = join(dir, 'polku.duckdb');
    await writeSiteFixture(db);
    // The same fixture and configuration, in Finnish.
    const english = JSON.parse(readFileSync(SITE_FIXTURE_CONFIG, 'utf8'));
    config = join(dir, 'polku.config.json');
    // The owner's goal and notes are the owner's words: a Finnish team writes them in Finnish.
    const spring = {
      ...english.campaigns['spring-sale'],
      goal: 'Myydä uutiskirjeen lukijoille lamppuja ja tuoleja 1 500 eurolla kahdessa viikossa',
    };
    const finnish = {
      ...english,
      campaigns: { ...english.campaigns, 'spring-sale': spring },
      report: { ...english.report, locale: 'fi' },
    };
    writeFileSync(config, JSON.stringify(finnish, null, 2));
    mkdirSync(join(dir, 'notes'));
    writeFileSync(
      join(dir, 'notes', 'spring-sale.md'),
      '## Mitä opimme\n\n- Uutiskirjeen kävijät ostivat, mutta mobiilissa kassa jäi kesken.\n- Ensi kerralla testataan kassasivu puhelimella ennen julkaisua.\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches the committed Finnish tree (UPDATE_GOLDEN=1 rewrites it): lang="fi", no English word', async () => {
    const result = await runPolku(['build', '--config', config, '--db', db, '--out', join(dir, 'site')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const tree = readTree(join(dir, 'site'));
    if (process.env.UPDATE_GOLDEN) {
      rmSync(EXPECTED_FI, { recursive: true, force: true });
      for (const [file, content] of tree) {
        mkdirSync(dirname(join(EXPECTED_FI, file)), { recursive: true });
        writeFileSync(join(EXPECTED_FI, file), content);
      }
    }
    const expected = readTree(EXPECTED_FI);
    expect([...tree.keys()]).toEqual([...expected.keys()]);
    for (const [file, content] of tree) expect(content, file).toBe(expected.get(file));

    const pages = pagesOf(tree);
    expect(pages.length).toBe(22);
    for (const [file, html] of pages) expect(html, file).toContain('<html lang="fi">');
    expect(Object.fromEntries(englishOn(tree))).toEqual({});
  });

  it('finds the English on the English site, so the check above can fail', () => {
    const english = englishOn(readTree(EXPECTED_EN));
    // Every page of the English build, and on its journey page many catalogue phrases.
    expect(english.size).toBe(22);
    expect(english.get('journeys/checkout/index.html')?.length).toBeGreaterThan(40);
    expect(english.get('index.html')).toEqual(expect.arrayContaining(['Overview', 'Biggest drop-off', 'Download CSV']));
  });
});
