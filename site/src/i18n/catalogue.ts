import { locale } from '../data.ts';
import type { Locale } from './locale.ts';

/**
 * One area's words in every locale, picked for the site's locale (`report.locale` in the config).
 * The Finnish entries must have exactly the English entries' keys and types, so a missing or
 * mistyped translation fails the type check instead of showing English on a Finnish page.
 * Entries that take numbers or names are functions, so word order can differ between languages.
 */
export function catalogue<T>(en: T, fi: NoInfer<T>): T {
  const entries: Record<Locale, T> = { en, fi };
  everyCatalogue.push(entries);
  return entries[locale];
}

/**
 * Every catalogue the site has loaded, in all its locales: tests compare the languages with it (no
 * English words on a Finnish page). Pages never read it.
 */
export const everyCatalogue: Record<Locale, unknown>[] = [];

/** "1 session" / "2 sessions", "1 istunto" / "2 istuntoa": the plural form by the locale's rules. */
export function plural(count: number, forms: { one: string; other: string }): string {
  return pluralRules.select(count) === 'one' ? forms.one : forms.other;
}

const pluralRules = new Intl.PluralRules(locale);
