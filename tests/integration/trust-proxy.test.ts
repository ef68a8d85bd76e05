import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { makeBatch, postBatch } from '../support/load.ts';
import { runPolku, startPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

/** `polku collect --rate-limit 0.1`: one request per client network, the next one 10 s later. */
async function collector(extra: string[]) {
  const dir = tempDir();
  const config = join(dir, 'polku.config.json');
  writeFileSync(config, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] }));
  const db = join(dir, 'polku.duckdb');
  const polku = await startPolku([
    'collect',
    '--config',
    config,
    '--db',
    db,
    '--port',
    '0',
    '--rate-limit',
    '0.1',
    ...extra,
  ]);
  const post = (forwardedFor: string) =>
    postBatch(polku.url, makeBatch(1), { Origin: 'https://shop.example', 'X-Forwarded-For': forwardedFor }).then(
      (response) => response.status,
    );
  return { polku, db, post };
}

describe('polku collect behind a reverse proxy', () => {
  it('keys rate limit and visitor hash on the address the trusted proxy appended to X-Forwarded-For', async () => {
    const { polku, db, post } = await collector(['--trust-proxy', '127.0.0.1,::1']);
    try {
      expect(await post('198.51.100.7')).toBe(202);
      expect(await post('198.51.100.7')).toBe(429);
      // Entries before the proxy's own come from the client: a made-up one does not open a new bucket.
      expect(await post('203.0.113.9, 198.51.100.7')).toBe(429);
      expect(await post('198.51.100.8')).toBe(202);
    } finally {
      expect(await polku.stop()).toBe(0);
    }
    const store = await Store.open(db, { readOnly: true });
    const rows = await store.query(
      'select count(*)::integer as events, count(distinct visitor_id)::integer as visitors from events',
    );
    await store.close();
    // Same user agent throughout: only the forwarded address tells the two visitors apart.
    expect(rows).toEqual([{ events: 2, visitors: 2 }]);
  });

  it('ignores X-Forwarded-For from any other peer, so a client cannot pick its own bucket', async () => {
    const { polku, post } = await collector(['--trust-proxy', '192.0.2.1']);
    try {
      expect(await post('198.51.100.7')).toBe(202);
      expect(await post('198.51.100.8')).toBe(429);
    } finally {
      await polku.stop();
    }
  });

  it('refuses a proxy that is not an IP address (exit 2)', async () => {
    const { code, stderr } = await runPolku(['collect', '--trust-proxy', '127.0.0.1,proxy.local']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      '--trust-proxy: "proxy.local" is not an IP address; list the proxies\' addresses, e.g. 127.0.0.1,::1\n',
    );
  });
});
