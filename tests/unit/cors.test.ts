import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { describe, expect, it } from 'vitest';
import { apiCors } from '../../collector/cors.ts';

const ORIGINS = new Set(['https://shop.example']);

/** The same small API behind Hono's cors() and behind apiCors(): answers must not differ. */
function apps(): Hono[] {
  const honoCors = cors({
    origin: (origin) => (ORIGINS.has(origin) ? origin : null),
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type', 'Content-Encoding'],
    maxAge: 86_400,
  });
  return [honoCors, apiCors({ origins: ORIGINS })].map((middleware) => {
    const app = new Hono();
    app.use('/api/*', middleware);
    app.post('/api/events', (c) => {
      c.header('Retry-After', '1');
      return c.json({ accepted: 1 }, 202);
    });
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
});
