import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './chromium.ts';
import { collectorOnLoopback, type LoopbackCollector } from './collector-on-loopback.ts';
import { type FixtureSite, serveFixturePages } from './fixture-site.ts';
import { tempDir } from './temp.ts';

/** What a replay test works with; fresh collector, context and page for every test. */
export interface RecordingBrowser {
  readonly site: FixtureSite;
  readonly collector: LoopbackCollector;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Registers the hooks of a replay test suite (call it inside `describe`): one Chromium and fixture
 * site for the suite, and for every test a real collector with replays on (site "e2e"), a browser
 * context and a page. Read the fields inside tests, after the hooks ran.
 */
export function useRecordingBrowser(): RecordingBrowser {
  let browser: Browser;
  const state = {} as { site: FixtureSite; collector: LoopbackCollector; context: BrowserContext; page: Page };
  beforeAll(async () => {
    browser = await launchChromium();
    state.site = await serveFixturePages(() => state.collector.url);
  });
  afterAll(async () => {
    await state.site?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    state.collector = await collectorOnLoopback(tempDir(), {
      sites: [{ id: 'e2e', origins: [state.site.origin], replay: true }],
    });
    state.context = await browser.newContext();
    state.page = await state.context.newPage();
  });
  afterEach(async () => {
    await state.context.close();
    await state.collector.close();
  });
  return state;
}
