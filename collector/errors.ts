import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ErrorBody } from './protocol.ts';

/** Every error answer has the same JSON shape: what went wrong and, per wrong field, where. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  error: string,
  issues: ErrorBody['issues'] = [],
): Response {
  return c.json({ error, issues } satisfies ErrorBody, status);
}

export function zodIssues(error: z.ZodError): ErrorBody['issues'] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
