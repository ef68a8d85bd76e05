import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { CollectorContext } from '../../collector/context.ts';
import { spoolRefusal } from '../../collector/refusal.ts';
import { SpoolFullError } from '../../store/index.ts';

/** Only the logger is read; its lines are collected to check what an operator sees. */
function contextWithLog(): { ctx: CollectorContext; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { ctx: { log: pino({ level: 'debug' }, sink) } as unknown as CollectorContext, lines };
}

describe('refusing what the spool cannot take', () => {
  it('says the spool is full, without an error log line', () => {
    const { ctx, lines } = contextWithLog();
    expect(spoolRefusal(new SpoolFullError(1024), ctx)).toEqual({
      status: 503,
      reason: 'spool-full',
      error: 'the spool holds 1024 bytes not yet stored in the database; retry later',
    });
    expect(lines).toEqual([]);
  });

  it('hides a write failure from the client and logs it for the operator', () => {
    const { ctx, lines } = contextWithLog();
    expect(spoolRefusal(new Error('EIO: i/o error, write'), ctx)).toEqual({
      status: 503,
      reason: 'spool-write-failed',
      error: 'the collector cannot write its spool; retry later',
    });
    expect(lines.map((line) => JSON.parse(line)).map(({ level, msg, err }) => ({ level, msg, err }))).toEqual([
      { level: 50, msg: 'spool write failed', err: 'EIO: i/o error, write' },
    ]);
  });
});
