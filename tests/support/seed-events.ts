import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store, StoredEvent } from '../../store/index.ts';
import { eventLine } from '../../store/spool-lines.ts';

/**
 * Stores events the way the collector does: as spool lines in a segment file, moved into the
 * database by the store's one load path (read_json). Returns how many were new; ids already
 * stored, or repeated in the batch, are skipped.
 */
export async function appendEvents(store: Store, events: readonly StoredEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const dir = mkdtempSync(join(tmpdir(), 'polku-seed-'));
  const segment = join(dir, 'events.ndjson');
  try {
    writeFileSync(segment, events.map(eventLine).join(''));
    return (await store.loadSpooled([segment], events.length, [])).events;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
