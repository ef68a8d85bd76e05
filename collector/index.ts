export { type CollectorOptions, createCollectorApp } from './app.ts';
export { listen, type RunningServer } from './server.ts';
export { buildTrackerBundle, type TrackerBundle } from './tracker-bundle.ts';
