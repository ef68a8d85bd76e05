import type { PolkuConfigInput } from './schema.ts';

/** Identity helper that gives `polku.config.ts` autocompletion and type checking. */
export function defineConfig(config: PolkuConfigInput): PolkuConfigInput {
  return config;
}
