/**
 * Polku core tracker. It runs on other people's pages, so it must be tiny, must never throw into the
 * host page, must store nothing on the device without consent, and must deliver what it records.
 *
 * Embed: <script defer src="https://collector.example/polku.js" data-site="shop"></script>
 * Options (data attributes on the script tag):
 *   data-api="https://…"   collector origin (default: the script's own origin)
 *   data-local             also track on localhost / 127.0.0.1 (ignored there by default)
 *   data-hash              hash-based routing: "#/route" changes are page views, the hash is kept
 *   data-exclude="/a/*,…"  paths where nothing is tracked (* matches any characters)
 *   data-keep-query        keep every query parameter (default: only utm_* and ad click ids)
 *   data-outbound          send an `outbound` event for clicks on links to other hosts   } both load the
 *   data-downloads         send a `download` event for clicks on links to files          } /polku-links.js
 *   data-feedback          load the feedback prompt (/polku-feedback.js); the collector's config says where
 *   data-replay="0.1"      load the replay recorder for this share of page views (the collector
 *                          must enable replay for the site too)
 */
import type { WireBatch, WireEvent } from '../collector/protocol.ts';

type Options = { props?: WireEvent['props']; value?: number };
export type Feedback = { score: number; comment?: string; question?: string };
type Command = ['event', string, Options?] | ['consent', boolean] | ['identify', string] | ['feedback', Feedback];
/**
 * `q`: calls queued by the stub before this script loaded; `r`: the current page view id, for the
 * replay recorder; `pageId`: the same id for the site's own code (a form posts it along to the backend).
 */
type Polku = ((...command: Command) => void) & { q?: ArrayLike<unknown>[]; r?: () => string; pageId?: string };

declare global {
  interface Window {
    polku?: Polku;
  }
  interface Navigator {
    globalPrivacyControl?: boolean;
  }
}

const FLUSH_MS = 2000;
const FLUSH_EVENTS = 10;
/** The collector's limit per batch; normally a flush finds at most 10, more only after failures. */
const MAX_BATCH = 100;
const MAX_QUEUE = 200;
const MAX_FAILURES = 6;
/** Browsers cap the bodies of all in-flight keepalive requests together at 64 KiB. */
const KEEPALIVE_BYTES = 60_000;
const ID_KEY = 'polku_id';
/** Campaign parameters and ad click ids (gclid, fbclid, msclkid, ttclid, twclid, gbraid, wbraid, li_fat_id). */
const KEPT_PARAMS = /^(utm_|[a-z]+clid$|[gw]braid$|li_fat_id$)/;

// Nothing the tracker does may throw into the host page.
const safely =
  <A extends unknown[]>(fn: (...args: A) => unknown) =>
  (...args: A): void => {
    try {
      fn(...args);
    } catch {}
  };
safely((w: Window, d: Document, l: Location, h: History, n: Navigator) => {
  const script = d.currentScript as HTMLScriptElement | null;
  const options = script?.dataset || {};
  const has = (name: string) => name in options;
  const on = (target: EventTarget, type: string, listener: (event: Event) => unknown) =>
    target.addEventListener(type, safely(listener), true);
  const { site, api: apiOption, exclude, replay } = options;
  const queued = w.polku?.q || [];
  // On a developer's machine (localhost) or without a site id, record nothing but keep `polku()` callable.
  if (!site || (!has('local') && /^(localhost|127\.)/.test(l.hostname))) {
    w.polku = () => {};
    return;
  }
  // "/admin/*,/account*": `*` matches anything, so a glob covers a whole subtree. Every other
  // non-word character is escaped, so "/c++/*" neither throws nor lets "." match any character
  // (escaping any non-word character is valid in a regular expression without the u flag).
  // An empty entry becomes /^$/, which no path matches.
  const excluded = (exclude || '')
    .split(',')
    .map((glob) => new RegExp(`^${glob.trim().replace(/\W/g, (c) => (c === '*' ? '.*' : `\\${c}`))}$`));
  const api = apiOption || new URL(script!.src).origin;
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const queue: WireEvent[] = [];
  let failures = 0;
  let timer = 0;
  let lastUrl: string | undefined;
  let pageId = '';
  let clientId: string | undefined;
  /** Set by `identify`, only while there is consent; kept in memory only. */
  let userId: string | undefined;
  try {
    clientId = w.localStorage.getItem(ID_KEY) || undefined;
  } catch {}

  // A blob URL ends in a random v4 UUID in every browser, on plain http too (crypto.randomUUID
  // exists only in secure contexts), and costs a third of the bytes of a hand-rolled generator.
  const uuid = (): string => {
    const url = URL.createObjectURL(new Blob());
    URL.revokeObjectURL(url);
    return url.slice(-36);
  };

  /** The page URL as recorded: without query parameters other than campaign ones, unless kept. */
  const pageUrl = (): string => {
    const url = new URL(l.href);
    if (!has('keepQuery'))
      for (const key of [...url.searchParams.keys()]) KEPT_PARAMS.test(key) || url.searchParams.delete(key);
    if (!has('hash')) url.hash = '';
    return url.href;
  };

  const isExcluded = () => excluded.some((glob) => glob.test(l.pathname));

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  };

  /**
   * Sends what is queued, up to 100 events a request (a keepalive request may carry at most 64 KiB,
   * so a larger body goes without keepalive and may be cut off at page hide).
   * Network errors and 5xx put the events back (same ids, so the collector deduplicates) and retry
   * with jittered exponential backoff; a 4xx means the batch is wrong, so it is never retried.
   */
  const flush = (): void => {
    clearTimeout(timer);
    timer = 0;
    const events = queue.splice(0, MAX_BATCH);
    const batch: WireBatch = { site, events, sent_at: Date.now(), tz, client_id: clientId, user_id: userId };
    const body = JSON.stringify(batch);
    const retry = () => {
      if (++failures > MAX_FAILURES) return;
      queue.unshift(...events);
      queue.splice(MAX_QUEUE);
      // 2 s, 4 s, … 64 s, each ±50 % so that many pages do not retry in step.
      schedule(1000 * 2 ** failures * (0.5 + Math.random()));
    };
    // A string body goes as text/plain, which is CORS-safelisted: no preflight request.
    if (events[0]) {
      fetch(`${api}/api/events`, { method: 'POST', body, keepalive: body.length < KEEPALIVE_BYTES }).then(
        (response) => {
          if (response.status < 500) failures = 0;
          else retry();
        },
        retry,
      );
    }
    if (queue[0]) schedule(FLUSH_MS);
  };

  const track = (name: string, extra?: Options): void => {
    if (isExcluded()) return;
    // No cap needed here: at 10 events the queue is sent; only failed batches wait (capped in retry).
    queue.push({ id: uuid(), ts: Date.now(), name, url: pageUrl(), page_id: pageId, ...extra });
    if (queue.length >= FLUSH_EVENTS) flush();
    else timer || schedule(FLUSH_MS);
  };

  const pageview = safely(() => {
    const url = pageUrl();
    // Routers often call pushState and replaceState for one navigation: only a new URL is a page view.
    if (url === lastUrl) return;
    polku.pageId = pageId = uuid();
    // After an SPA navigation the page we came from is the referrer; an external one loses its query.
    const referrer = lastUrl || d.referrer.replace(/[?#].*/, '');
    lastUrl = url;
    // An empty referrer is left out of the JSON, as undefined values are.
    track('pageview', { referrer: referrer || undefined } as Options);
  });

  for (const method of ['pushState', 'replaceState'] as const) {
    const original = h[method];
    h[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      pageview();
    };
  }
  on(w, 'popstate', pageview);
  if (has('hash')) on(w, 'hashchange', pageview);
  on(w, 'pagehide', flush);
  on(d, 'visibilitychange', () => d.hidden && flush());

  /** Clicks on declarative data-polku-event elements (outbound and download links: tracker/links.ts). */
  // Middle clicks (auxclick) are not counted: right clicks fire it too and open no link.
  const onClick = (event: Event) => {
    const tagged = (event.target as Element).closest<HTMLElement>('[data-polku-event]');
    if (tagged) {
      const props: Record<string, string> = {};
      for (const { name, value } of tagged.attributes) {
        if (name.startsWith('data-polku-prop-')) props[name.slice(16)] = value;
      }
      track(tagged.dataset.polkuEvent!, { props });
    }
  };
  on(d, 'click', onClick);

  /** Rarely used features are separate scripts, so the core stays small for every page. */
  const load = (name: string) =>
    d.head.append(Object.assign(d.createElement('script'), { src: `${api}/polku-${name}.js` }));

  const polku: Polku = safely((...command: Command) => {
    if (command[0] === 'event') track(command[1], command[2]);
    if (command[0] === 'feedback') track('feedback', { props: command[1] });
    // A user id only with consent (the client id exists only then); without it the call does nothing.
    // As a string of 1–256 characters, as the collector takes it: a number is sent as text, an empty
    // id as none, and a longer one cut, rather than the collector refusing the batch with its events.
    if (command[0] === 'identify') userId = (clientId && `${command[1]}`.slice(0, 256)) || undefined;
    if (command[0] === 'consent') {
      // Only with consent does anything stay on the device: a random id, so journeys span days.
      clientId = command[1] ? clientId || uuid() : undefined;
      // Withdrawing consent forgets the user id too.
      userId = clientId && userId;
      if (clientId) w.localStorage.setItem(ID_KEY, clientId);
      else w.localStorage.removeItem(ID_KEY);
    }
  });
  w.polku = polku;
  pageview();
  for (const args of queued) polku(...(Array.from(args) as Command));

  // No replay when the visitor asks not to be tracked (Global Privacy Control or Do Not Track).
  if (Math.random() < +(replay as string) && !n.globalPrivacyControl && n.doNotTrack !== '1' && !isExcluded()) {
    polku.r = () => pageId;
    load('replay');
  }
  if (has('outbound') || has('downloads')) load('links');
  if (has('feedback')) load('feedback');
})(window, document, location, history, navigator);
