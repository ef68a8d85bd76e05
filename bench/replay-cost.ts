/**
 * What recording a replay costs a visitor: main-thread script time per second and bytes per minute
 * on the wire, on a reference page that changes ten times a second while the "visitor" moves the
 * mouse and types, measured in Chromium with the replay recorder and, in the same run, without it.
 * Also prints the tracker bundles' sizes against their budgets. Run: npm run bench:replay
 * Goals: ≤ 8 ms/s added script time, ≤ 110 KB/min on the wire.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTrackerBundle } from '../collector/index.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { collectorOnLoopback } from '../tests/support/collector-on-loopback.ts';
import { serveFixturePages } from '../tests/support/fixture-site.ts';
import { type BenchFigure, printBenchJson } from './figures.ts';

const SECONDS = Number(process.env.SECONDS ?? 20);

const figures: BenchFigure[] = [];
for (const [name, budget] of [
  ['core', 1536],
  ['replay', 25_000],
] as const) {
  const bundle = await buildTrackerBundle(name);
  figures.push({ figure: `${name} tracker bundle, gzip`, value: bundle.gzipBytes, unit: 'B', goal: `≤ ${budget} B` });
  console.log(
    `${name}: ${bundle.gzipBytes} B gzip (budget ${budget}, ${((bundle.gzipBytes / budget) * 100).toFixed(0)} %), ${bundle.brotliBytes} B brotli`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'polku-bench-'));
const browser = await launchChromium();
let collectorUrl = '';
const site = await serveFixturePages(() => collectorUrl);
const collector = await collectorOnLoopback(dir, { sites: [{ id: 'e2e', origins: [site.origin], replay: true }] });
collectorUrl = collector.url;

/** Script milliseconds per second and replay bytes sent, for one page session of SECONDS. */
async function measure(path: string): Promise<{ scriptMsPerSecond: number; replayBytes: number }> {
  const page = await browser.newPage();
  let replayBytes = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/replay')) replayBytes += request.postDataBuffer()?.length ?? 0;
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${site.origin}${path}`);
  await page.waitForTimeout(1_000);
  const scriptSeconds = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0;
  };
  const before = await scriptSeconds();
  const started = Date.now();
  for (let step = 0; Date.now() - started < SECONDS * 1000; step++) {
    await page.mouse.move(100 + ((step * 37) % 500), 100 + ((step * 53) % 300));
    if (step % 20 === 0) await page.type('#search', 'lamp', { delay: 30 });
    await page.waitForTimeout(100);
  }
  const elapsed = (Date.now() - started) / 1000;
  const scriptMsPerSecond = (((await scriptSeconds()) - before) * 1000) / elapsed;
  await page.goto('about:blank'); // the last chunk goes out at page hide
  await page.waitForTimeout(500);
  await page.close();
  return { scriptMsPerSecond, replayBytes: (replayBytes * 60) / (elapsed + 1) };
}

try {
  const without = await measure('/no-replay/busy.html');
  const withReplay = await measure('/busy.html');
  const added = withReplay.scriptMsPerSecond - without.scriptMsPerSecond;
  console.log(`script time without replay: ${without.scriptMsPerSecond.toFixed(2)} ms/s`);
  console.log(`script time with replay:    ${withReplay.scriptMsPerSecond.toFixed(2)} ms/s`);
  console.log(
    `added by recording: ${added.toFixed(2)} ms/s (goal ≤ 8), ratio ${(withReplay.scriptMsPerSecond / without.scriptMsPerSecond).toFixed(2)}×`,
  );
  console.log(
    `replay on the wire: ${(withReplay.replayBytes / 1024).toFixed(1)} KB/min (goal ≤ 110); without: ${(without.replayBytes / 1024).toFixed(1)} KB/min`,
  );
  figures.push(
    {
      figure: 'page script time with replay',
      value: withReplay.scriptMsPerSecond,
      unit: 'ms/s',
      baseline: { what: 'the same page without replay', value: without.scriptMsPerSecond },
      goal: '≤ 8 ms/s added',
    },
    { figure: 'replay on the wire', value: withReplay.replayBytes / 1024, unit: 'KB/min', goal: '≤ 110 KB/min' },
  );
  printBenchJson('replay', figures);
} finally {
  await browser.close();
  await collector.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
