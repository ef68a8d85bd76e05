import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * The box every table scrolls sideways in, so that a phone's page never does: it takes keyboard
 * focus so that people without a pointer can scroll it, and it is a region named by the table's
 * caption (or, without one, by the heading above the table). Inline style: the box is added after
 * Astro has written the pages' stylesheets, and the pages' policy allows style attributes.
 */
const BOX_STYLE = 'max-width:100%;overflow-x:auto';

interface OpenTag {
  name: string;
  /** Index of its `<`. */
  start: number;
  /** Index just past the tag name, where an attribute can be inserted. */
  nameEnd: number;
  attributes: Map<string, string>;
}

/**
 * The page's HTML with each table wrapped in a scroll box (see BOX_STYLE), unless its parent
 * already is a region (a component that made its own box). Read with htmlparser2's tokenizer: only
 * the wrappers and the ids that name them are inserted, every other byte stays as it was.
 */
export function wrapTablesIn(html: string): string {
  const inserts: { at: number; text: string }[] = [];
  const ids = new Set<string>();
  let tag: OpenTag | null = null;
  let previous: OpenTag | null = null;
  let lastHeading: OpenTag | null = null;
  let attribute = '';
  let value = '';
  /** The table being wrapped, until its caption (the next tag) is known and it closes. */
  let table: { tag: OpenTag; awaitingCaption: boolean; wrap: boolean } | null = null;
  let counter = 0;

  const idOf = (target: OpenTag): string => {
    const existing = target.attributes.get('id');
    if (existing !== undefined) return existing;
    let id: string;
    do {
      counter += 1;
      id = `table-name-${counter}`;
    } while (ids.has(id));
    ids.add(id);
    target.attributes.set('id', id);
    inserts.push({ at: target.nameEnd, text: ` id="${id}"` });
    return id;
  };
  const openBox = (at: number, naming: string) =>
    inserts.push({ at, text: `<div role="region" tabindex="0" ${naming} style="${BOX_STYLE}">` });
  const nameFromTable = (target: OpenTag): string | null => {
    const labelledBy = target.attributes.get('aria-labelledby');
    if (labelledBy !== undefined) return `aria-labelledby="${labelledBy}"`;
    const label = target.attributes.get('aria-label');
    if (label !== undefined) return `aria-label="${label}"`;
    return null;
  };

  const onTagEnd = () => {
    if (tag === null) return;
    const opened = tag;
    const id = opened.attributes.get('id');
    if (id !== undefined) ids.add(id);
    if (table?.awaitingCaption) {
      table.awaitingCaption = false;
      if (table.wrap) {
        const naming =
          opened.name === 'caption'
            ? `aria-labelledby="${idOf(opened)}"`
            : (nameFromTable(table.tag) ??
              (lastHeading === null ? 'aria-label="table"' : `aria-labelledby="${idOf(lastHeading)}"`));
        openBox(table.tag.start, naming);
      }
    }
    if (opened.name === 'table') {
      const inRegion = previous?.attributes.get('role') === 'region';
      table = { tag: opened, awaitingCaption: true, wrap: !inRegion };
    }
    if (/^h[1-6]$/.test(opened.name)) lastHeading = opened;
    previous = opened;
    tag = null;
  };

  const ignore = () => {};
  const callbacks: TokenizerCallbacks = {
    onopentagname: (start, end) => {
      tag = { name: html.slice(start, end).toLowerCase(), start: start - 1, nameEnd: end, attributes: new Map() };
    },
    onattribname: (start, end) => {
      attribute = html.slice(start, end).toLowerCase();
      value = '';
    },
    onattribdata: (start, end) => {
      value += html.slice(start, end);
    },
    onattribentity: ignore,
    onattribend: () => {
      tag?.attributes.set(attribute, value);
    },
    onopentagend: onTagEnd,
    onselfclosingtag: onTagEnd,
    onclosetag: (start, end) => {
      if (html.slice(start, end).toLowerCase() !== 'table' || table === null) return;
      if (table.wrap) {
        // A table without any child tag (never written by the pages) is named here.
        if (table.awaitingCaption) openBox(table.tag.start, nameFromTable(table.tag) ?? 'aria-label="table"');
        inserts.push({ at: html.indexOf('>', end) + 1, text: '</div>' });
      }
      table = null;
    },
    oncdata: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onprocessinginstruction: ignore,
    ontext: ignore,
    ontextentity: ignore,
  };
  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  inserts.sort((a, b) => a.at - b.at);
  let out = '';
  let at = 0;
  for (const insert of inserts) {
    out += html.slice(at, insert.at) + insert.text;
    at = insert.at;
  }
  return out + html.slice(at);
}
