import ct from 'countries-and-timezones';

/**
 * Country (ISO 3166-1 alpha-2) from the browser's IANA time zone, never from the IP address.
 * Coarse by design: a zone shared by several countries maps to its main one; "UTC" and unknown
 * zones give null.
 */
export function countryOfTimeZone(timeZone: string | undefined): string | null {
  if (!timeZone) return null;
  return ct.getCountryForTimezone(timeZone)?.id ?? null;
}
