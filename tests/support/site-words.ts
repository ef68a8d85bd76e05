/**
 * Words of the report site by language, for the tests that keep English off Finnish pages: the
 * English text of every catalogue entry (site/src/i18n) and the visible text of a built page.
 */
import { everyCatalogue } from '../../site/src/i18n/catalogue.ts';

/** Words written the same in every language the site has: names, abbreviations, units. */
export const SHARED_WORDS = new Set([
  'nps',
  'csv',
  'utm',
  'utm_campaign',
  'utm_source',
  'utm_medium',
  'sha',
  'utc',
  'wilson',
  'polku',
  'config',
  'ts',
  'min',
  // A journey step's option, named as in the configuration.
  'within',
]);

/** A placeholder that stands for every argument of a catalogue function, and for its fields. */
const HOLE = '\u0000';
const hole: unknown = new Proxy(
  {},
  { get: (_target, key) => (key === Symbol.toPrimitive ? () => HOLE : key === 'toString' ? () => HOLE : HOLE) },
);

/** The literal text of an entry: strings as they are, functions as the text around their arguments. */
function texts(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (typeof entry === 'function') {
    for (const argument of [hole, HOLE]) {
      try {
        return [String(entry(...Array.from({ length: Math.max(1, entry.length) }, () => argument)))];
      } catch {
        // The entry used its argument as a string (or a field as an object): try the other placeholder.
      }
    }
    return [];
  }
  if (entry !== null && typeof entry === 'object') return Object.values(entry).flatMap(texts);
  return [];
}

/** The entries of one locale in the same order as another's: [path, value] pairs. */
export function leaves(entry: unknown, path = ''): [string, unknown][] {
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry))
    return Object.entries(entry).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  return [[path, entry]];
}

export const wordsOf = (text: string): string[] => text.match(/[\p{L}][\p{L}_'’.-]*[\p{L}]|\p{L}/gu) ?? [];

/** A piece of text with a word that no other language shares. */
export const isLanguageSpecific = (text: string): boolean =>
  wordsOf(text).some((word) => word.length >= 2 && !SHARED_WORDS.has(word.toLowerCase()));

/**
 * The English pieces of every catalogue loaded so far: the text between a function's arguments,
 * trimmed of punctuation, kept when it has a word of its own language.
 */
export function englishFragments(): string[] {
  const fragments = everyCatalogue
    .flatMap((catalogue) => texts(catalogue.en))
    .flatMap((text) => text.split(HOLE))
    .map((piece) => piece.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '').replace(/\s+/g, ' '))
    .filter(isLanguageSpecific);
  return [...new Set(fragments)].sort();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' };
const decode = (entity: string, name: string): string =>
  name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? entity);

/**
 * What a reader (or a screen reader) gets from a built page: text between tags and the text of
 * aria-label, title and alt attributes; not the configuration dump, code, styles or scripts.
 */
export function visibleText(html: string): string {
  const body = html
    .replace(/<(pre|code|style|script)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<head>[\s\S]*?<title>([\s\S]*?)<\/title>[\s\S]*?<\/head>/, ' $1 ');
  const attributes = [...body.matchAll(/\s(?:aria-label|title|alt)="([^"]*)"/g)].map((match) => match[1]);
  // Attribute values may hold ">" (a chart's text alternative: "> 1 day").
  const text = body.replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, ' ');
  return [text, ...attributes]
    .join(' \n ')
    .replace(/&(#\d+|\w+);/g, decode)
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');
}

/** The fragments found in `text` as whole words. */
export function fragmentsIn(text: string, fragments: readonly string[]): string[] {
  return fragments.filter((fragment) => {
    const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'u').test(text);
  });
}
