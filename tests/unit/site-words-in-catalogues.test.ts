import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { convertToTsx } from '@astrojs/astro2tsx';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { everyCatalogue } from '../../site/src/i18n/catalogue.ts';
import { isLanguageSpecific, leaves } from '../support/site-words.ts';

const SITE = new URL('../../site/src/', import.meta.url).pathname;
// Every catalogue of the site, loaded here: each entry's locales are compared below.
import.meta.glob('../../site/src/i18n/*.ts', { eager: true });

/** Attributes a reader or a screen reader gets as text. */
const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'alt', 'placeholder']);
/** Prose: two words of letters in a row, or one capitalised word ("Visitors"); not markup. */
const PROSE = /^(?!<)[\s\S]*(\p{L}{2,}[ \u00a0]+\p{L}{2,}|^\p{Lu}\p{Ll}+$)/u;

function filesUnder(dir: string, ending: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(ending))
    .map((file) => join(dir, file));
}

/**
 * Words written into a page, component or site module instead of coming from a catalogue: text
 * between tags and in text attributes, and string literals that read as prose.
 */
function bareWords(file: string, source = readFileSync(file, 'utf8')): string[] {
  const code = file.endsWith('.astro') ? convertToTsx(source, { filename: file }).code : source;
  const tree = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    else if (ts.isJsxAttribute(node)) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value) && TEXT_ATTRIBUTES.has(node.name.getText()) && /\p{L}/u.test(value.text))
        found.push(`${node.name.getText()}="${value.text}"`);
      // Other attributes (class, data-*, sandbox) are not read; their expressions are.
      if (value && !ts.isStringLiteral(value)) ts.forEachChild(value, visit);
      return;
    } else if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (PROSE.test(node.text)) found.push(node.text);
    } else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (PROSE.test(node.text)) found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

describe('words on the report site come from catalogues', () => {
  it('no page, component, chart or sentence module holds a word of its own', () => {
    const files = [
      ...filesUnder(join(SITE, 'pages'), '.astro'),
      ...filesUnder(join(SITE, 'components'), '.astro'),
      ...filesUnder(join(SITE, 'layouts'), '.astro'),
      ...filesUnder(join(SITE, 'charts'), '.ts'),
      ...['format.ts', 'headline.ts', 'utm-warnings.ts'].map((file) => join(SITE, file)),
    ];
    expect(files.length).toBeGreaterThan(15);
    const bare = Object.fromEntries(
      files
        .map((file): [string, string[]] => [relative(SITE, file), bareWords(file)])
        .filter(([, words]) => words.length > 0),
    );
    expect(bare).toEqual({});
  });

  it('finds words written into a template, so the check above can fail', () => {
    const file = join(SITE, 'components', 'CsvLink.astro');
    const source = readFileSync(file, 'utf8').replace('{commonText.downloadCsv}', 'Download CSV');
    expect(source).toContain('>Download CSV<');
    expect(bareWords(file, source)).toEqual(['Download CSV']);
    // A text attribute, a literal in the frontmatter and one in an expression. (A single lower-case
    // word in code, such as `step ${n}`, is not caught: code is full of such option values.)
    const session = join(SITE, 'pages', 'sessions', '[id].astro');
    const changed = readFileSync(session, 'utf8')
      .replace('title={text.replayTitle}', 'title="Session replay"')
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the template literal is the source being scanned.
      .replace('text.stepFallback(step)', '`step number ${step}`')
      .replace("{text.noReplay(journey?.unit ?? 'session')}", "{'No replay was recorded.'}");
    expect(bareWords(session, changed)).toEqual(['step number ', 'title="Session replay"', 'No replay was recorded.']);
  });

  it('every Finnish entry is written in Finnish: none is the English one unless all its words are shared', () => {
    expect(everyCatalogue.length).toBeGreaterThan(10);
    const untranslated: string[] = [];
    for (const { en, fi } of everyCatalogue) {
      const finnish = new Map(leaves(fi));
      for (const [path, english] of leaves(en)) {
        // Entries take names, numbers or lists of names: try text first, then lists.
        const sample = (entry: unknown) => {
          if (typeof entry !== 'function') return entry;
          try {
            return String(entry('§', '§', '§', '§', '§', '§'));
          } catch {
            return String(entry(['§'], ['§'], ['§'], ['§'], ['§'], ['§']));
          }
        };
        const sampled = sample(english);
        // An entry that picks its words by a key (a metric, a status) has nothing to say for "§".
        const text = sampled === 'undefined' ? undefined : sampled;
        if (
          typeof text === 'string' &&
          isLanguageSpecific(text.replaceAll('§', '')) &&
          text === sample(finnish.get(path))
        )
          untranslated.push(`${path}: ${text}`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});
