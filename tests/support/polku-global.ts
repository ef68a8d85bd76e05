/**
 * `window.polku` as pages see it, for `page.evaluate` callbacks in tests (the tracker's own global
 * declaration lives in tracker/polku.ts, which is type-checked with the browser's library only).
 */
declare global {
  interface Window {
    polku?: ((...command: unknown[]) => void) & { pageId?: string };
  }
}

export {};
