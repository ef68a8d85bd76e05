import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImportFile, writeShopConfig } from '../support/ndjson-events.ts';
import { type RunningPolku, runPolku, startPolku } from '../support/polku-process.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET with the path sent byte for byte (fetch would resolve `\` and `..` before sending). */
function rawGet(origin: string, path: string): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Paths that made the old server answer 301 to `/\evil.example/…` or `//…`, which browsers follow off-site. */
const ATTACKS = [
  '/%5Cevil.example/..%2Fcampaigns',
  '/%5cevil.example/..%2fcampaigns',
  '//campaigns',
  '//evil.example/..%2Fcampaigns',
  '/campaigns//',
  '/journeys/..%2Fcampaigns',
  '/journeys%2F..%2F..%2Fcampaigns',
  '/%E0%A4%A',
];

describe('polku preview', () => {
  let dir: string;
  let site: string;
  const running: RunningPolku[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polku-preview-'));
    const [config, events, db] = [join(dir, 'polku.config.json'), join(dir, 'events.ndjson'), join(dir, 'db.duckdb')];
    writeShopConfig(config);
    writeImportFile(events, [
      {
        session: 1,
        minute: 1,
        path: '/products/lamp',
        utm_campaign: 'spring',
        utm_source: 'news',
        utm_medium: 'email',
      },
      { session: 1, minute: 2, name: 'purchase' },
      { session: 2, minute: 3, path: '/products/chair' },
    ]);
    expect((await runPolku(['import', '--db', db, events])).code).toBe(0);
    site = join(dir, 'site');
    const built = await runPolku(['build', '--config', config, '--db', db, '--out', site, '--base', '/reports/']);
    expect(built.code).toBe(0);
  });
  afterAll(async () => {
    for (const server of running) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const preview = async (base: string) => {
    const server = await startPolku(['preview', '--out', site, '--base', base, '--port', '0']);
    running.push(server);
    return new URL(server.url).origin;
  };

  it.each(['/', '/reports/'])('never redirects off-site (base %s): odd paths are a 404', async (base) => {
    const origin = await preview(base);
    const prefix = base.replace(/\/$/, '');
    for (const attack of ATTACKS) {
      const response = await rawGet(origin, `${prefix}${attack}`);
      expect([attack, response.status, response.headers.location]).toEqual([attack, 404, undefined]);
    }
    // A raw backslash never reaches the site: the HTTP layer refuses the request line.
    const raw = await rawGet(origin, `${prefix}/\\evil.example/../campaigns`);
    expect([raw.status, raw.headers.location]).toEqual([400, undefined]);
    // A folder without its slash is still redirected, to the same path with one slash added.
    const folder = await rawGet(origin, `${prefix}/campaigns`);
    expect([folder.status, folder.headers.location]).toEqual([301, `${prefix}/campaigns/`]);
    const encoded = await rawGet(origin, `${prefix}/campaign%73`);
    expect([encoded.status, encoded.headers.location]).toEqual([301, `${prefix}/campaigns/`]);
  });

  it('sends anti-framing, nosniff and no-referrer headers on pages, files and errors', async () => {
    const origin = await preview('/reports/');
    for (const path of ['/reports/', '/reports/data/campaigns.csv', '/reports/nothing-here', '/reports/campaigns']) {
      const { headers } = await rawGet(origin, path);
      expect(
        [
          headers['x-frame-options'],
          headers['content-security-policy'],
          headers['x-content-type-options'],
          headers['referrer-policy'],
        ],
        path,
      ).toEqual(['SAMEORIGIN', "frame-ancestors 'self'", 'nosniff', 'no-referrer']);
    }
  });

  it('serves a site built with --base at that base: every link resolves; / leads to the base', async () => {
    const origin = await preview('/reports/');
    const root = await rawGet(origin, '/');
    expect([root.status, root.headers.location]).toEqual([302, '/reports/']);
    // Outside the base there is nothing: the site's own paths without it are a 404.
    expect((await rawGet(origin, '/campaigns/')).status).toBe(404);

    // Crawl every page the report links to, and fetch every file a page references.
    const seen = new Map<string, number>();
    const queue = [`${origin}/reports/`];
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      const response = await fetch(url, { redirect: 'manual' });
      seen.set(url, response.status);
      if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      const html = await response.text();
      for (const [, link] of html.matchAll(/\s(?:href|src)="([^"#]+)/g)) {
        const target = new URL((link as string).replaceAll('&amp;', '&'), url);
        if (target.origin === origin) queue.push(target.href.replace(/#.*$/, ''));
      }
    }
    const broken = [...seen].filter(([, status]) => status !== 200);
    expect(broken).toEqual([]);
    const paths = [...seen.keys()].map((url) => new URL(url).pathname);
    expect(paths.every((path) => path.startsWith('/reports/'))).toBe(true);
    // The overview, the journey, both campaigns, a CSV and the methodology page are among them.
    expect(paths).toEqual(
      expect.arrayContaining([
        '/reports/',
        '/reports/journeys/checkout/index.html',
        '/reports/campaigns/spring/index.html',
        '/reports/data/campaigns.csv',
        '/reports/methodology/index.html',
      ]),
    );
  });
});
