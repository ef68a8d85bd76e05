import { describe, expect, it } from 'vitest';
import { relativeLinksIn, relativeUrl } from '../../site/relative-links.ts';

describe('relative links: a built site that works from any folder and from file://', () => {
  it('makes site URLs relative to the page, naming index.html for folders', () => {
    expect(relativeUrl('/', 'index.html', '/')).toBe('index.html');
    expect(relativeUrl('/journeys/checkout/', 'index.html', '/')).toBe('journeys/checkout/index.html');
    expect(relativeUrl('/', 'sessions/abc/index.html', '/')).toBe('../../index.html');
    expect(relativeUrl('/methodology/', 'journeys/x/index.html', '/')).toBe('../../methodology/index.html');
    expect(relativeUrl('/data/journeys.csv', 'campaigns/a/index.html', '/')).toBe('../../data/journeys.csv');
    expect(relativeUrl('/campaigns/a/daily.csv', 'campaigns/a/index.html', '/')).toBe('daily.csv');
    expect(relativeUrl('/journeys/x/#step-2', 'index.html', '/')).toBe('journeys/x/index.html#step-2');
    expect(relativeUrl('/replays/a.json?v=1', 'sessions/a/index.html', '/')).toBe('../../replays/a.json?v=1');
  });

  it('names index.html in relative folder links too (as campaign owners write them in notes)', () => {
    expect(relativeUrl('../../journeys/checkout/', 'campaigns/a/index.html', '/')).toBe(
      '../../journeys/checkout/index.html',
    );
    expect(relativeUrl('../#notes', 'campaigns/a/index.html', '/')).toBe('../index.html#notes');
    expect(relativeUrl('..', 'campaigns/a/index.html', '/')).toBe('../index.html');
    expect(relativeUrl('daily.csv', 'campaigns/a/index.html', '/')).toBeNull();
    expect(relativeUrl('mailto:owner@shop.example', 'campaigns/a/index.html', '/')).toBeNull();
  });

  it('with a base path: strips it, and leaves URLs outside the base, other origins and data: alone', () => {
    expect(relativeUrl('/reports/', 'index.html', '/reports/')).toBe('index.html');
    expect(relativeUrl('/reports/journeys/x/', 'sessions/a/index.html', '/reports/')).toBe(
      '../../journeys/x/index.html',
    );
    expect(relativeUrl('/other/', 'index.html', '/reports/')).toBeNull();
    expect(relativeUrl('//evil.example/', 'index.html', '/')).toBeNull();
    expect(relativeUrl('https://shop.example/', 'index.html', '/')).toBeNull();
    expect(relativeUrl('data:,', 'index.html', '/')).toBeNull();
    expect(relativeUrl('#top', 'index.html', '/')).toBeNull();
  });

  it('rewrites only URL attributes of tags: text, styles and scripts that look like links stay as they are', () => {
    const html = [
      '<!DOCTYPE html><html><head><link rel="icon" href="data:,"><style>a[href="/x"]{}</style></head><body>',
      `<a href="/">home</a><a href='/journeys/a/'>a</a><a href=/data/x.csv download>csv</a>`,
      '<p>href="/no" &amp; <code>src="/no"</code></p><!-- <a href="/no"> -->',
      '<div data-replay="/replays/a.json" data-frame="/player/frame.html" data-other="/keep"></div>',
      '<script src="/player/session.js" defer></script><script>const u = "/keep";</script>',
      '<a href="https://shop.example/">out</a></body></html>',
    ].join('');
    expect(relativeLinksIn(html, 'sessions/a/index.html', '/')).toBe(
      [
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"><style>a[href="/x"]{}</style></head><body>',
        `<a href="../../index.html">home</a><a href='../../journeys/a/index.html'>a</a><a href=../../data/x.csv download>csv</a>`,
        '<p>href="/no" &amp; <code>src="/no"</code></p><!-- <a href="/no"> -->',
        '<div data-replay="../../replays/a.json" data-frame="../../player/frame.html" data-other="/keep"></div>',
        '<script src="../../player/session.js" defer></script><script>const u = "/keep";</script>',
        '<a href="https://shop.example/">out</a></body></html>',
      ].join(''),
    );
  });
});
