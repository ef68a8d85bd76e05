// The session page's only script: loads the player frame as a data: URL (an opaque origin of its
// own, so the replayed page can never reach this one), fetches the replay events file and hands the
// events to the frame by postMessage, then mirrors the player's state into the page (for people and
// for tests). The frame cannot fetch anything itself: its policy allows no request.
const root = document.querySelector('[data-replay]');
if (root) {
  const frame = root.querySelector('iframe');
  const status = root.querySelector('[data-testid="replay-state"]');
  const seekTo = Date.parse(root.getAttribute('data-seek-to'));
  // A page opened from disk (file://) may fetch nothing, so the replay cannot load: the page's
  // notice (shown by default, for browsers without script too) says how to serve the folder.
  const fromFile = location.protocol === 'file:';
  const notice = root.querySelector('[data-replay-file-notice]');
  if (fromFile) {
    frame.hidden = true;
    status.parentElement.hidden = true;
  } else if (notice) {
    notice.hidden = true;
  }
  let events = null;
  let sent = false;
  let firstTimestamp = 0;
  // The words come from the page (its catalogue, in the site's language); numbers in its locale.
  const seconds = new Intl.NumberFormat(document.documentElement.lang || 'en', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '');

  const fetchOk = (url) =>
    fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response;
    });
  const dataUrl = (blob) =>
    new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  const post = (message) => frame.contentWindow.postMessage(message, '*');

  // A message posted while the frame is still loading is lost, so loading is repeated until the
  // player answers (it ignores repeats). Only the frame's window is ever sent the events.
  const send = () => {
    if (events === null || sent) return;
    post({ type: 'polku-replay-load', events, seekTo });
    setTimeout(send, 500);
  };
  addEventListener('message', (event) => {
    // The frame's document is a data: URL: its messages come from an opaque origin, "null".
    if (event.source !== frame.contentWindow || event.origin !== 'null' || !event.data) return;
    const data = event.data;
    if (data.type === 'polku-replay-ready') send();
    if (data.type !== 'polku-replay-state') return;
    sent = true;
    if (typeof data.time === 'number') {
      status.setAttribute('data-time', String(Math.round(data.time)));
      status.textContent = fill(root.getAttribute('data-text-position'), {
        time: seconds.format(data.time / 1000),
        total: seconds.format(data.total / 1000),
      });
    }
    if (typeof data.seekedTo === 'number') status.setAttribute('data-seeked-to', String(Math.round(data.seekedTo)));
    if (typeof data.playing === 'boolean') status.setAttribute('data-playing', String(data.playing));
    if (data.finished === true) status.setAttribute('data-finished', 'true');
  });
  root.querySelector('[data-action="seek"]').addEventListener('click', () => {
    post({ type: 'polku-replay-seek', offset: Math.max(0, seekTo - firstTimestamp) });
  });
  root.querySelector('[data-action="pause"]').addEventListener('click', () => {
    post({ type: 'polku-replay-pause' });
  });
  // Start only after the page has loaded: rrweb's rebuilt document inside the frame may never
  // finish loading, and a document waits for its frames before its own load event.
  const start = () =>
    Promise.all([
      fetchOk(root.getAttribute('data-frame'))
        .then((response) => response.blob())
        .then((html) => dataUrl(new Blob([html], { type: 'text/html' })))
        .then((url) => {
          frame.src = url;
        }),
      fetchOk(root.getAttribute('data-replay'))
        .then((response) => response.json())
        .then((loaded) => {
          if (!Array.isArray(loaded) || loaded.length === 0) throw new Error('no replay events');
          events = loaded;
          firstTimestamp = loaded[0].timestamp;
          send();
        }),
    ]).catch((error) => {
      status.textContent = fill(root.getAttribute('data-text-failed'), { error: error.message });
    });
  if (!fromFile) {
    if (document.readyState === 'complete') start();
    else addEventListener('load', start, { once: true });
  }
}
