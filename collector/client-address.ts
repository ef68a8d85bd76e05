import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Where the request came from; used only to key the visitor hash, never stored or logged. */
export type ClientAddress = (c: Context) => string;

export const socketAddress: ClientAddress = (c) => {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    // In-process requests (app.request) have no socket.
    return '';
  }
};

/**
 * Behind a reverse proxy every request comes from the proxy's address, so all visitors would share
 * one rate-limit bucket and hash to visitor ids told apart by user agent only. For a request whose
 * socket peer is one of `proxies`, the client is the last X-Forwarded-For entry: the one that proxy
 * appended itself (entries before it come from the client and prove nothing). Any other request's
 * header is ignored, so a visitor cannot choose the address its hash and rate limit are keyed on.
 */
export function behindProxies(proxies: readonly string[]): ClientAddress {
  const trusted = new Set(proxies.map(plainAddress));
  return (c) => {
    const peer = socketAddress(c);
    if (!trusted.has(plainAddress(peer))) return peer;
    const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() ?? '';
    return isIP(last) === 0 ? peer : last;
  };
}

/** "::ffff:127.0.0.1" (IPv4 on a dual-stack socket) is 127.0.0.1. */
function plainAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}
