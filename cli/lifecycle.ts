import { terminalLines } from './terminal-text.ts';

/**
 * Resolves when the process is asked to stop (Ctrl-C or SIGTERM) and runs `shutdown` first,
 * so servers close and the database is checkpointed before exit.
 */
export function untilStopped(shutdown: () => Promise<void>): Promise<number> {
  return new Promise((resolveExit) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.error(`${signal}: shutting down`);
      shutdown().then(
        () => resolveExit(0),
        (error: Error) => {
          console.error(terminalLines(`shutdown failed: ${error.message}`));
          resolveExit(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
