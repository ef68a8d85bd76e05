import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listen } from '../../collector/index.ts';
import { startTestCollector } from '../support/collector.ts';

/** Opens a raw connection, sends `data`, and resolves with what the server answered when it hung up. */
async function trickle(url: string, data: string): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  const started = Date.now();
  socket.write(data);
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk;
  });
  await once(socket, 'close');
  return { answer, ms: Date.now() - started };
}

describe('slow clients', () => {
  it('ends a request whose headers or body never finish, with 408', async () => {
    const collector = await startTestCollector();
    const server = await listen(collector.app, {
      host: '127.0.0.1',
      port: 0,
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
    try {
      const [headers, body] = await Promise.all([
        trickle(server.url, 'POST /api/events HTTP/1.1\r\nHost: x\r\n'),
        trickle(
          server.url,
          'POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n{"site":',
        ),
      ]);
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(body.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(headers.ms).toBeLessThan(3_000);
      expect(body.ms).toBeLessThan(3_000);
    } finally {
      await server.close();
      await collector.close();
    }
  });
});
