import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RRWEB_REPLAY = join(PROJECT_ROOT, 'node_modules', '@rrweb', 'replay', 'dist');
/** The player's own scripts (session page, frame); Astro does not copy them (see astro-build.ts). */
export const PLAYER_FILES = join(PROJECT_ROOT, 'site', 'public', 'player');

/**
 * The player frame's policy: the frame may run only its two inline scripts (pinned by hash), use
 * inline styles (rrweb rebuilds the recorded page's CSS as <style> text) and data: images (the
 * mouse cursor), and make no request at all. It applies to rrweb's inner iframe too (an about:blank
 * document inherits its creator's policy), so nothing a recorded page names — images, srcset, CSS
 * @import and url(), links, frames, objects, media, fonts — is ever fetched by a viewer's browser.
 */
function framePolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.map((hash) => `'${hash}'`).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "media-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** Text that would end an inline script or style early (or change how HTML parses it). */
const BREAKS_OUT = /<\/(script|style)|<!--/i;

function inline(kind: 'script' | 'style', text: string, name: string): string {
  if (BREAKS_OUT.test(text))
    throw new Error(`${name} cannot be inlined into the player frame: it contains "${BREAKS_OUT.exec(text)?.[0]}"`);
  return `<${kind}>${text}</${kind}>`;
}

/** rrweb's replayer (minified, without its source map comment), its CSS, and our frame script. */
export async function readPlayerFrameParts(): Promise<PlayerFrameParts> {
  const replayer = await readFile(join(RRWEB_REPLAY, 'replay.umd.min.cjs'), 'utf8');
  return {
    replayerScript: replayer.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
    replayerStyle: await readFile(join(RRWEB_REPLAY, 'style.min.css'), 'utf8'),
    frameScript: await readFile(join(PLAYER_FILES, 'frame.js'), 'utf8'),
  };
}

/**
 * CSP hash sources of the frame's two inline scripts. The session page's policy lists them too: a
 * data: document inherits the policy of the page that loads it, on top of its own.
 */
export function playerScriptHashes({ replayerScript, frameScript }: PlayerFrameParts): string[] {
  return [sha256(replayerScript), sha256(frameScript)];
}

export interface PlayerFrameParts {
  /** rrweb's replayer bundle (UMD, defines globalThis.rrwebReplay). */
  replayerScript: string;
  replayerStyle: string;
  /** Our frame script (site/public/player/frame.js). */
  frameScript: string;
}

/**
 * The player frame as one self-contained HTML document: the session page loads it as a data: URL,
 * which gives it an opaque origin of its own (it cannot reach the report's pages or storage) while
 * rrweb's inner iframe, made by the frame's script, shares that origin as rrweb needs. Everything
 * is inline because a data: document can resolve no relative URL; the policy pins the scripts.
 */
export function playerFrameHtml(parts: PlayerFrameParts): string {
  const { replayerScript, replayerStyle, frameScript } = parts;
  const policy = framePolicy(playerScriptHashes(parts));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<title>Replay</title>',
    inline('style', replayerStyle, 'rrweb-replay.css'),
    '<style>body { margin: 0; overflow: hidden; } .replayer-wrapper { transform-origin: top left; }</style>',
    '</head>',
    '<body>',
    '<div id="stage"></div>',
    inline('script', replayerScript, 'rrweb-replay.js'),
    inline('script', frameScript, 'frame.js'),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
