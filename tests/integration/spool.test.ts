import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Spool } from '../../store/spool.ts';
import { tempDir } from '../support/temp.ts';

describe('spool', () => {
  it('keeps every line of concurrent appends, in segments that a new spool finds again', async () => {
    const dir = join(tempDir(), 'spool');
    const spool = new Spool(dir);
    const lines = Array.from({ length: 500 }, (_, i) => `{"n":${i}}\n`);
    await Promise.all(lines.slice(0, 250).map((line) => spool.append(line)));
    const sealing = spool.seal();
    await Promise.all(lines.slice(250).map((line) => spool.append(line)));
    const first = await sealing;
    await spool.close();
    const reopened = new Spool(dir);
    expect(reopened.paths.length).toBeGreaterThanOrEqual(first.length);
    const text = reopened.paths.map((path) => readFileSync(path, 'utf8')).join('');
    expect(text.split('\n').filter(Boolean).sort()).toEqual(lines.map((line) => line.trim()).sort());
    expect(reopened.depthBytes).toBe(Buffer.byteLength(lines.join('')));
  });

  it('deletes a segment only when told, and counts what waits', async () => {
    const spool = new Spool(join(tempDir(), 'spool'));
    await spool.append('{"a":1}\n');
    expect(spool.depthBytes).toBe(8);
    const [segment] = await spool.seal();
    expect(segment?.bytes).toBe(8);
    if (segment) await spool.remove(segment);
    expect(spool.depthBytes).toBe(0);
    expect(spool.oldestAt).toBeNull();
  });

  it('never overwrites a quarantined segment with a later one of the same number', async () => {
    const dir = join(tempDir(), 'spool');
    const quarantined: string[] = [];
    // Each run empties the spool, so its first segment is number 1 again.
    for (const line of ['{"run":1}\n', '{"run":2}\n']) {
      const spool = new Spool(dir);
      await spool.append(line);
      const [segment] = await spool.seal();
      if (segment) quarantined.push(await spool.quarantine(segment));
      await spool.close();
    }
    const folder = join(dir, '..', 'quarantine');
    expect(quarantined).toEqual([
      join(folder, 'spool-000000000001.ndjson'),
      join(folder, 'spool-000000000001-2.ndjson'),
    ]);
    expect(quarantined.map((path) => readFileSync(path, 'utf8'))).toEqual(['{"run":1}\n', '{"run":2}\n']);
  });

  it('cuts off a last line a crash left half written (it was never acknowledged)', () => {
    const dir = join(tempDir(), 'spool');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '000000000007.ndjson');
    writeFileSync(file, '{"a":1}\n{"b":2}\n{"c":');
    const spool = new Spool(dir);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(spool.depthBytes).toBe(16);
    expect(spool.paths).toEqual([file]);
  });

  it('commits the appends of one turn of the event loop with one fsync', async () => {
    const dir = join(tempDir(), 'spool');
    const spool = new Spool(dir);
    await spool.append('{"first":1}\n');
    const probe = await open(join(dir, 'probe'), 'a');
    const datasync = vi.spyOn(Object.getPrototypeOf(probe) as { datasync(): Promise<void> }, 'datasync');
    await probe.close();
    try {
      // Three appends in one turn (as requests read from several sockets are): one group commit.
      const appends = [spool.append('{"a":1}\n')];
      await Promise.resolve();
      appends.push(spool.append('{"b":2}\n'));
      await new Promise<void>((resolve) => process.nextTick(resolve));
      appends.push(spool.append('{"c":3}\n'));
      await Promise.all(appends);
      expect(datasync).toHaveBeenCalledTimes(1);
    } finally {
      datasync.mockRestore();
    }
    const [segment] = await spool.seal();
    expect(readFileSync(segment?.path ?? '', 'utf8')).toBe('{"first":1}\n{"a":1}\n{"b":2}\n{"c":3}\n');
  });
});
