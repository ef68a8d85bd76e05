import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout stays for the CLI's own lines). Nothing that reaches a log
 * call carries a client address: the collector only ever hands the address to the rate limiter and
 * the visitor hash, so there is nothing to redact.
 */
export function createLogger(level = process.env.POLKU_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: false }));
}

/** A logger that drops everything (in-process tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
