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
