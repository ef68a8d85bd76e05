import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoClock, demoClientAddress, SIMULATED_ADDRESS_HEADER } from '../../cli/demo/in-process.ts';
import { listen, type RunningServer } from '../../collector/index.ts';

/** An app that answers with the address the demo's collector would hash. */
const app = new Hono();
app.get('/address', (c) => c.text(demoClientAddress(c)));

describe('demo: simulated addresses and clock', () => {
  let server: RunningServer | undefined;
  afterAll(() => server?.close());

  it('takes the simulated address only from in-process requests (the seeder)', async () => {
    const answer = await app.request('/address', { headers: { [SIMULATED_ADDRESS_HEADER]: '10.1.2.3' } });
    expect(await answer.text()).toBe('10.1.2.3');
  });

  it('ignores the header on requests over a socket: nobody outside chooses their visitor hash input', async () => {
    server = await listen(app, { host: '127.0.0.1', port: 0 });
    const answer = await fetch(`${server.url}/address`, { headers: { [SIMULATED_ADDRESS_HEADER]: '10.1.2.3' } });
    expect(await answer.text()).toBe('127.0.0.1');
  });

  it('reads real time unless the seeder set it, and real time again once released', () => {
    const clock = new DemoClock();
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    clock.set(Date.UTC(2026, 9, 1));
    expect(clock.now()).toBe(Date.UTC(2026, 9, 1));
    clock.release();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
  });
});
