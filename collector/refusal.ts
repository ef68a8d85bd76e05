import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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
    rejected.add({ receivedAt: now(), reason: refusal.reason, status: refusal.status, body: refusal.body });
  }
  log.debug({ path: c.req.path, status: refusal.status, reason: refusal.reason }, refusal.error);
  // The writer moves the spool about once a second: that is when room may be back.
  if (refusal.status === 503) c.header('Retry-After', '1');
  return errorResponse(c, refusal.status, refusal.error, refusal.issues ?? []);
}
