import { rename, rm } from 'node:fs/promises';
import { quoteLiteral } from './sql.ts';
import type { Store } from './store.ts';

/**
 * Writes a consistent copy of the database to `target` for report builds, while the collector goes
 * on accepting: requests keep landing in the spool, and only the writer waits for the copy. The
 * copy is made under a temporary name and renamed, so a reader never opens half a snapshot.
 */
export async function writeSnapshot(store: Store, target: string): Promise<void> {
  const partial = `${target}.partial`;
  await rm(partial, { force: true });
  await rm(`${partial}.wal`, { force: true });
  await store.exclusive(async (connection) => {
    await connection.run(`attach ${quoteLiteral(partial)} as polku_snapshot`);
    try {
      const reader = await connection.runAndReadAll('select current_database() as name');
      const name = String(reader.getRowObjectsJS()[0]?.name);
      await connection.run(`copy from database "${name.replaceAll('"', '""')}" to polku_snapshot`);
    } finally {
      await connection.run('detach polku_snapshot');
    }
  });
  await rename(partial, target);
}
