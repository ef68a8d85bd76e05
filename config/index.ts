export { defineConfig } from './define.ts';
export { formatDuration, parseDuration } from './duration.ts';
export { ConfigError, type ConfigIssue } from './errors.ts';
export { loadConfig, parseConfig } from './load.ts';
export { missingNotes, notesPath, readCampaignNotes } from './notes.ts';
export type {
  CampaignConfig,
  JourneyConfig,
  PolkuConfig,
  PolkuConfigInput,
  RevenueConfig,
  SiteConfig,
  StepConfig,
} from './schema.ts';
export { channelOfMedium, isKnownMedium, KNOWN_MEDIUMS, type MediumChannel, normaliseMedium } from './utm-mediums.ts';
