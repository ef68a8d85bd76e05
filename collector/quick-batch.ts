import { isKnownPageUrl } from './enrich/url.ts';
import { LIMITS, type WireBatch } from './protocol.ts';

/**
 * A quick check in front of zod for the batches trackers send, which are nearly always valid: it
 * accepts a batch only where `batchSchema` would accept it and return the same data, and otherwise
 * answers null, so that zod decides and writes the error report. Zod costs about 1.5 µs per event;
 * this costs a few hundred nanoseconds. Any doubt (an unusual key, whitespace in a URL) goes to zod.
 */
export function quickBatch(raw: unknown): WireBatch | null {
  if (!isPlainObject(raw)) return null;
  for (const key in raw) if (!BATCH_KEYS.has(key)) return null;
  const { site, events, sent_at, tz, client_id, user_id } = raw;
  if (!isString(site, 1, 64)) return null;
  if (!Array.isArray(events) || events.length < 1 || events.length > LIMITS.eventsPerBatch) return null;
  if ('sent_at' in raw && !isClientTime(sent_at)) return null;
  if ('tz' in raw && !(isString(tz, 1, 64) && TIME_ZONE.test(tz))) return null;
  if ('client_id' in raw && !(isString(client_id, 16, 64) && CLIENT_ID.test(client_id))) return null;
  if ('user_id' in raw && !isString(user_id, 1, 256)) return null;
  for (const event of events) if (!isQuickEvent(event)) return null;
  return raw as WireBatch;
}

const BATCH_KEYS = new Set(['site', 'events', 'sent_at', 'tz', 'client_id', 'user_id']);
const EVENT_KEYS = new Set(['id', 'ts', 'name', 'url', 'referrer', 'props', 'value', 'page_id']);
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
/** zod's z.uuid() pattern. */
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const TIME_ZONE = /^[A-Za-z0-9_+\-/]+$/;
const CLIENT_ID = /^[A-Za-z0-9_-]+$/;
/**
 * An http(s) URL without whitespace anywhere: zod's URL check trims it and deletes tabs and
 * newlines, which then cannot change it. Whether it parses is asked of URL.canParse, as zod asks
 * URL.parse, unless the page-URL cache already holds it (only URLs that parsed get there).
 */
const PLAIN_HTTP_URL = /^https?:\/\/\S*$/;

function isQuickEvent(event: unknown): boolean {
  if (!isPlainObject(event)) return false;
  for (const key in event) if (!EVENT_KEYS.has(key)) return false;
  const { id, ts, name, url, referrer, props, value, page_id } = event;
  return (
    isString(id, 36, 36) &&
    UUID.test(id) &&
    (!('ts' in event) || isClientTime(ts)) &&
    isString(name, 1, LIMITS.eventNameChars) &&
    isString(url, 0, LIMITS.urlChars) &&
    PLAIN_HTTP_URL.test(url) &&
    (isKnownPageUrl(url) || URL.canParse(url)) &&
    (!('referrer' in event) || isString(referrer, 0, LIMITS.urlChars)) &&
    (!('props' in event) || isQuickProps(props)) &&
    (!('value' in event) || (typeof value === 'number' && Number.isFinite(value))) &&
    (!('page_id' in event) || isString(page_id, 1, 64))
  );
}

function isQuickProps(props: unknown): boolean {
  if (!isPlainObject(props)) return false;
  let count = 0;
  for (const key in props) {
    if (++count > LIMITS.props || key.length < 1 || key.length > LIMITS.propKeyChars || key === '__proto__') {
      return false;
    }
    const value = props[key];
    const ok =
      typeof value === 'string'
        ? value.length <= LIMITS.propValueChars
        : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) return false;
  }
  return true;
}

/** Epoch milliseconds within zod's clientTime bounds (integers there are all safe integers). */
function isClientTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_TIME && value <= MAX_TIME;
}

function isString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** An object as JSON.parse makes them: no array, no prototype other than Object's. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
