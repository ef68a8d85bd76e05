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
} as const;

const propValue = z.union([z.string().max(LIMITS.propValueChars), z.number().finite(), z.boolean()]);

export const eventSchema = z.strictObject({
  /** Made by the client and kept across retries: the deduplication key. */
  id: z.uuid(),
  /** Client time in epoch milliseconds; the server corrects it for clock skew. */
  ts: z.number().int().nonnegative().optional(),
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
  sent_at: z.number().int().nonnegative().optional(),
  /** The browser's IANA time zone: the only source of the visitor's country (never the IP). */
  tz: z.string().max(64).optional(),
  /** Random id kept in localStorage only after `polku('consent', true)`; replaces the IP-based visitor hash. */
  client_id: z.uuid().optional(),
});

export type WireEvent = z.infer<typeof eventSchema>;
export type WireBatch = z.infer<typeof batchSchema>;

/** Body of every error response. */
export interface ErrorBody {
  error: string;
  issues: { path: string; message: string }[];
}

/** Body of a 202 answer to `POST /api/events`. */
export interface AcceptedBody {
  accepted: number;
}
