import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface TrackerBundle {
  code: string;
  /** Strong validator for caching: the hash of the code. */
  etag: string;
  gzipBytes: number;
  brotliBytes: number;
}

const SOURCES = {
  core: fileURLToPath(new URL('../tracker/polku.ts', import.meta.url)),
  replay: fileURLToPath(new URL('../tracker/replay.ts', import.meta.url)),
  links: fileURLToPath(new URL('../tracker/links.ts', import.meta.url)),
  feedback: fileURLToPath(new URL('../tracker/feedback.ts', import.meta.url)),
} as const;

/** Scripts the core loads on demand, by the path the collector serves them at. */
export type LazyScripts = { '/polku-links.js': TrackerBundle; '/polku-feedback.js': TrackerBundle };

/**
 * Bundles the browser tracker with esbuild into a minified IIFE. The collector does this once at
 * start-up (a few milliseconds), so the script it serves always matches the source it runs with.
 */
export async function buildTrackerBundle(name: keyof typeof SOURCES = 'core'): Promise<TrackerBundle> {
  const result = await build({
    entryPoints: [SOURCES[name]],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    // The tracker's code needs no "use strict" prologue; leaving it out saves bytes on every page load.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  });
  const code = result.outputFiles[0]?.text ?? '';
  return {
    code,
    etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 16)}"`,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    brotliBytes: brotliCompressSync(code).length,
  };
}

/** The browser scripts, as `createCollector` takes them: the core tracker, the replay recorder and the lazy rest. */
export async function buildTrackerScripts(): Promise<{
  tracker: TrackerBundle;
  replayRecorder: TrackerBundle;
  lazyScripts: LazyScripts;
}> {
  const [tracker, replayRecorder, links, feedback] = await Promise.all([
    buildTrackerBundle('core'),
    buildTrackerBundle('replay'),
    buildTrackerBundle('links'),
    buildTrackerBundle('feedback'),
  ]);
  return { tracker, replayRecorder, lazyScripts: { '/polku-links.js': links, '/polku-feedback.js': feedback } };
}
