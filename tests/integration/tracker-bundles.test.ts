import { describe, expect, it } from 'vitest';
import { buildTrackerBundle } from '../../collector/index.ts';

/** Size is a feature: the build fails when a bundle grows past its budget (gzip, level 9). */
describe('tracker bundle budgets', () => {
  it('keeps the core tracker within 1,536 bytes gzip', async () => {
    const core = await buildTrackerBundle('core');
    console.log(`polku.js: ${core.code.length} B minified, ${core.gzipBytes} B gzip, ${core.brotliBytes} B brotli`);
    expect(core.gzipBytes).toBeLessThanOrEqual(1536);
  });

  it('keeps the replay recorder within 25 KB gzip', async () => {
    const replay = await buildTrackerBundle('replay');
    console.log(
      `polku-replay.js: ${replay.code.length} B minified, ${replay.gzipBytes} B gzip, ${replay.brotliBytes} B brotli`,
    );
    expect(replay.gzipBytes).toBeLessThanOrEqual(25_000);
  });

  it('keeps the lazy feedback prompt within 4 KB gzip and the link tracking within 512 B', async () => {
    const feedback = await buildTrackerBundle('feedback');
    const links = await buildTrackerBundle('links');
    console.log(`polku-feedback.js: ${feedback.code.length} B minified, ${feedback.gzipBytes} B gzip`);
    console.log(`polku-links.js: ${links.code.length} B minified, ${links.gzipBytes} B gzip`);
    expect(feedback.gzipBytes).toBeLessThanOrEqual(4096);
    expect(links.gzipBytes).toBeLessThanOrEqual(512);
  });

  it('bundles no server code into the browser scripts', async () => {
    for (const name of ['core', 'replay', 'links', 'feedback'] as const) {
      const { code } = await buildTrackerBundle(name);
      for (const serverOnly of ['ZodError', 'DuckDB', 'Hono', 'node:zlib', 'node:crypto']) {
        expect(code.includes(serverOnly), `${name} contains ${serverOnly}`).toBe(false);
      }
    }
  });
});
