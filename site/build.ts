import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportData } from '../reports/index.ts';

const BUILD_SCRIPT = fileURLToPath(new URL('./astro-build.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildSiteOptions {
  data: ReportData;
  outDir: string;
  /** Path the site is served under, e.g. "/reports/". */
  base?: string;
}

/**
 * Builds the static report site from report data with Astro's programmatic API, in a child
 * process (see astro-build.ts). The pages receive the data as a virtual module and run no SQL.
 * Rejects with Astro's own error output when the build fails.
 */
export async function buildSite({ data, outDir, base = '/' }: BuildSiteOptions): Promise<void> {
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
    await replaceFolder(built, resolve(outDir));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
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
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
