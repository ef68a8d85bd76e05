import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
/** rrweb's privacy test pages, read in place from the shared fixtures (never copied into the repo). */
const ORACLES = fileURLToPath(new URL('../../../shared/fixtures/rrweb/privacy_oracles/', import.meta.url));
const REPLAYER = fileURLToPath(new URL('../../node_modules/@rrweb/replay/dist/', import.meta.url));

export interface FixtureSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves fixture pages on loopback, standing in for a customer's website on another origin than the
 * collector:
 * - `/NAME.html`: tests/fixtures/pages, with `{{COLLECTOR}}` replaced by the collector's URL;
 * - `/oracles/NAME.html`: a privacy oracle page with the tracker (replay on) added to its head;
 * - `/vendor/replay.js`, `/vendor/replay.css`: rrweb's replayer, for playback tests.
 * Any other path serves b.html, like a single-page app's fallback route.
 */
export async function serveFixturePages(collectorUrl: () => string): Promise<FixtureSite> {
  if (!existsSync(ORACLES)) {
    // Otherwise the oracle pages would only show up as 404s in the browser.
    throw new Error(
      `rrweb privacy oracle pages not found at ${ORACLES}: the tests read the shared fixtures in place, ` +
        'from a "shared/fixtures" folder beside the repository; check out the repository next to it',
    );
  }
  const server = createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    try {
      const [type, body] = await route(path, collectorUrl());
      response.writeHead(200, { 'Content-Type': type });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const HTML = 'text/html; charset=utf-8';

/** Pages with a `{{REPLAY}}` rate record replays unless the path says `/no-replay/` (for baselines). */
const replayRate = (path: string) => (path.includes('/no-replay/') ? '0' : '1');

async function route(path: string, collector: string): Promise<[string, string]> {
  const oracle = /^\/oracles\/([a-z-]+\.html)$/.exec(path)?.[1];
  if (oracle) {
    const tracker = `<script defer src="${collector}/polku.js" data-site="e2e" data-local data-replay="1"></script>`;
    return [HTML, (await readFile(join(ORACLES, oracle), 'utf8')).replace('</head>', `${tracker}</head>`)];
  }
  if (path === '/vendor/replay.js')
    return ['text/javascript', await readFile(join(REPLAYER, 'replay.umd.cjs'), 'utf8')];
  if (path === '/vendor/replay.css') return ['text/css', await readFile(join(REPLAYER, 'style.css'), 'utf8')];
  const name = path.replace(/^\/(no-replay\/)?/, '') || 'a.html';
  const html = await readFile(join(PAGES, /^[a-z0-9-]+\.html$/.test(name) ? name : 'b.html'), 'utf8');
  return [HTML, html.replaceAll('{{COLLECTOR}}', collector).replaceAll('{{REPLAY}}', replayRate(path))];
}
