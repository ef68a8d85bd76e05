import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { describe, expect, it } from 'vitest';
import { apiCors, corsJson } from '../../collector/cors.ts';

const ORIGINS = new Set(['https://shop.example']);

/** The same small API behind Hono's cors() and behind apiCors(): answers must not differ. */
function apps(): Hono[] {
  const honoCors = cors({
    origin: (origin) => (ORIGINS.has(origin) ? origin : null),
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type', 'Content-Encoding'],
    maxAge: 86_400,
  });
  return [honoCors, apiCors({ origins: ORIGINS })].map((middleware, index) => {
    const app = new Hono();
    app.use('/api/*', middleware);
    app.post('/api/events', (c) => {
      c.header('Retry-After', '1');
      return c.json({ accepted: 1 }, 202);
    });
    // The hot path: the same answer made with corsJson behind apiCors, with c.json behind cors().
    app.post('/api/accept', (c) => (index === 0 ? c.json({ accepted: 3 }, 202) : corsJson(c, '{"accepted":3}', 202)));
    app.post('/api/fail', () => {
      throw new Error('boom');
    });
    app.onError((_error, c) => c.json({ error: 'internal error', issues: [] }, 500));
    return app;
  });
}

async function answer(app: Hono, path: string, init: RequestInit) {
  const response = await app.request(path, init);
  return { status: response.status, headers: [...response.headers], body: await response.text() };
}

describe('apiCors', () => {
  const cases: [string, string, RequestInit][] = [
    ['POST from an allowed origin', '/api/events', { method: 'POST', headers: { origin: 'https://shop.example' } }],
    ['POST from a foreign origin', '/api/events', { method: 'POST', headers: { origin: 'https://evil.example' } }],
    ['POST without Origin', '/api/events', { method: 'POST' }],
    [
      'an accepted POST from an allowed origin',
      '/api/accept',
      { method: 'POST', headers: { origin: 'https://shop.example' } },
    ],
    [
      'an accepted POST from a foreign origin',
      '/api/accept',
      { method: 'POST', headers: { origin: 'https://evil.example' } },
    ],
    ['an accepted POST without Origin', '/api/accept', { method: 'POST' }],
    ['a handler that throws', '/api/fail', { method: 'POST', headers: { origin: 'https://shop.example' } }],
    ['an unknown API path', '/api/nothing', { method: 'POST', headers: { origin: 'https://shop.example' } }],
    [
      'a preflight',
      '/api/events',
      {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
      },
    ],
  ];
  for (const [name, path, init] of cases) {
    it(`answers ${name} exactly as Hono's cors() does`, async () => {
      const [hono, ours] = apps() as [Hono, Hono];
      expect(await answer(ours, path, init)).toEqual(await answer(hono, path, init));
    });
  }

  it('allows a configured origin on a POST and varies by Origin', async () => {
    const [, ours] = apps() as [Hono, Hono];
    const response = await ours.request('/api/events', { method: 'POST', headers: { origin: 'https://shop.example' } });
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('answers with corsJson exactly these headers and body', async () => {
    const [, ours] = apps() as [Hono, Hono];
    const init = { method: 'POST', headers: { origin: 'https://shop.example' } };
    expect(await answer(ours, '/api/accept', init)).toEqual({
      status: 202,
      headers: [
        ['access-control-allow-origin', 'https://shop.example'],
        ['content-type', 'application/json'],
        ['vary', 'Origin'],
      ],
      body: '{"accepted":3}',
    });
  });

  it('answers with corsJson outside apiCors as c.json would', async () => {
    const app = new Hono().post('/accept', (c) => corsJson(c, '{"accepted":3}', 202));
    expect(await answer(app, '/accept', { method: 'POST' })).toEqual({
      status: 202,
      headers: [['content-type', 'application/json']],
      body: '{"accepted":3}',
    });
  });
});
