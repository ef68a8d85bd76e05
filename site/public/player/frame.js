// The player frame's script, inlined into player/frame.html, which the session page loads as a
// data: URL: the frame has an opaque origin of its own, so nothing running here can reach the
// report's pages, and its Content-Security-Policy lets it fetch nothing at all. The recorded page
// is untrusted: rrweb rebuilds it in an inner iframe sandboxed without scripts, which shares this
// frame's origin (rrweb needs to reach into it). Events arrive from the session page by postMessage.
let replayer = null;
/** The session page's origin, learnt from its first message; state goes only there. */
let parentOrigin = null;
const stage = document.getElementById('stage');

function state(extra) {
  if (parentOrigin === null) return;
  const message = { type: 'polku-replay-state', ...extra };
  if (replayer) {
    message.time = replayer.getCurrentTime();
    message.total = replayer.getMetaData().totalTime;
  }
  parent.postMessage(message, parentOrigin);
}

function fitToFrame() {
  // Scale the recorded viewport down to the frame's width.
  const wrapper = stage.querySelector('.replayer-wrapper');
  const iframe = stage.querySelector('iframe');
  if (!wrapper || !iframe) return;
  const scale = Math.min(1, document.documentElement.clientWidth / (iframe.offsetWidth || 1));
  wrapper.style.transform = `scale(${scale})`;
}

/**
 * Chromium opens a connection for <link rel="preconnect"> and for a frame's src before it applies
 * the frame's policy (which then blocks the request), so those addresses go before rrweb rebuilds
 * the recorded page: in snapshots, added nodes and attribute changes alike. Nothing is lost: rrweb
 * records stylesheets as CSS text (_cssText) and same-origin frames' content as nodes of their own.
 */
const DISARMED = new Map([
  ['link', ['href']],
  ['iframe', ['src', 'srcdoc']],
  ['frame', ['src']],
]);

function disarm(events) {
  const disarmed = new Map();
  const drop = (attributes, names) => {
    for (const name of Object.keys(attributes ?? {})) if (names.includes(name.toLowerCase())) delete attributes[name];
  };
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    const names = node.type === 2 ? DISARMED.get(String(node.tagName).toLowerCase()) : undefined;
    if (names) {
      disarmed.set(node.id, names);
      drop(node.attributes, names);
    }
    if (Array.isArray(node.childNodes)) node.childNodes.forEach(visit);
  };
  for (const event of events) {
    if (event?.type === 2) visit(event.data?.node);
    if (event?.type === 3 && event.data?.source === 0) {
      for (const added of event.data.adds ?? []) visit(added.node);
      for (const change of event.data.attributes ?? []) {
        const names = disarmed.get(change?.id);
        if (names) drop(change.attributes, names);
      }
    }
  }
  return events;
}

function load(events, seekTo) {
  disarm(events);
  replayer = new globalThis.rrwebReplay.Replayer(events, { root: stage, mouseTail: false, showWarning: false });
  replayer.on('resize', fitToFrame);
  replayer.on('finish', () => state({ playing: false, finished: true }));
  const offset = Math.max(0, Math.min(seekTo - events[0].timestamp, replayer.getMetaData().totalTime));
  replayer.play(offset);
  fitToFrame();
  state({ playing: true, seekedTo: offset });
  setInterval(() => state({}), 250);
}

addEventListener('message', (event) => {
  // Only the session page that embeds this frame may drive it, and always from the same origin.
  if (event.source !== parent || !event.data || event.origin === 'null') return;
  if (parentOrigin === null) parentOrigin = event.origin;
  if (event.origin !== parentOrigin) return;
  const data = event.data;
  if (data.type === 'polku-replay-load' && replayer === null && Array.isArray(data.events) && data.events.length > 0) {
    load(data.events, Number(data.seekTo));
  } else if (data.type === 'polku-replay-seek' && replayer !== null) {
    replayer.play(Number(data.offset));
    state({ playing: true, seekedTo: Number(data.offset) });
  } else if (data.type === 'polku-replay-pause' && replayer !== null) {
    replayer.pause();
    state({ playing: false });
  }
});
// Carries nothing but "ready": the parent's origin is not known yet (a data: document has none to go by).
parent.postMessage({ type: 'polku-replay-ready' }, '*');
