/**
 * The languages the report site is written in. Finnish is first-class: every word a page shows comes
 * from a catalogue with an entry for each locale (see catalogue.ts), never from a literal in a page.
 */
export const LOCALES = ['en', 'fi'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags for Intl and `<html lang>`. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', fi: 'fi' };
