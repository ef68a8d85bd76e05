export { defineConfig } from './define.ts';
export { formatDuration, parseDuration } from './duration.ts';
export { ConfigError, type ConfigIssue } from './errors.ts';
export { loadConfig, parseConfig } from './load.ts';
export type { JourneyConfig, PolkuConfig, PolkuConfigInput, SiteConfig, StepConfig } from './schema.ts';
export { channelOfMedium, isKnownMedium, KNOWN_MEDIUMS, type MediumChannel, normaliseMedium } from './utm-mediums.ts';
