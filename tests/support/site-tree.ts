import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RRWEB_REPLAY = new URL('../../node_modules/@rrweb/replay/dist/', import.meta.url).pathname;
/**
 * Inlined byte for byte from @rrweb/replay into the player frame (the script without its source
 * map comment): checked by presence, not committed a second time.
 */
const VENDORED = [
  [
    'replay.umd.min.cjs',
    readFileSync(join(RRWEB_REPLAY, 'replay.umd.min.cjs'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
  ],
  ['style.min.css', readFileSync(join(RRWEB_REPLAY, 'style.min.css'), 'utf8')],
] as const;

function withoutVendored(content: string): string {
  return VENDORED.reduce((text, [name, vendored]) => text.replace(vendored, `(vendored ${name})`), content);
}

/** Every file of a built site, path → content, with content hashes in asset names normalised. */
export function readTree(root: string): Map<string, string> {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => !isDirectory(join(root, file)))
    .sort();
  return new Map(
    files.map((file) => [
      file,
      file === 'player/frame.html'
        ? withoutVendored(readFileSync(join(root, file), 'utf8'))
        : readFileSync(join(root, file), 'utf8').replace(/\.[A-Za-z0-9_-]{8}\.(css|js)\b/g, '.[hash].$1'),
    ]),
  );
}

function isDirectory(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}
