import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SpoolFullError } from '../store/index.ts';
import type { CollectorContext } from './context.ts';
import { errorResponse } from './errors.ts';
import type { ErrorBody } from './protocol.ts';

export interface Refusal {
  status: ContentfulStatusCode;
  /** Short machine-readable reason: the metrics label and the rejected sample's reason. */
  reason: string;
  error: string;
  issues?: ErrorBody['issues'];
  /** The (decompressed) body, when one was read: kept in the capped sample of rejected payloads. */
  body?: string;
}

/** Answers a refused request: counts it, samples its body, logs it (without any address), replies. */
export function refuse(c: Context, { metrics, rejected, log, now }: CollectorContext, refusal: Refusal): Response {
  metrics.reject(refusal.reason);
  if (refusal.body !== undefined) {
    // The sample is stored in the database: a raw user id must never get there, even in a bad batch.
    const body = withoutUserIds(refusal.body);
    rejected.add({ receivedAt: now(), reason: refusal.reason, status: refusal.status, body });
  }
  log.debug({ path: c.req.path, status: refusal.status, reason: refusal.reason }, refusal.error);
  // The writer moves the spool about once a second: that is when room may be back.
  if (refusal.status === 503) c.header('Retry-After', '1');
  return errorResponse(c, refusal.status, refusal.error, refusal.issues ?? []);
}

/** `"user_id": …` anywhere in a JSON text (valid or not), with its value (a string or anything else). */
const USER_ID_MEMBER = /("user_id"\s*:\s*)(?:"(?:[^"\\]|\\.)*"?|[^,}\]]*)/g;

/** The body with every user id's value replaced, for the sample of rejected payloads. */
export function withoutUserIds(body: string): string {
  return body.includes('user_id') ? body.replace(USER_ID_MEMBER, '$1"[removed]"') : body;
}

/**
 * The spool could not take what a request sent: full (the database is behind or unwritable) or
 * failing (disk). Either way nothing was acknowledged, and the client should retry later: 503.
 */
export function spoolRefusal(error: unknown, { log }: CollectorContext): Refusal {
  if (error instanceof SpoolFullError) return { status: 503, reason: 'spool-full', error: error.message };
  log.error({ err: (error as Error).message }, 'spool write failed');
  if (isSystemError(error) && error.code === 'ENOSPC') {
    return { status: 503, reason: 'spool-disk-full', error: "the collector's disk is full; retry later" };
  }
  return { status: 503, reason: 'spool-write-failed', error: 'the collector cannot write its spool; retry later' };
}

/** An error from the operating system (a file system call): it has an errno code like "ENOSPC". */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
}
