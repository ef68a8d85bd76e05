import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import { relativeLinksIn } from './relative-links.ts';
import { wrapTablesIn } from './scroll-tables.ts';

/**
 * The last pass over the pages Astro wrote: links made relative to each page (relative-links.ts),
 * so the folder works from anywhere, and each table put in a box that scrolls sideways
 * (scroll-tables.ts), so a phone's page never does. Done on the built HTML, for every page alike.
 * `base` and `pathInSite`: the served root of the whole folder and this site's path inside it
 * (non-empty for a period's site under `periods/`).
 */
export async function finishPages(siteDir: string, base: string, pathInSite = ''): Promise<void> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(siteDir, join(entry.parentPath, entry.name)).split(/[\\/]/).join(posix.sep))
    // The player frame is not a report page: its inline scripts are pinned by hash (site/player-frame.ts).
    .filter((page) => !page.startsWith('player/'))
    .sort();
  for (const page of pages) {
    const file = join(siteDir, page);
    const html = await readFile(file, 'utf8');
    // Relative to the whole folder's root, so links between periods' sites resolve too.
    const finished = wrapTablesIn(relativeLinksIn(html, `${pathInSite}${page}`, base));
    if (finished !== html) await writeFile(file, finished);
  }
}
