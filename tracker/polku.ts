/**
 * Polku core tracker. Runs on other people's pages, so: tiny, never throws into the host page,
 * no cookies or storage. Records a page view on load and on every SPA navigation.
 */
import type { WireBatch, WireEvent } from '../collector/protocol.ts';

type Options = { props?: WireEvent['props']; value?: number };
type Command = ['event', string, Options?];
type PolkuFunction = ((...command: Command) => void) & { q?: IArguments[] };

declare global {
  interface Window {
    polku?: PolkuFunction;
  }
}

((w, d, l, h) => {
  const script = d.currentScript as HTMLScriptElement | null;
  const site = script?.getAttribute('data-site');
  if (!script || !site) return;
  const endpoint = `${script.getAttribute('data-api') || new URL(script.src).origin}/api/events`;
  let lastUrl: string | undefined;
  let pageId = '';

  // crypto.randomUUID exists only in secure contexts; this fallback works on plain http too.
  const uuid = (): string =>
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16),
    );

  const send = (name: string, extra?: Options): void => {
    const batch: WireBatch = {
      site,
      events: [{ id: uuid(), ts: Date.now(), name, url: l.href, page_id: pageId, ...extra }],
      sent_at: Date.now(),
    };
    // After an SPA navigation the page we came from is the referrer, not the document's.
    const referrer = lastUrl || d.referrer;
    if (name === 'pageview' && referrer) batch.events[0]!.referrer = referrer;
    // text/plain is CORS-safelisted, so no preflight; keepalive lets the request outlive the page.
    fetch(endpoint, {
      method: 'POST',
      keepalive: true,
      body: JSON.stringify(batch),
      headers: { 'Content-Type': 'text/plain' },
    }).catch(() => {});
  };

  const pageview = (): void => {
    // Routers often call pushState and replaceState for one navigation: only a new URL is a page view.
    if (l.href === lastUrl) return;
    pageId = uuid();
    send('pageview');
    lastUrl = l.href;
  };

  for (const method of ['pushState', 'replaceState'] as const) {
    const original = h[method];
    h[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      try {
        pageview();
      } catch {}
    };
  }
  w.addEventListener('popstate', () => pageview());

  const queued = w.polku?.q ?? [];
  w.polku = (...command: Command) => {
    try {
      if (command[0] === 'event') send(command[1], command[2]);
    } catch {}
  };
  for (const args of queued) w.polku(...(Array.from(args) as Command));
  pageview();
})(window, document, location, history);
