export { defineConfig } from './define.ts';
export { ConfigError, type ConfigIssue } from './errors.ts';
export { loadConfig, parseConfig } from './load.ts';
export { parseDuration } from './duration.ts';
export type { JourneyConfig, PolkuConfig, PolkuConfigInput, SiteConfig, StepConfig } from './schema.ts';
