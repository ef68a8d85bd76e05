/**
 * Markup sent as event data stays text, and the report pages' Content-Security-Policy would stop it
 * loading anything even if it did not: real collector, real `polku build` and `polku preview`, real
 * Chromium, and a probe server on loopback that must receive no request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PolkuConfigInput } from '../../config/index.ts';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { collectHostileSessions, writeConfig } from '../support/hostile-sessions.ts';
import { type RunningPolku, runPolku, startPolku } from '../support/polku-process.ts';

const CONFIG: PolkuConfigInput = {
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  report: { title: 'Hostile markup', timezone: 'UTC', currency: 'EUR', campaigns: { minSessions: 1 } },
};

describeBrowser('report pages with markup in the event data', () => {
  let dir: string;
  let probe: Server;
  const probed: string[] = [];
  let browser: Browser;
  let preview: RunningPolku;
  let root: string;
  let port: number;
  const payload = (tag: string) => `<img src=//127.0.0.1:${port}/${tag}>`;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    probe = createServer((request, response) => {
      probed.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
    dir = mkdtempSync(join(tmpdir(), 'polku-hostile-site-'));
    const db = join(dir, 'polku.duckdb');
    // A campaign, a source, two events and a feedback comment carry markup; each session drops off after step 1.
    await collectHostileSessions(db, CONFIG, [
      {
        landing: '/products/lamp',
        campaign: payload('campaign'),
        source: payload('source'),
        events: [payload('event')],
        feedback: { score: 2, comment: payload('comment') },
      },
      {
        landing: '/products/lamp',
        campaign: payload('campaign'),
        events: [`<style>@import url(//127.0.0.1:${port}/style)</style>`],
      },
    ]);
    const out = join(dir, 'site');
    const built = await runPolku(['build', '--config', writeConfig(dir, CONFIG), '--db', db, '--out', out]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    preview = await startPolku(['preview', '--out', out, '--port', '0']);
    root = `${preview.url}/`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    await new Promise((resolve) => probe?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
    const response = await page.goto(new URL(path, root).href, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    return page;
  }

  it('renders the markup as text on every page, with no request to the probe and no console error', async () => {
    const overview = await open('');
    const campaignLink = overview.locator('[data-testid="campaigns"] tbody th a');
    expect(await campaignLink.textContent()).toBe(payload('campaign'));
    const campaignPath = (await campaignLink.getAttribute('href')) ?? '';
    await overview.close();
    const campaign = await open(campaignPath);
    expect(await campaign.locator('h1').textContent()).toBe(`Campaign “${payload('campaign')}”`);
    expect(await campaign.locator('img').count()).toBe(0);
    await campaign.close();
    const journey = await open('journeys/checkout/');
    expect(await journey.locator('[data-testid="left-at-1"] tbody th').allTextContents()).toEqual(
      expect.arrayContaining([payload('event')]),
    );
    expect(await journey.locator('[data-testid="comments-at-1"] tbody td').allTextContents()).toEqual([
      '2',
      payload('comment'),
    ]);
    expect(await journey.locator('img').count()).toBe(0);
    const sessionPaths = await journey
      .locator('[data-testid="session-link"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    await journey.close();
    expect(sessionPaths.length).toBe(2);
    for (const path of [...sessionPaths, 'methodology/']) await (await open(path)).close();
    expect(probed).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('carries a policy that blocks loading from elsewhere, even for markup that got into the page', async () => {
    const page = await browser.newPage();
    await page.goto(root);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toBe(
      "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
    // Put an image from the probe into the page, as an escaping bug would: the policy refuses it.
    const violated = await page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective));
          const image = document.createElement('img');
          image.src = src;
          document.body.append(image);
        }),
      `http://127.0.0.1:${port}/injected`,
    );
    expect(violated).toBe('img-src');
    await page.close();
    expect(probed).toEqual([]);
  });
});
