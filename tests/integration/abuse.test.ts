import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_UA } from '../support/collector.ts';
import { makeBatch, postBatch } from '../support/load.ts';
import { malformedPayload } from '../support/malformed.ts';
import { type RunningPolku, startPolku } from '../support/polku-process.ts';

let collector: RunningPolku;
// One collector for the whole file: its folder must outlive each test (tempDir() is per test).
const dir = mkdtempSync(join(tmpdir(), 'polku-abuse-'));

beforeAll(async () => {
  const config = join(dir, 'polku.config.json');
  writeFileSync(config, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] }));
  collector = await startPolku([
    'collect',
    '--config',
    config,
    '--db',
    join(dir, 'polku.duckdb'),
    '--port',
    '0',
    '--rate-limit',
    '0',
  ]);
});
afterAll(async () => {
  await collector.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends a body in chunks without Content-Length (Transfer-Encoding: chunked) and reads the answer. */
function postChunked(
  url: string,
  chunks: Buffer[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'User-Agent': CHROME_UA, ...headers },
    });
    req.on('response', (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the whole body is written: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('abuse over a real socket', () => {
  it('refuses a chunked body over the limit without Content-Length with 413', async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 'x'));
    const answer = await postChunked(collector.url, chunks);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'body larger than 65536 bytes (after decompression); send at most 100 events per batch',
      issues: [],
    });
  });

  it('refuses a gzip bomb sent chunked with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, '{'));
    const answer = await postChunked(collector.url, [bomb], { 'Content-Encoding': 'gzip' });
    expect(answer.status).toBe(413);
  });

  it('answers a thousand malformed payloads with 4xx, never 5xx, and stays healthy', async () => {
    const statuses = new Map<number, number>();
    for (let start = 0; start < 1000; start += 10) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          const { body, headers } = malformedPayload(start + k);
          const response = await fetch(`${collector.url}/api/events`, {
            method: 'POST',
            body: new Uint8Array(body),
            headers: { 'Content-Type': 'text/plain', 'User-Agent': CHROME_UA, ...headers },
          });
          const text = await response.text();
          if (response.status !== 202) expect(Object.keys(JSON.parse(text))).toEqual(['error', 'issues']);
          return response.status;
        }),
      );
      for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const codes = [...statuses.keys()].sort();
    expect(codes.filter((code) => code >= 500)).toEqual([]);
    expect(codes.every((code) => code === 202 || (code >= 400 && code < 500))).toBe(true);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${collector.url}/readyz`)).status).toBe(200);
    expect((await postBatch(collector.url, makeBatch(2))).status).toBe(202);
    expect(collector.process.exitCode).toBeNull();
  });

  it('leaves the client address out of the logs and the database (last: stops the collector)', async () => {
    expect(await collector.stop()).toBe(0);
    const lines = collector.output().split('\n');
    // The only address printed is the collector's own, in the line that says where it listens.
    expect(lines.filter((line) => line.includes('127.0.0.1'))).toEqual([`listening on ${collector.url}`]);
    expect(readFileSync(join(dir, 'polku.duckdb')).includes('127.0.0.1')).toBe(false);
  });
});
