export { StoreError } from './errors.ts';
export type { StoredEvent } from './event.ts';
export { type ExportFormat, exportEvents } from './export.ts';
export {
  Ingest,
  type IngestLog,
  type IngestOptions,
  type IngestStatus,
  NotStoredError,
  SpoolFullError,
} from './ingest.ts';
export { type PurgeRequest, type PurgeResult, purge } from './purge.ts';
export type { RejectedPayload } from './rejected.ts';
export { storedReplayUse } from './replay-use.ts';
export { type ColumnType, decodeRows, type RowOf, type RowShape, RowShapeError } from './rows.ts';
export { SaltJournal } from './salt-journal.ts';
export { type Salts, utcDay } from './salts.ts';
export type { SegmentSink } from './segment-sink.ts';
export { writeSnapshot } from './snapshot.ts';
export type { ReplayChunk } from './spool-lines.ts';
export { Store, type StoreOptions } from './store.ts';
export type { PlainRow, PlainValue } from './values.ts';
