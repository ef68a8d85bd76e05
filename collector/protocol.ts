/**
 * The wire protocol between the tracker and the collector: the single source of truth.
 * The tracker imports these types with `import type` only, so no zod code reaches the browser.
 */
import { z } from 'zod';

export const LIMITS = {
  /** Largest accepted body, measured after decompression. */
  batchBytes: 64 * 1024,
  eventsPerBatch: 100,
  urlChars: 2000,
  props: 30,
  propKeyChars: 64,
  propValueChars: 500,
  eventNameChars: 64,
  /**
   * After skew correction an event is stored at most this long before it arrived: the tracker
   * sends at once, so anything older comes from a clock that correction could not fix.
   */
  maxEventAgeMs: 7 * 86_400_000,
} as const;

/** Epoch milliseconds from a client clock; outside 2000–2100 a clock is broken, not early or late. */
const clientTime = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1), 'use epoch milliseconds (Date.now()) after 2000-01-01')
  .max(Date.UTC(2100, 0, 1), 'use epoch milliseconds (Date.now()) before 2100-01-01');

const propValue = z.union([z.string().max(LIMITS.propValueChars), z.number().finite(), z.boolean()]);

export const eventSchema = z.strictObject({
  /** Made by the client and kept across retries: the deduplication key. */
  id: z.uuid(),
  /** Client time in epoch milliseconds; the server corrects it for clock skew. */
  ts: clientTime.optional(),
  name: z.string().min(1).max(LIMITS.eventNameChars),
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.urlChars),
  referrer: z.string().max(LIMITS.urlChars).optional(),
  props: z
    .record(z.string().min(1).max(LIMITS.propKeyChars), propValue)
    .refine((props) => Object.keys(props).length <= LIMITS.props, { message: `at most ${LIMITS.props} props` })
    .optional(),
  value: z.number().finite().optional(),
  /** Random id of one page load; links events and replay chunks without storage on the device. */
  page_id: z.string().min(1).max(64).optional(),
});

export const batchSchema = z.strictObject({
  site: z.string().min(1).max(64),
  events: z.array(eventSchema).min(1).max(LIMITS.eventsPerBatch),
  /** Client time at sending, epoch milliseconds: with the server's receive time it gives the clock skew. */
  sent_at: clientTime.optional(),
  /** The browser's IANA time zone (Intl): the only source of the visitor's country. */
  tz: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_+\-/]+$/, 'use an IANA time zone name like "Europe/Helsinki"')
    .optional(),
  /** Random id kept in localStorage after `polku('consent', true)`; replaces IP and user agent in the visitor id. */
  client_id: z
    .string()
    .min(16)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'use 16–64 letters, digits, "-" or "_"')
    .optional(),
  /** Sent by the tracker after `polku('identify', id)` with consent (issue 15 contract; server-id stores a keyed hash). */
  user_id: z.string().min(1).max(256).optional(),
});

export type WireEvent = z.infer<typeof eventSchema>;
export type WireBatch = z.infer<typeof batchSchema>;

/** Body of every error response. */
export interface ErrorBody {
  error: string;
  issues: { path: string; message: string }[];
}

/** Query of `POST /api/replay`; the body is the gzip of a JSON array of rrweb events. */
export const replayQuerySchema = z.strictObject({
  site: z.string().min(1).max(64),
  /** The page load the chunk belongs to: the same page_id its events carry. */
  page_id: z.string().min(1).max(64),
  /** Position of the chunk within the page load, from 0. */
  seq: z.coerce.number().int().nonnegative().max(100_000),
});

export type ReplayQuery = z.infer<typeof replayQuerySchema>;

export const REPLAY_LIMITS = {
  /** Largest chunk on the wire (compressed). */
  compressedBytes: 1024 * 1024,
  /** Largest chunk once inflated. */
  inflatedBytes: 10 * 1024 * 1024,
} as const;

/** Body of a 202 answer to `POST /api/events`. */
export interface AcceptedBody {
  accepted: number;
}
