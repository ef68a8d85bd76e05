import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  /** Stops accepting connections, lets requests in flight finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  host: string;
  port: number;
  /** A client must send its headers within this time. Default: 10 s. */
  headersTimeoutMs?: number;
  /** A client must send its whole request (headers and body) within this time. Default: 15 s. */
  requestTimeoutMs?: number;
}

/** Listens on host:port (port 0 picks a free one) and resolves once the socket accepts connections. */
export function listen(
  app: Hono,
  { host, port, headersTimeoutMs = 10_000, requestTimeoutMs = 15_000 }: ListenOptions,
): Promise<RunningServer> {
  return new Promise((resolveListening, reject) => {
    let server: ServerType;
    const onError = (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? `; port ${port} is taken, choose another with --port` : '';
      reject(new Error(`cannot listen on ${host}:${port}: ${error.message}${hint}`));
    };
    server = serve(
      {
        fetch: app.fetch,
        hostname: host,
        port,
        // Slow clients (slowloris) must not hold sockets open forever.
        serverOptions: {
          headersTimeout: headersTimeoutMs,
          requestTimeout: requestTimeoutMs,
          keepAliveTimeout: 5_000,
          // Node checks the two timeouts above only this often (default: every 30 s).
          connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
        },
      },
      (info) => {
        server.off('error', onError);
        const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolveListening({ url: `http://${shownHost}:${info.port}`, close: (graceMs) => closeServer(server, graceMs) });
      },
    );
    server.once('error', onError);
  });
}

function closeServer(server: ServerType, graceMs = 5_000): Promise<void> {
  return new Promise((resolveClosed) => {
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearTimeout(force);
      resolveClosed();
    });
    // Idle keep-alive sockets would otherwise hold the close open; busy ones finish their request.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
