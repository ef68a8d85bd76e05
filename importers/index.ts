export { type ImportFormat, importFormatOf, placeOf } from './format.ts';
export {
  type ConfiguredSites,
  type ImportOptions,
  type ImportResult,
  type ImportSink,
  importFile,
  importFileInto,
} from './import-file.ts';
export { type ClickHouseImport, openClickHouseImport } from './import-to-clickhouse.ts';
export { type ImportSource, SOURCE_NAMES, SOURCES, type SourceName } from './sources/index.ts';
export type { IgnoredColumn, RowProblem } from './stage.ts';
