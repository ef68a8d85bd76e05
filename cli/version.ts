import { readFileSync } from 'node:fs';

/** The version in package.json: what `polku --version` prints and every built site records. */
export const POLKU_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
