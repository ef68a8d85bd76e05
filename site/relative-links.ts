import { posix } from 'node:path';
import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** Attributes that hold a URL of the site itself: links, scripts, and the player's data-* sources. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'data-replay', 'data-frame']);

/**
 * Links relative to the page make a built site work from anywhere: any path on a host, a copy in
 * another folder, a zip, `file://`. Astro writes links as root-absolute (`BASE/journeys/x/`); each
 * one under `base` becomes `../journeys/x/index.html`. A link to a folder names its `index.html`,
 * because a browser opening files from disk shows a folder as a listing instead of its index page
 * (static hosts serve `…/index.html` all the same).
 *
 * The page's HTML with each URL attribute that starts with `base` made relative to `page` (its path
 * inside the site, e.g. `journeys/checkout/index.html`). The HTML is read with a real tokenizer
 * (htmlparser2's), so text, scripts and comments that merely look like links are never touched, and
 * only the attribute values change: every other byte stays as Astro wrote it.
 */
export function relativeLinksIn(html: string, page: string, base: string): string {
  const edits: { start: number; end: number; value: string }[] = [];
  let attribute = '';
  let valueStart = -1;
  const ignore = () => {};
  const callbacks: TokenizerCallbacks = {
    onattribname: (start, end) => {
      attribute = html.slice(start, end).toLowerCase();
      valueStart = -1;
    },
    onattribdata: (start) => {
      if (valueStart === -1) valueStart = start;
    },
    onattribend: (quote, afterValue) => {
      // A quoted value's end index is just past its closing quote.
      const end = quote === QuoteType.Unquoted ? afterValue : afterValue - 1;
      if (valueStart !== -1 && URL_ATTRIBUTES.has(attribute)) {
        const value = html.slice(valueStart, end);
        const relative = relativeUrl(value, page, base);
        if (relative !== null) edits.push({ start: valueStart, end, value: relative });
      }
      valueStart = -1;
    },
    onattribentity: ignore,
    oncdata: ignore,
    onclosetag: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onopentagend: ignore,
    onopentagname: ignore,
    onselfclosingtag: ignore,
    onprocessinginstruction: ignore,
    ontext: ignore,
    ontextentity: ignore,
  };
  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  let out = '';
  let at = 0;
  for (const { start, end, value } of edits) {
    out += html.slice(at, start) + value;
    at = end;
  }
  return out + html.slice(at);
}

/**
 * `url` relative to `page` when it points into the site (starts with `base`, which begins and ends
 * with `/`), else null (an outside address, `data:`, a fragment, or a path outside the base).
 */
export function relativeUrl(url: string, page: string, base: string): string | null {
  if (isRelativePath(url)) return folderIndex(url);
  if (!url.startsWith(base) || url.startsWith('//')) return null;
  const rest = url.slice(base.length);
  const split = rest.search(/[?#]/);
  const path = split === -1 ? rest : rest.slice(0, split);
  const suffix = split === -1 ? '' : rest.slice(split);
  const target = path === '' || path.endsWith('/') ? `${path}index.html` : path;
  const relative = posix.relative(posix.dirname(`/${page}`), `/${target}`);
  return relative + suffix;
}

/** A path relative to the page (`../journeys/x/`, as a campaign owner may write in notes). */
function isRelativePath(url: string): boolean {
  return url !== '' && !/^([a-z][a-z0-9+.-]*:|[/#?])/i.test(url);
}

/**
 * A relative link to a folder names its `index.html`, for the same reason as above; other relative
 * links are already right (null: unchanged).
 */
function folderIndex(url: string): string | null {
  const split = url.search(/[?#]/);
  const path = split === -1 ? url : url.slice(0, split);
  const suffix = split === -1 ? '' : url.slice(split);
  if (path.endsWith('/')) return `${path}index.html${suffix}`;
  if (path === '.' || path === '..' || path.endsWith('/.') || path.endsWith('/..'))
    return `${path}/index.html${suffix}`;
  return null;
}
