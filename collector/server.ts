import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and resolves once the socket accepts connections. */
export function listen(app: Hono, { host, port }: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolveListening, reject) => {
    let server: ServerType;
    const onError = (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? `; port ${port} is taken, choose another with --port` : '';
      reject(new Error(`cannot listen on ${host}:${port}: ${error.message}${hint}`));
    };
    server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      server.off('error', onError);
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolveListening({
        url: `http://${shownHost}:${info.port}`,
        close: () =>
          new Promise((resolveClosed) => {
            server.close(() => resolveClosed());
            // Idle keep-alive sockets would otherwise hold the close open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', onError);
  });
}
