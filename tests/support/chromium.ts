import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe, it } from 'vitest';
import { CHROME_UA } from './user-agent.ts';

export const CHROMIUM_PATH = process.env.POLKU_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM_PATH);
const INSTALL_HINT = `Chromium not found at ${CHROMIUM_PATH}: install it with 'apt-get update && apt-get install -y chromium' (or set POLKU_CHROMIUM)`;

/**
 * `describe` for browser tests. Without Chromium they fail under CI=true, and elsewhere are skipped
 * with a loud message, so a missing browser never passes silently in CI.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (available) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(INSTALL_HINT);
      });
    });
  } else {
    console.warn(`\n!!! SKIPPING browser tests "${name}": ${INSTALL_HINT}\n`);
    describe.skip(name, body);
  }
}

export { CHROME_UA };

/**
 * Launched with a desktop user agent for the whole browser: requests that outlive their page
 * (keepalive at page hide) ignore per-page overrides, and the collector drops headless browsers.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      `--user-agent=${CHROME_UA}`,
    ],
  });
}
