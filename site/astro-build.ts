/**
 * Runs one Astro build in its own process: `node site/astro-build.ts DATA.json OUT_DIR BASE`.
 * Astro keeps build state in the process and writes scratch files relative to the working
 * directory, so each build gets a process of its own; the collector's event loop stays free too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { playerScriptHashes, readPlayerFrameParts } from './player-frame.ts';

const SITE_ROOT = fileURLToPath(new URL('.', import.meta.url));
const REPORT_FILE_MODULE = 'virtual:polku/report-file';
const PLAYER_HASHES_MODULE = 'virtual:polku/player-script-hashes';

const [dataFile, outDir, base] = process.argv.slice(2);
if (!dataFile || !outDir || !base) {
  console.error('usage: node site/astro-build.ts DATA.json OUT_DIR BASE');
  process.exit(2);
}
const scratch = await mkdtemp(join(tmpdir(), 'polku-astro-'));
try {
  await build({
    root: SITE_ROOT,
    configFile: false,
    outDir,
    base,
    // Nothing is copied from site/public: the player files ship only with replays (site/build.ts).
    publicDir: join(scratch, 'no-public'),
    cacheDir: join(scratch, 'astro'),
    logLevel: 'warn',
    trailingSlash: 'ignore',
    build: { format: 'directory' },
    vite: {
      cacheDir: join(scratch, 'vite'),
      plugins: [
        {
          // The report data holds strings from anyone who can post events. Pasted into bundled
          // source, the bundler would read some of them as its own tokens (`__VITE_ASSET__…__`)
          // and fail the build; so the bundle holds only the path of the data file, which the
          // pages read as JSON at render time (site/src/data.ts).
          name: 'polku-report-file',
          resolveId: (id: string) => (id === REPORT_FILE_MODULE ? `\0${REPORT_FILE_MODULE}` : undefined),
          load: (id: string) =>
            id === `\0${REPORT_FILE_MODULE}` ? `export default ${JSON.stringify(resolve(dataFile))};` : undefined,
        },
        {
          // The player frame's script hashes (site/player-frame.ts), for the session page's policy:
          // computed from our own files here, the one place that can read them by path.
          name: 'polku-player-script-hashes',
          resolveId: (id: string) => (id === PLAYER_HASHES_MODULE ? `\0${PLAYER_HASHES_MODULE}` : undefined),
          load: async (id: string) =>
            id === `\0${PLAYER_HASHES_MODULE}`
              ? `export default ${JSON.stringify(playerScriptHashes(await readPlayerFrameParts()))};`
              : undefined,
        },
      ],
    },
  });
} finally {
  await rm(scratch, { recursive: true, force: true });
}
