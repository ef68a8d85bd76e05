import MarkdownIt from 'markdown-it';

/**
 * Renders a campaign owner's notes (Markdown from a file beside the config) into HTML that can
 * only be text, lists, tables, code and links:
 * - `html: false`: raw HTML in the notes (`<script>`, `<img onerror=…>`, `<iframe>`) is shown as
 *   text, escaped, never passed through;
 * - links only to http(s), mailto or relative addresses; any other scheme (`javascript:`, `data:`,
 *   `vbscript:`, `file:`) is not made a link and stays as the Markdown text it was written as;
 * - images become links to the image (with its alt text), never `<img>`: a report page loads
 *   nothing from outside (site/src/content-security.ts), and the notes' folder is not copied;
 * - headings move down two levels (# → h3), under the page's h1 and the section's h2.
 * The result has no script, no event handler attribute and nothing that loads on its own, so it
 * passes the report pages' Content-Security-Policy as it is.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** http(s) and mailto, or an address with no scheme at all (no ":" before the first "/", "?" or "#"). */
export function isAllowedLink(url: string): boolean {
  if (/^(https?:\/\/|mailto:)/i.test(url)) return true;
  const beforePath = url.split(/[/?#]/, 1)[0] ?? '';
  return !beforePath.includes(':');
}

markdown.validateLink = isAllowedLink;

markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (token === undefined) return '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  // markdown-it validated and normalised `src` with validateLink already.
  const src = String(token.attrGet('src') ?? '');
  const text = markdown.utils.escapeHtml(alt === '' ? src : alt);
  return src === '' ? text : `<a href="${markdown.utils.escapeHtml(src)}">${text}</a>`;
};

const shiftHeading = (tag: string): string => `h${Math.min(6, Number(tag.slice(1)) + 2)}`;
for (const rule of ['heading_open', 'heading_close'] as const) {
  markdown.renderer.rules[rule] = (tokens, index, options, _env, self) => {
    const token = tokens[index];
    if (token !== undefined) token.tag = shiftHeading(token.tag);
    return self.renderToken(tokens, index, options);
  };
}

export function renderNotes(text: string): string {
  return markdown.render(text);
}
