import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Response headers for serving a built report (`polku preview`). The report shows text anyone could
 * send to the collector, so it must not be framed by another site (clickjacking) nor leak its URLs:
 * - framing only by the report itself: the session page embeds its own replay player frame, so
 *   `X-Frame-Options: SAMEORIGIN` and CSP `frame-ancestors 'self'` (DENY would break the replay);
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, plus Hono's other defaults
 *   (COOP/CORP same-origin, no DNS prefetch, `X-XSS-Protection: 0`).
 * HSTS is left out: preview is plain HTTP on loopback, and a `includeSubDomains` HSTS sent through a
 * proxy would bind every subdomain of the host to HTTPS for months.
 */
export function reportHeaders(): MiddlewareHandler {
  return secureHeaders({
    xFrameOptions: 'SAMEORIGIN',
    contentSecurityPolicy: { frameAncestors: ["'self'"] },
    xContentTypeOptions: true,
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
}
