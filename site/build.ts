import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finishPages } from './finish-pages.ts';
import { PLAYER_FILES, playerFrameHtml, readPlayerFrameParts } from './player-frame.ts';
import type { SiteData } from './src/site-data.ts';

const BUILD_SCRIPT = fileURLToPath(new URL('./astro-build.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildSiteOptions {
  data: SiteData;
  /** rrweb events per session page id: each becomes replays/<id>.json, loaded by the player. */
  replays?: ReadonlyMap<string, unknown[]>;
  outDir: string;
  /**
   * Path the site is served under, e.g. "/reports/". Links in the built pages are relative
   * (site/finish-pages.ts), so the same folder also works under any other path and from disk.
   */
  base?: string;
  /**
   * When this site is one period of a larger folder (`polku build --periods`): that folder's base
   * and this site's path inside it, e.g. `{ base: '/', path: 'periods/last-7-days/' }`. Links to the
   * other periods then become relative too.
   */
  within?: { base: string; path: string };
}

/**
 * Builds the static report site from report data with Astro's programmatic API, in a child
 * process (see astro-build.ts). The pages read the data from a JSON file at render time and run no SQL.
 * Rejects with Astro's own error output when the build fails.
 */
export async function buildSite({
  data,
  replays = new Map(),
  outDir,
  base = '/',
  within = { base, path: '' },
}: BuildSiteOptions): Promise<void> {
  // Astro bundles the pages into modules that import its runtime, and runs them from beside the
  // output: so the build goes into a private staging folder inside the project (where those imports
  // resolve, and where concurrent builds can't meet), then replaces the output folder in one step.
  await mkdir(join(PROJECT_ROOT, '.tmp'), { recursive: true });
  const staging = await mkdtemp(join(PROJECT_ROOT, '.tmp', 'build-'));
  const dataFile = join(staging, 'report.json');
  const built = join(staging, 'site');
  try {
    await writeFile(dataFile, JSON.stringify(data));
    await runNode([BUILD_SCRIPT, dataFile, built, base], PROJECT_ROOT);
    await writePlayerFiles(built, replays);
    await finishPages(built, within.base, within.path);
    await replaceFolder(built, resolve(outDir));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Replay events go into files of their own (never inline in a page), next to the player: the
 * session page's script (site/public/player/session.js) and the player frame, one self-contained
 * document (see player-frame.ts) of rrweb's replayer (from its package, minified, without its
 * source map comment), its CSS and our frame script, inlined under a strict policy. A site without
 * replays gets no player at all.
 */
async function writePlayerFiles(built: string, replays: ReadonlyMap<string, unknown[]>): Promise<void> {
  if (replays.size === 0) return;
  const player = join(built, 'player');
  await mkdir(player, { recursive: true });
  await cp(join(PLAYER_FILES, 'session.js'), join(player, 'session.js'));
  await mkdir(join(built, 'replays'), { recursive: true });
  for (const [id, events] of [...replays].sort(([a], [b]) => a.localeCompare(b))) {
    await writeFile(join(built, 'replays', `${id}.json`), JSON.stringify(events));
  }
  const html = playerFrameHtml(await readPlayerFrameParts());
  await writeFile(join(player, 'frame.html'), html);
}

async function replaceFolder(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rm(to, { recursive: true, force: true });
  try {
    await rename(from, to);
  } catch (error) {
    // A rename can't cross file systems; copy instead.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
  }
}

function runNode(args: string[], cwd: string): Promise<void> {
  return new Promise((resolveRun, reject) => {
    // Vite reads BASE_URL, MODE, DEV, PROD and SSR from the environment over its own settings, and
    // test runners (vitest) set them: the build must depend on its arguments only.
    const { BASE_URL, MODE, DEV, PROD, SSR, ...env } = process.env;
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolveRun();
      else reject(new Error(`report site build failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
