import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, toConfigIssues } from './errors.ts';
import { missingNotes } from './notes.ts';
import { configSchema, type PolkuConfig } from './schema.ts';

/** Validates a config object; throws ConfigError naming every wrong key. */
export function parseConfig(raw: unknown, file = '(inline config)'): PolkuConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(file, toConfigIssues(result.error, configSchema, raw));
  return result.data;
}

/** Reads `polku.config.ts` (default export) or `polku.config.json` and validates it. */
export async function loadConfig(file: string): Promise<PolkuConfig> {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new ConfigError(file, [
      {
        path: '',
        message: 'file not found; create polku.config.ts (see README "Configuration") or pass --config FILE',
      },
    ]);
  }
  const config = parseConfig(await readRaw(path, file), file);
  // Checked here, not at build time, so every command (check, build, report) says it first.
  const missing = missingNotes(config, path);
  if (missing.length > 0) throw new ConfigError(file, missing);
  return config;
}

async function readRaw(path: string, file: string): Promise<unknown> {
  const extension = extname(path);
  if (extension === '.json') {
    try {
      return JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(file, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
    }
  }
  if (!['.ts', '.mts', '.js', '.mjs'].includes(extension)) {
    throw new ConfigError(file, [{ path: '', message: `unsupported file type "${extension}"; use .ts, .js or .json` }]);
  }
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `could not be loaded: ${(error as Error).message}` }]);
  }
  if (module.default === undefined) {
    throw new ConfigError(file, [
      { path: '', message: 'has no default export; write `export default defineConfig({ ... })`' },
    ]);
  }
  return module.default;
}
