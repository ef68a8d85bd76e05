// Arrival numbers of ClickHouse collectors (store/clickhouse/arrival-seq.ts): monotone per collector,
// ordered by arrival across collectors, unique while collector ids differ.
import { describe, expect, it } from 'vitest';
import { ArrivalSeq, SEQ_EPOCH_MS, splitSeq } from '../../store/clickhouse/arrival-seq.ts';

const T = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('arrival numbers', () => {
  it('is time · 2^22 + collector id · 2^12 + counter', () => {
    const seq = new ArrivalSeq(5, () => T);
    const first = seq.next();
    expect(first).toBe((BigInt(T - SEQ_EPOCH_MS) << 22n) + (5n << 12n));
    expect(seq.next()).toBe(first + 1n);
    expect(splitSeq(seq.next())).toEqual({ ms: T, collectorId: 5, counter: 2 });
  });

  it('never goes back, not even when the clock does', () => {
    let now = T;
    const seq = new ArrivalSeq(1, () => now);
    const a = seq.next();
    now = T - 10_000; // NTP stepped the clock back
    const b = seq.next();
    now = T + 1;
    const c = seq.next();
    expect(a < b && b < c).toBe(true);
    expect(splitSeq(b)).toEqual({ ms: T, collectorId: 1, counter: 1 });
    expect(splitSeq(c)).toEqual({ ms: T + 1, collectorId: 1, counter: 0 });
  });

  it('borrows the next ms after 4096 numbers in one ms', () => {
    const seq = new ArrivalSeq(3, () => T);
    const numbers = Array.from({ length: 4097 }, () => seq.next());
    expect(splitSeq(numbers[4095] as bigint)).toEqual({ ms: T, collectorId: 3, counter: 4095 });
    expect(splitSeq(numbers[4096] as bigint)).toEqual({ ms: T + 1, collectorId: 3, counter: 0 });
    expect(new Set(numbers).size).toBe(4097);
  });

  it('sorts two collectors by arrival time, and within one ms by collector id', () => {
    const a = new ArrivalSeq(900, () => T);
    const b = new ArrivalSeq(2, () => T + 1);
    const c = new ArrivalSeq(2, () => T);
    expect(a.next() < b.next()).toBe(true); // earlier ms first, whatever the ids
    expect(c.next() < new ArrivalSeq(900, () => T).next()).toBe(true);
  });

  it('fits a signed 64-bit integer until 2093, and refuses an id out of range', () => {
    const late = new ArrivalSeq(1023, () => Date.UTC(2093, 0, 1)).next();
    expect(late < 2n ** 63n).toBe(true);
    expect(() => new ArrivalSeq(1024)).toThrow('collector id 1024 is not a whole number from 0 to 1023');
    expect(() => new ArrivalSeq(-1)).toThrow(RangeError);
  });
});
