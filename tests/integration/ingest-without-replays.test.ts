// A writer whose sink stores no replays (a ClickHouse collector) on a spool folder where an earlier
// collector left replay segments: they are set aside into quarantine, not counted against the cap
// for good. Real spool, real DuckDB store as the sink.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ingest, Store } from '../../store/index.ts';
import { tempDir } from '../support/temp.ts';

describe('ingest that takes no replays', () => {
  it('sets aside replay segments an earlier collector left, so the spool is not full for good', async () => {
    const dir = tempDir();
    const spoolDir = join(dir, 'collector.spool');
    const leftover = '{"site":"shop","page_id":"p1","seq":1,"ts":1,"data":"x"}\n';
    mkdirSync(join(spoolDir, 'replay'), { recursive: true });
    writeFileSync(join(spoolDir, 'replay', '000000000001.ndjson'), leftover);
    const warnings: string[] = [];
    const ingest = new Ingest({
      spoolDir,
      open: () => Store.open(join(dir, 'events.duckdb')),
      replays: false,
      capBytes: 16,
      intervalMs: 50,
      log: { info: () => undefined, warn: (message) => warnings.push(message) },
    });
    expect(ingest.status.spoolBytes).toBe(leftover.length);
    ingest.start();
    try {
      const kept = join(spoolDir, 'quarantine', 'replay-000000000001.ndjson');
      await expect.poll(() => existsSync(kept), { timeout: 5_000 }).toBe(true);
      expect(readFileSync(kept, 'utf8')).toBe(leftover);
      expect(ingest.status.spoolBytes).toBe(0);
      expect(warnings).toEqual([
        `1 replay segment(s) an earlier collector left in the spool cannot go to the database, which stores no replays; they are kept in ${kept}`,
      ]);
    } finally {
      await ingest.close();
    }
  });
});
