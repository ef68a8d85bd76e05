/**
 * Where the writer moves sealed spool segments: the DuckDB `Store` (the default, one process, one
 * file) or a ClickHouse cluster (store/clickhouse/sink.ts, for any number of stateless collectors).
 * The Ingest deletes a segment only after `loadSpooled` resolved, so a sink must resolve only once
 * the lines are durable where they went, and must take a segment a second time without counting its
 * events twice (the writer re-sends after a crash or a failure half-way).
 */
export interface SegmentSink {
  /**
   * Stores the lines of sealed event and replay segments. `eventLines`: how many lines the event
   * files hold. `unreadable` > 0 says some lines could not be read: the rest is stored and the
   * caller keeps the files for an operator.
   */
  loadSpooled(
    eventFiles: readonly string[],
    eventLines: number,
    replayFiles: readonly string[],
  ): Promise<{ events: number; replays: number; unreadable: number }>;
  /** Makes what was stored cheap to open again (DuckDB writes its WAL into the file). */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}
