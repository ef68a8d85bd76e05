// The session page's only script: fetches the replay events file and hands it to the sandboxed
// player frame, then mirrors the player's state into the page (for people and for tests).
const root = document.querySelector('[data-replay]');
if (root) {
  const frame = root.querySelector('iframe');
  const status = root.querySelector('[data-testid="replay-state"]');
  const seekTo = Date.parse(root.getAttribute('data-seek-to'));
  let events = null;
  let sent = false;
  let firstTimestamp = 0;

  // A message posted while the frame is still loading is lost, so loading is repeated until the
  // player answers (it ignores repeats).
  const send = () => {
    if (events === null || sent) return;
    frame.contentWindow.postMessage({ type: 'polku-replay-load', events, seekTo }, '*');
    setTimeout(send, 500);
  };
  addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || !event.data) return;
    const data = event.data;
    if (data.type === 'polku-replay-ready') send();
    if (data.type !== 'polku-replay-state') return;
    sent = true;
    if (typeof data.time === 'number') {
      status.setAttribute('data-time', String(Math.round(data.time)));
      status.textContent = `${(data.time / 1000).toFixed(1)} s of ${(data.total / 1000).toFixed(1)} s`;
    }
    if (typeof data.seekedTo === 'number') status.setAttribute('data-seeked-to', String(Math.round(data.seekedTo)));
    if (typeof data.playing === 'boolean') status.setAttribute('data-playing', String(data.playing));
  });
  root.querySelector('[data-action="seek"]').addEventListener('click', () => {
    frame.contentWindow.postMessage({ type: 'polku-replay-seek', offset: Math.max(0, seekTo - firstTimestamp) }, '*');
  });
  root.querySelector('[data-action="pause"]').addEventListener('click', () => {
    frame.contentWindow.postMessage({ type: 'polku-replay-pause' }, '*');
  });
  // Start only after the page has loaded: rrweb's rebuilt document inside the frame may never
  // finish loading, and a document waits for its frames before its own load event.
  const start = () =>
    fetch(root.getAttribute('data-replay'))
      .then((response) => {
        if (!response.ok) throw new Error(`replay file: HTTP ${response.status}`);
        return response.json();
      })
      .then((loaded) => {
        events = loaded;
        firstTimestamp = loaded[0].timestamp;
        send();
      })
      .catch((error) => {
        status.textContent = `The replay could not be loaded (${error.message}).`;
      });
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
