import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

export interface FixtureSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves tests/fixtures/pages on loopback, standing in for a customer's website: a different
 * origin from the collector, with `{{COLLECTOR}}` in each page replaced by the collector's URL.
 */
export async function serveFixturePages(collectorUrl: () => string): Promise<FixtureSite> {
  const server = createServer(async (request, response) => {
    const name = (request.url ?? '/').split('?')[0]?.replace(/^\//, '') || 'a.html';
    try {
      const html = await readFile(join(PAGES, /^[a-z0-9-]+\.html$/.test(name) ? name : 'b.html'), 'utf8');
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(html.replaceAll('{{COLLECTOR}}', collectorUrl()));
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
