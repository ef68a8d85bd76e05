// The glob rules live in config/ so that the collector (the feedback prompt's targeting) matches step
// pages exactly as the reports do, within the import directions (docs/ARCHITECTURE.md).
export { globToRegex } from '../config/glob.ts';
