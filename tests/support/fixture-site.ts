import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedFixture } from './shared-fixtures.ts';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const PRIVACY = fileURLToPath(new URL('../fixtures/privacy/', import.meta.url));
const REPLAYER = fileURLToPath(new URL('../../node_modules/@rrweb/replay/dist/', import.meta.url));

export interface FixtureSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves fixture pages on loopback, standing in for a customer's website on another origin than the
 * collector:
 * - `/NAME.html`: tests/fixtures/pages, with `{{COLLECTOR}}` replaced by the collector's URL;
 * - `/privacy/NAME.html`: the project's own privacy test pages (tests/fixtures/privacy) and
 *   `/oracles/NAME.html`: rrweb's privacy oracle pages, read in place from the shared fixtures (for the
 *   conformance suite only), each with the tracker (replay on) added to its head;
 * - `/vendor/replay.js`, `/vendor/replay.css`: rrweb's replayer, for playback tests.
 * Any other path serves b.html, like a single-page app's fallback route.
 */
export async function serveFixturePages(collectorUrl: () => string): Promise<FixtureSite> {
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
  const [, folder, file] = /^\/(privacy|oracles)\/([a-z-]+\.html)$/.exec(path) ?? [];
  if (folder && file) {
    const source = folder === 'privacy' ? join(PRIVACY, file) : sharedFixture(`rrweb/privacy_oracles/${file}`);
    const tracker = `<script defer src="${collector}/polku.js" data-site="e2e" data-local data-replay="1"></script>`;
    return [HTML, (await readFile(source, 'utf8')).replace('</head>', `${tracker}</head>`)];
  }
  if (path === '/vendor/replay.js')
    return ['text/javascript', await readFile(join(REPLAYER, 'replay.umd.cjs'), 'utf8')];
  if (path === '/vendor/replay.css') return ['text/css', await readFile(join(REPLAYER, 'style.css'), 'utf8')];
  const name = path.replace(/^\/(no-replay\/)?/, '') || 'a.html';
  const html = await readFile(join(PAGES, /^[a-z0-9-]+\.html$/.test(name) ? name : 'b.html'), 'utf8');
  return [HTML, html.replaceAll('{{COLLECTOR}}', collector).replaceAll('{{REPLAY}}', replayRate(path))];
}
