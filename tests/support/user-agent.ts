/**
 * A desktop Chrome user agent. The collector drops headless browsers as bots, and headless Chromium
 * names itself "HeadlessChrome": tests that stand for real visitors send this one instead.
 */
export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
