import ct from 'countries-and-timezones';
import { BoundedCache } from './bounded-cache.ts';

/**
 * The library builds a country object on every lookup (~0.4 µs); a site's visitors send a few
 * dozen time zones, so answers are remembered. Bounded: the zone is whatever the client sends.
 */
const answers = new BoundedCache<string, string | null>(1_000);

/**
 * Country (ISO 3166-1 alpha-2) from the browser's IANA time zone, never from the IP address.
 * Coarse by design: a zone shared by several countries maps to its main one; "UTC" and unknown
 * zones give null.
 */
export function countryOfTimeZone(timeZone: string | undefined): string | null {
  if (!timeZone) return null;
  const cached = answers.get(timeZone);
  return cached !== undefined ? cached : answers.set(timeZone, ct.getCountryForTimezone(timeZone)?.id ?? null);
}
