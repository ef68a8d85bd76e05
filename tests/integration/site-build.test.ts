import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPolku, startPolku } from '../support/polku-process.ts';
import { SITE_FIXTURE_CONFIG, writeSiteFixture } from '../support/site-fixture.ts';
import { readTree } from '../support/site-tree.ts';

const EXPECTED = new URL('../fixtures/site/expected/', import.meta.url).pathname;
const digest = (tree: Map<string, string>) =>
  createHash('sha256')
    .update([...tree].map(([file, content]) => `${file}\n${content}`).join('\n'))
    .digest('hex');

describe('polku build of the committed fixture', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polku-site-build-'));
    db = join(dir, 'polku.duckdb');
    await writeSiteFixture(db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const build = (out: string, ...extra: string[]) =>
    runPolku(['build', '--config', SITE_FIXTURE_CONFIG, '--db', db, '--out', join(dir, out), ...extra]);

  it('matches the committed expected tree (UPDATE_GOLDEN=1 rewrites it), and a second build is byte-identical', async () => {
    const first = await build('first');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const tree = readTree(join(dir, 'first'));
    if (process.env.UPDATE_GOLDEN) {
      rmSync(EXPECTED, { recursive: true, force: true });
      for (const [file, content] of tree) {
        mkdirSync(dirname(join(EXPECTED, file)), { recursive: true });
        writeFileSync(join(EXPECTED, file), content);
      }
    }
    const expected = readTree(EXPECTED);
    expect([...tree.keys()]).toEqual([...expected.keys()]);
    for (const [file, content] of tree) expect(content, file).toBe(expected.get(file));

    const second = await build('second');
    expect(second.code).toBe(0);
    expect(digest(readTree(join(dir, 'second')))).toBe(digest(tree));
    // The player frame inlines the package's own files (the script without its source map comment).
    const frame = tree.get('player/frame.html') ?? '';
    expect(frame).toContain('(vendored replay.umd.min.cjs)');
    expect(frame).toContain('(vendored style.min.css)');
    expect(frame).not.toContain('sourceMappingURL');
  });

  it('shows --now as the build time on the methodology page; rejects a bad --now or --memory-limit', async () => {
    const result = await build('now', '--now', '2026-04-01T08:00:00Z');
    expect(result.code).toBe(0);
    const methodology = readFileSync(join(dir, 'now', 'methodology', 'index.html'), 'utf8');
    expect(methodology).toContain('1 Apr 2026, 11:00 EEST');
    const invalid = await build('bad-now', '--now', 'yesterday-ish');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr.trim()).toBe('--now: "yesterday-ish" is not a time; use ISO 8601 or "now"');
    const memory = await build('bad-memory', '--memory-limit', "1GB'; drop table events; --");
    expect(memory.code).toBe(2);
    expect(memory.stderr).toMatch(/--memory-limit: .* is not a size; use e\.g\. 1500MB or 2GB/);
  });

  it('fails with a clear message and exit 1 on a config error, leaving no site behind', async () => {
    const config = join(dir, 'broken.json');
    writeFileSync(
      config,
      JSON.stringify({ sites: [{ id: 'shop', origins: [] }], journeys: [{ id: 'x', site: 'shop', stpes: [] }] }),
    );
    const result = await runPolku(['build', '--config', config, '--db', db, '--out', join(dir, 'broken')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/journeys\.0\.stpes: unknown key "stpes"; did you mean "steps"\?/);
    expect(existsSync(join(dir, 'broken'))).toBe(false);
  });

  it('builds from the snapshot while a collector ingests into the database; the live file says to use one', async () => {
    const snapshot = join(dir, 'snapshot.duckdb');
    const collector = await startPolku([
      'collect',
      '--config',
      SITE_FIXTURE_CONFIG,
      '--db',
      db,
      '--port',
      '0',
      '--snapshot',
      snapshot,
      '--snapshot-every',
      '1',
    ]);
    try {
      const deadline = Date.now() + 20_000;
      while (!existsSync(snapshot) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const live = await build('live');
      expect(live.code).toBe(1);
      expect(live.stderr).toMatch(/is locked by another process.*build from a snapshot/);
      const result = await runPolku([
        'build',
        '--config',
        SITE_FIXTURE_CONFIG,
        '--db',
        snapshot,
        '--out',
        join(dir, 'from-snapshot'),
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/built 22 pages from 152 events/);
    } finally {
      expect(await collector.stop()).toBe(0);
    }
  });
});
