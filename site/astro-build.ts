/**
 * Runs one Astro build in its own process: `node site/astro-build.ts DATA.json OUT_DIR BASE`.
 * Astro keeps build state in the process and writes scratch files relative to the working
 * directory, so each build gets a process of its own; the collector's event loop stays free too.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import type { SiteData } from './src/site-data.ts';

const SITE_ROOT = fileURLToPath(new URL('.', import.meta.url));
const REPORT_MODULE = 'virtual:polku/report';

const [dataFile, outDir, base] = process.argv.slice(2);
if (!dataFile || !outDir || !base) {
  console.error('usage: node site/astro-build.ts DATA.json OUT_DIR BASE');
  process.exit(2);
}
const data = JSON.parse(await readFile(dataFile, 'utf8')) as SiteData;
const scratch = await mkdtemp(join(tmpdir(), 'polku-astro-'));
try {
  await build({
    root: SITE_ROOT,
    configFile: false,
    outDir,
    base,
    cacheDir: join(scratch, 'astro'),
    logLevel: 'warn',
    trailingSlash: 'ignore',
    build: { format: 'directory' },
    vite: {
      cacheDir: join(scratch, 'vite'),
      plugins: [
        {
          name: 'polku-report-data',
          resolveId: (id: string) => (id === REPORT_MODULE ? `\0${REPORT_MODULE}` : undefined),
          load: (id: string) => (id === `\0${REPORT_MODULE}` ? `export default ${JSON.stringify(data)};` : undefined),
        },
      ],
    },
  });
} finally {
  await rm(scratch, { recursive: true, force: true });
}
