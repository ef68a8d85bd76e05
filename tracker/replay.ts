/**
 * Polku replay recorder, loaded by the core tracker only for sampled page views on sites with replay
 * on, and never when the browser sends Global Privacy Control or Do Not Track.
 *
 * Privacy first: every text and every input is masked, media is blocked, passwords stay masked even
 * after a "show password" toggle. Sites unmask chosen elements with `data-polku-unmask` (or the class
 * `polku-unmask`); password fields are never unmasked.
 *
 * Events are sent in chunks every few seconds as `POST /api/replay?site&page_id&seq`, gzip-compressed
 * with CompressionStream (streamed, never a synchronous compression of a large buffer on the main
 * thread; no library), linked to the page view by its page id.
 */
import { record } from '@rrweb/record';

type RecordedEvent = { type: number; timestamp: number };

const CHUNK_MS = 5_000;
/** A full snapshot every minute, so playback can seek without replaying from the start. */
const CHECKOUT_MS = 60_000;
const MAX_RECORDING_MS = 30 * 60_000;
/** Keepalive bodies share a 64 KiB budget per page; larger chunks go without keepalive. */
const KEEPALIVE_BYTES = 60_000;
const UNMASKED = '[data-polku-unmask], .polku-unmask';
const BLOCKED = ['img', 'video', 'audio', 'canvas', 'picture', 'iframe', 'object', 'embed', 'svg image']
  .map((tag) => `${tag}:not(${UNMASKED.replace(', ', `):not(`)})`)
  .join(',');

const mask = (text: string) => text.replace(/\S/g, '*');
const isPassword = (element: HTMLElement) =>
  (element as HTMLInputElement).type === 'password' || element.hasAttribute('data-rr-is-password');

const start = () => {
  const script = document.currentScript as HTMLScriptElement | null;
  const pageId = window.polku?.r;
  const site = document.querySelector('script[data-site]')?.getAttribute('data-site');
  if (!script || !pageId || !site) return;
  const api = new URL(script.src).origin;
  const started = Date.now();
  let buffer: RecordedEvent[] = [];
  let bufferPage = pageId();
  const sequence = new Map<string, number>();

  const endpoint = (page: string) => {
    const seq = sequence.get(page) ?? 0;
    sequence.set(page, seq + 1);
    return `${api}/api/replay?site=${encodeURIComponent(site)}&page_id=${encodeURIComponent(page)}&seq=${seq}`;
  };

  /**
   * Sends the buffer, gzip-compressed with CompressionStream while the page lives on. At page hide
   * (`unloading`) it goes as plain JSON instead: compression is asynchronous and would not finish
   * before the page is gone. keepalive lets that last request outlive the page when it fits the
   * browser's 64 KiB budget; the collector compresses plain chunks before storing them.
   */
  const flush = (unloading?: unknown) => {
    if (!buffer.length) return;
    const url = endpoint(bufferPage);
    const json = JSON.stringify(buffer);
    buffer = [];
    const send = (body: BodyInit, size: number) =>
      fetch(url, { method: 'POST', body, keepalive: size < KEEPALIVE_BYTES }).catch(() => {});
    if (unloading === true || typeof CompressionStream === 'undefined') {
      send(json, json.length);
      return;
    }
    new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('gzip')))
      .arrayBuffer()
      .then((body) => send(body, body.byteLength))
      .catch(() => {});
  };

  /**
   * An SPA navigation starts a new page view: the old page's chunk goes out, and the new page's
   * recording starts with a full snapshot of its own, so each page view plays back on its own.
   */
  const newPageView = () => {
    const page = pageId();
    if (page === bufferPage) return;
    flush();
    bufferPage = page;
    setTimeout(() => record.takeFullSnapshot(true));
  };
  const stop = record<RecordedEvent>({
    emit(event) {
      newPageView();
      buffer.push(event);
      if (Date.now() - started > MAX_RECORDING_MS) finish();
    },
    checkoutEveryNms: CHECKOUT_MS,
    maskAllInputs: true,
    maskInputOptions: { password: true },
    maskTextSelector: '*',
    maskTextFn: (text, element) => (element?.closest(UNMASKED) ? text : mask(text)),
    maskInputFn: (text, element) => (!isPassword(element) && element.closest(UNMASKED) ? text : mask(text)),
    blockSelector: BLOCKED,
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
    // Mouse positions every 100 ms and scrolls every 150 ms are enough to follow a visitor and keep the
    // main-thread cost low; for inputs only the final value matters.
    sampling: { mousemove: 100, scroll: 150, input: 'last' },
    slimDOMOptions: 'all',
    errorHandler: () => true,
  });

  // The core tracker changes the page id in these same history calls; check right after them.
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      newPageView();
    };
  }
  addEventListener('popstate', () => setTimeout(newPageView), true);

  const timer = setInterval(() => flush(), CHUNK_MS);
  const finish = () => {
    stop?.();
    clearInterval(timer);
    flush();
  };
  addEventListener('pagehide', () => flush(true), true);
  // Hidden is not gone (another tab, a minimised window): there is time to compress.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush(), true);
};

// Nothing the recorder does may throw into the host page.
try {
  start();
} catch {}
