export { StoreError } from './errors.ts';
export type { StoredEvent } from './event.ts';
export { Ingest, type IngestLog, type IngestOptions, type IngestStatus, SpoolFullError } from './ingest.ts';
export type { RejectedPayload } from './rejected.ts';
export { type Salts, utcDay } from './salts.ts';
export type { ReplayChunk } from './spool-lines.ts';
export { Store, type StoreOptions } from './store.ts';
export type { PlainRow, PlainValue } from './values.ts';
