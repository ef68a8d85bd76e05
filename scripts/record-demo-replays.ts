/**
 * Records the session replays the demo's seeded history carries: real Chromium drives the demo shop
 * with the real tracker and replay recorder, and the chunks they send are kept, one file per scene,
 * as cli/demo/replays/<scene>.json.gz. They are committed, so the demo works where Chromium is
 * missing; run this again after changing the shop's pages:
 *
 *   node scripts/record-demo-replays.ts        (POLKU_CHROMIUM=/path/to/chromium to choose one)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { HISTORY } from '../cli/demo/history.ts';
import { DEMO_USER_AGENTS, type RecordedScene } from '../cli/demo/replays.ts';
import { staticSite } from '../cli/static-site.ts';
import { buildTrackerScripts, listen } from '../collector/index.ts';
import { scriptsRoute } from '../collector/routes/scripts.ts';

const SHOP = fileURLToPath(new URL('../cli/demo/site/', import.meta.url));
const OUT = fileURLToPath(new URL('../cli/demo/replays/', import.meta.url));
const CHROMIUM = process.env.POLKU_CHROMIUM ?? '/usr/bin/chromium';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, userAgent: DEMO_USER_AGENTS.desktop };
const MOBILE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: DEMO_USER_AGENTS.mobile,
};

/** A scene: what a visitor did on the page where they left. `prepare` runs first, unrecorded. */
interface Scene {
  name: string;
  device: 'desktop' | 'mobile';
  path: string;
  prepare?: (page: Page, origin: string) => Promise<void>;
  act: (page: Page) => Promise<void>;
}

const pause = (page: Page, ms: number) => page.waitForTimeout(ms);

const SCENES: Scene[] = [
  {
    name: 'product-desktop',
    device: 'desktop',
    path: '/demo/products/floor/',
    act: async (page) => {
      await page.mouse.move(300, 200, { steps: 10 });
      await pause(page, 800);
      await page.hover('#add');
      await pause(page, 1500);
      await page.mouse.move(600, 420, { steps: 15 });
      await page.hover('text=Delivery and returns');
      await pause(page, 2000);
      await page.mouse.move(900, 150, { steps: 20 });
      await pause(page, 1000);
    },
  },
  {
    name: 'cart-desktop',
    device: 'desktop',
    path: '/demo/products/lamp/',
    act: async (page) => {
      await page.mouse.move(200, 300, { steps: 10 });
      await page.click('#add');
      await pause(page, 1200);
      await page.hover('text=Go to checkout');
      await pause(page, 1500);
      await page.mouse.move(700, 100, { steps: 20 });
      await pause(page, 1000);
    },
  },
  {
    name: 'checkout-desktop',
    device: 'desktop',
    path: '/demo/checkout/',
    prepare: async (page, origin) => {
      await page.goto(`${origin}/demo/products/pendant/`);
      await page.click('#add');
    },
    act: async (page) => {
      await page.click('input[name="name"]');
      await page.keyboard.type('Aino Virtanen', { delay: 90 });
      await page.click('input[name="email"]');
      await page.keyboard.type('aino@example.com', { delay: 70 });
      await pause(page, 1500);
      await page.hover('#pay');
      await pause(page, 2500);
    },
  },
  {
    name: 'checkout-mobile',
    device: 'mobile',
    path: '/demo/checkout/',
    prepare: async (page, origin) => {
      await page.goto(`${origin}/demo/products/floor/`);
      await page.tap('#add');
    },
    act: async (page) => {
      await page.tap('input[name="name"]');
      await page.keyboard.type('Mikko', { delay: 150 });
      await page.tap('input[name="email"]');
      await page.keyboard.type('mikko@', { delay: 150 });
      await pause(page, 1500);
      await page.mouse.wheel(0, 300);
      await pause(page, 1000);
      await page.tap('input[name="card"]');
      await page.keyboard.type('4242', { delay: 200 });
      await pause(page, 2500);
    },
  },
  {
    name: 'product-mobile',
    device: 'mobile',
    path: '/demo/products/pendant/',
    act: async (page) => {
      await pause(page, 1000);
      await page.tap('h1');
      await pause(page, 1500);
      await page.tap('.price');
      await pause(page, 1200);
      await page.tap('p >> nth=1');
      await pause(page, 1500);
    },
  },
];

/** Replay chunks as the collector would get them, by page id, in the order they were sent. */
const chunks = new Map<string, { seq: number; events: unknown[] }[]>();
/** Page id of each page view, from the tracker's event batches. */
const pageIds = new Map<string, string>();

const app = new Hono();
const scripts = await buildTrackerScripts();
app.route('/', scriptsRoute(scripts.tracker, scripts.replayRecorder));
app.route('/', staticSite(SHOP, '/demo/'));
app.post('/api/events', async (c) => {
  const batch = JSON.parse(await c.req.text()) as { events: { url: string; page_id?: string; name: string }[] };
  for (const event of batch.events) {
    if (event.name === 'pageview' && event.page_id) pageIds.set(new URL(event.url).pathname, event.page_id);
  }
  return c.json({ accepted: batch.events.length }, 202);
});
app.post('/api/replay', async (c) => {
  const body = Buffer.from(await c.req.arrayBuffer());
  const json = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
  const pageId = c.req.query('page_id') ?? '';
  const list = chunks.get(pageId) ?? [];
  list.push({ seq: Number(c.req.query('seq')), events: JSON.parse(json.toString('utf8')) as unknown[] });
  chunks.set(pageId, list);
  return c.json({ accepted: 1 }, 202);
});
const server = await listen(app, { host: '127.0.0.1', port: 0 });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
mkdirSync(OUT, { recursive: true });
try {
  for (const scene of SCENES) {
    const context = await browser.newContext(scene.device === 'mobile' ? MOBILE : DESKTOP);
    const page = await context.newPage();
    await scene.prepare?.(page, server.url);
    pageIds.delete(scene.path);
    await page.goto(`${server.url}${scene.path}`);
    // The tracker's global (declared in tracker/, which is type-checked with the browser's libraries only).
    await page.waitForFunction(() => {
      const polku = (window as unknown as { polku?: unknown }).polku;
      return typeof polku === 'function' && 'r' in polku;
    });
    await pause(page, 500);
    await scene.act(page);
    // Leaving the page sends the recorder's last chunk (plain JSON at page hide).
    await page.goto('about:blank');
    await pause(page, 1000);
    await context.close();
    const pageId = pageIds.get(scene.path);
    const sent = (pageId && chunks.get(pageId)) || [];
    if (sent.length === 0) throw new Error(`scene ${scene.name}: no replay chunks arrived for ${scene.path}`);
    const recorded: RecordedScene = {
      name: scene.name,
      device: scene.device,
      path: scene.path,
      chunks: sent.sort((a, b) => a.seq - b.seq).map((chunk) => chunk.events),
    };
    const file = `${OUT}${scene.name}.json.gz`;
    // The recording server's random port means nothing later: the pages are the shop's, at its public address.
    const gz = gzipSync(JSON.stringify(recorded).replaceAll(server.url, HISTORY.origin), { level: 9 });
    writeFileSync(file, gz);
    const events = recorded.chunks.reduce((n, chunk) => n + chunk.length, 0);
    console.log(`${scene.name}: ${recorded.chunks.length} chunks, ${events} rrweb events, ${gz.length} bytes gzip`);
  }
} finally {
  await browser.close();
  await server.close();
}
