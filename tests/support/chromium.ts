import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

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

/**
 * A desktop Chrome user agent. The collector drops headless browsers as bots, and Chromium names
 * itself "HeadlessChrome"; requests that outlive their page (keepalive at page hide) ignore
 * per-page overrides, so the browser is launched with this user agent.
 */
export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

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
