/**
 * Outbound and download link clicks, loaded by the core tracker only when its script tag has
 * `data-outbound` or `data-downloads`: few sites use them, and every byte of the core is paid on
 * every page load. Events go through `polku('event', …)`, so exclusion and batching are the core's.
 */
const FILES = /\.(pdf|zip|dmg|exe|docx?|xlsx?|pptx?|csv|mp[34])$/i;

const start = () => {
  const options = document.querySelector<HTMLScriptElement>('script[data-site]')?.dataset || {};
  // Middle clicks (auxclick) are not counted: right clicks fire it too and open no link.
  document.addEventListener(
    'click',
    (event) => {
      try {
        const link = (event.target as Element).closest('a');
        const url = link?.href.replace(/[?#].*/, '');
        if (!link || !url?.startsWith('http')) return;
        const name =
          link.host !== location.host
            ? 'outbound' in options && 'outbound'
            : 'downloads' in options && FILES.test(url) && 'download';
        if (name) window.polku?.('event', name, { props: { url } });
      } catch {}
    },
    true,
  );
};

try {
  start();
} catch {}
