import { createServer, type Server } from 'node:http';

/**
 * A listener on its own loopback port standing for an attacker's host: it counts every TCP
 * connection and every HTTP request made to it (a preconnect opens a socket without a request).
 */
export interface Listener {
  origin: string;
  requests: string[];
  connections: number;
  close(): Promise<void>;
}

export async function startListener(): Promise<Listener> {
  const requests: string[] = [];
  let connections = 0;
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
    response.end('x');
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('listener has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type SnapshotNode = Record<string, unknown>;

let nextId = 1;
const element = (
  tagName: string,
  attributes: Record<string, string>,
  childNodes: SnapshotNode[] = [],
  isSVG = false,
) => ({
  type: 2,
  tagName,
  attributes,
  childNodes,
  id: nextId++,
  ...(isSVG ? { isSVG: true } : {}),
});
const text = (textContent: string, isStyle = false) => ({
  type: 3,
  textContent,
  id: nextId++,
  ...(isStyle ? { isStyle: true } : {}),
});

/**
 * An rrweb recording (meta, full snapshot, mouse moves over `durationMs`) of a page that names
 * `evil` in every way a document can make a browser fetch something on its own, each element
 * marked `data-vector`. Returns the events and the number of marked elements.
 */
export function hostileRecording(evil: string, start: number, durationMs: number) {
  nextId = 1;
  const u = (name: string) => `${evil}/${name}`;
  const v = (tagName: string, attributes: Record<string, string>, childNodes: SnapshotNode[] = [], isSVG = false) =>
    element(tagName, { ...attributes, 'data-vector': tagName }, childNodes, isSVG);
  const head = [
    v('base', { href: `${evil}/base/` }),
    v('link', { rel: 'stylesheet', href: u('link-stylesheet.css') }),
    v('link', { rel: 'preload', as: 'image', href: u('link-preload.png') }),
    v('link', { rel: 'prefetch', href: u('link-prefetch') }),
    v('link', { rel: 'icon', href: u('link-icon.png') }),
    v('link', { rel: 'preconnect', href: evil }),
    v('meta', { 'http-equiv': 'refresh', content: `0;url=${u('meta-refresh')}` }),
    v('style', {}, [
      text(
        `@import url("${u('css-import.css')}");` +
          `@font-face { font-family: evil; src: url("${u('css-font.woff2')}"); }` +
          `body { background-image: url("${u('css-background.png')}"); font-family: evil; }`,
        true,
      ),
    ]),
  ];
  const svgNs = 'http://www.w3.org/2000/svg';
  const body = [
    v('img', { src: u('img-src.png') }),
    v('img', { srcset: `${u('img-srcset.png')} 1x` }),
    v('picture', {}, [v('source', { srcset: u('picture-source.png') }), v('img', { src: u('picture-img.png') })]),
    v('img', { src: 'relative-to-base.png' }),
    v('div', { style: `background-image: url("${u('inline-style.png')}")` }, [text('***')]),
    v('iframe', { src: u('iframe') }),
    v('object', { data: u('object') }),
    v('embed', { src: u('embed') }),
    v('video', { src: u('video.mp4'), poster: u('video-poster.png'), preload: 'auto' }),
    v('audio', { src: u('audio.mp3'), preload: 'auto' }),
    v('video', { preload: 'auto' }, [
      v('source', { src: u('video-source.mp4') }),
      v('track', { src: u('track.vtt'), default: '' }),
    ]),
    v('input', { type: 'image', src: u('input-image.png') }),
    v('table', { background: u('table-background.png') }, [v('tbody', {}, [v('tr', {}, [v('td', {}, [text('*')])])])]),
    v(
      'svg',
      { xmlns: svgNs, width: '10', height: '10' },
      [
        v('image', { href: u('svg-image.png'), width: '10', height: '10' }, [], true),
        v('image', { 'xlink:href': u('svg-xlink-image.png'), width: '10', height: '10' }, [], true),
        v('use', { href: `${u('svg-use.svg')}#x` }, [], true),
      ],
      true,
    ),
    v('script', { src: u('script.js') }),
  ];
  const headNode = element('head', {}, head);
  const html = element('html', {}, [headNode, element('body', { background: u('body-background.png') }, body)]);
  const frame = body.find((node) => node.tagName === 'iframe');
  const document = {
    type: 0,
    childNodes: [{ type: 1, name: 'html', publicId: '', systemId: '', id: nextId++ }, html],
    id: nextId++,
  };
  const events: { type: number; data: unknown; timestamp: number }[] = [
    { type: 4, data: { href: 'https://shop.example/products/lamp', width: 800, height: 600 }, timestamp: start },
    { type: 2, data: { node: document, initialOffset: { left: 0, top: 0 } }, timestamp: start },
  ];
  // Later, by mutation: a link and a frame added, and the first frame pointed at the host again.
  events.push({
    type: 3,
    data: {
      source: 0,
      texts: [],
      removes: [],
      adds: [
        { parentId: headNode.id, nextId: null, node: v('link', { rel: 'preconnect', href: u('mutation-preconnect') }) },
        { parentId: headNode.id, nextId: null, node: v('iframe', { src: u('mutation-iframe') }) },
      ],
      attributes: [{ id: frame?.id, attributes: { src: u('mutation-iframe-src') } }],
    },
    timestamp: start + 100,
  });
  for (let at = start + 250; at <= start + durationMs; at += 250) {
    events.push({
      type: 3,
      data: { source: 1, positions: [{ x: (at - start) / 10, y: 50, id: html.id, timeOffset: 0 }] },
      timestamp: at,
    });
  }
  const marked = JSON.stringify(events).split('"data-vector"').length - 1;
  return { events, marked };
}
