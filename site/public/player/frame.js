// Runs inside the player iframe (sandbox: scripts and same origin, no navigation, popups or forms).
// The recorded page itself is untrusted: rrweb rebuilds it in an inner iframe sandboxed without
// scripts, which needs same-origin access from here. Events arrive by postMessage.
let replayer = null;
const stage = document.getElementById('stage');

function state(extra) {
  const message = { type: 'polku-replay-state', ...extra };
  if (replayer) {
    message.time = replayer.getCurrentTime();
    message.total = replayer.getMetaData().totalTime;
  }
  parent.postMessage(message, '*');
}

function fitToFrame() {
  // Scale the recorded viewport down to the frame's width.
  const wrapper = stage.querySelector('.replayer-wrapper');
  const iframe = stage.querySelector('iframe');
  if (!wrapper || !iframe) return;
  const scale = Math.min(1, document.documentElement.clientWidth / (iframe.offsetWidth || 1));
  wrapper.style.transform = `scale(${scale})`;
}

function load(events, seekTo) {
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
  if (event.source !== parent || !event.data) return;
  const data = event.data;
  if (data.type === 'polku-replay-load' && replayer === null) {
    load(data.events, data.seekTo);
  } else if (data.type === 'polku-replay-seek' && replayer !== null) {
    replayer.play(data.offset);
    state({ playing: true, seekedTo: data.offset });
  } else if (data.type === 'polku-replay-pause' && replayer !== null) {
    replayer.pause();
    state({ playing: false });
  }
});
parent.postMessage({ type: 'polku-replay-ready' }, '*');
