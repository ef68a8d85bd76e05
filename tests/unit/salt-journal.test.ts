import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SaltJournal } from '../../store/index.ts';
import { tempDir } from '../support/temp.ts';

const salt = (byte: number) => Buffer.alloc(32, byte);

describe('salt journal', () => {
  it('reads back every recorded day, and nothing from an empty spool', () => {
    const spool = tempDir();
    expect(new SaltJournal(spool).read()).toEqual(new Map());
    const journal = new SaltJournal(spool);
    journal.record(20514, salt(1));
    journal.record(20515, salt(2));
    journal.record(20515, salt(3)); // a day recorded again keeps the newest
    expect(new SaltJournal(spool).read()).toEqual(
      new Map([
        [20514, salt(1)],
        [20515, salt(3)],
      ]),
    );
    expect(readdirSync(join(spool, 'salts')).sort()).toEqual(['20514.salt', '20515.salt']);
  });

  it('ignores a torn temporary file and a file of the wrong size', () => {
    const spool = tempDir();
    mkdirSync(join(spool, 'salts'));
    writeFileSync(join(spool, 'salts', '20514.salt.tmp'), salt(1));
    writeFileSync(join(spool, 'salts', '20515.salt'), Buffer.alloc(7));
    writeFileSync(join(spool, 'salts', '20516.salt'), salt(4));
    expect(new SaltJournal(spool).read()).toEqual(new Map([[20516, salt(4)]]));
  });

  it('forgets the days before the one given, temporary files included', () => {
    const spool = tempDir();
    const journal = new SaltJournal(spool);
    for (const day of [20512, 20513, 20514]) journal.record(day, salt(day % 256));
    writeFileSync(join(spool, 'salts', '20511.salt.tmp'), salt(9));
    journal.forgetBefore(20513);
    expect([...journal.read().keys()].sort()).toEqual([20513, 20514]);
    expect(existsSync(join(spool, 'salts', '20511.salt.tmp'))).toBe(false);
  });
});
