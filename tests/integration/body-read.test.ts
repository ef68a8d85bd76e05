import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../collector/body.ts';

/**
 * readBody over a real socket, where it reads the Node request directly: a body with a
 * Content-Length (the tracker's case) and a chunked one take different paths and must agree.
 */
async function serveReads(
  raw: string,
  limits = { maxBytes: 64 },
): Promise<{ body?: string; error?: { status?: number; code?: string } }> {
  let settle: (value: { body?: string; error?: { status?: number; code?: string } }) => void = () => undefined;
  const result = new Promise<{ body?: string; error?: { status?: number; code?: string } }>((resolve) => {
    settle = resolve;
  });
  const server = createServer((incoming: IncomingMessage, outgoing) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === 'string') headers.set(name, value);
    readBody(new Request('http://x/', { method: 'POST', headers }), limits, incoming).then(
      (bytes) => {
        settle({ body: bytes.toString('utf8') });
        outgoing.end('ok');
      },
      (error: { status?: number; code?: string }) => {
        settle({ error: { status: error.status, code: error.code } });
        outgoing.end('no');
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  const socket = connect(address.port, '127.0.0.1');
  await once(socket, 'connect');
  const parts = raw.split('|').filter((part) => part !== '#abort');
  for (const [index, part] of parts.entries()) {
    socket.write(part);
    if (index < parts.length - 1) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (raw.endsWith('#abort')) socket.destroy();
  try {
    return await result;
  } finally {
    socket.destroy();
    server.close();
  }
}

const HEAD = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n';

describe('reading a request body from the socket', () => {
  it('reads a body with Content-Length that arrives in several parts, byte for byte', async () => {
    // 22 bytes: "é" is two.
    const answer = await serveReads(`${HEAD}Content-Length: 22\r\n\r\n{"site":|"shop",|"é":1}`);
    expect(answer).toEqual({ body: '{"site":"shop","é":1}' });
  });

  it('reads a chunked body the same way', async () => {
    const answer = await serveReads(
      `${HEAD}Transfer-Encoding: chunked\r\n\r\n8\r\n{"site":\r\n|7\r\n"shop",\r\n|0\r\n\r\n`,
    );
    expect(answer).toEqual({ body: '{"site":"shop",' });
  });

  it('refuses a declared length over the limit with 413 before reading', async () => {
    const answer = await serveReads(`${HEAD}Content-Length: 65\r\n\r\n${'x'.repeat(65)}`);
    expect(answer).toEqual({ error: { status: 413, code: undefined } });
  });

  it('refuses a chunked body over the limit with 413', async () => {
    const chunk = 'x'.repeat(40);
    const answer = await serveReads(
      `${HEAD}Transfer-Encoding: chunked\r\n\r\n28\r\n${chunk}\r\n|28\r\n${chunk}\r\n|0\r\n\r\n`,
    );
    expect(answer).toEqual({ error: { status: 413, code: undefined } });
  });

  it('fails (never resolves a partial body) when the client goes away mid-body', async () => {
    const answer = await serveReads(`${HEAD}Content-Length: 40\r\n\r\n{"site":|#abort`);
    expect(answer.body).toBeUndefined();
    expect(answer.error?.status).toBeUndefined();
    expect(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET']).toContain(answer.error?.code);
  });
});
