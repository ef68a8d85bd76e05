import { describe, expect, it } from 'vitest';
import { type EventBounds, planFromBounds } from '../../reports/funnel/order-key.ts';

/** The 10 M benchmark events: two months of whole seconds, seq 0..9 999 999. */
const bench: EventBounds = {
  firstUs: 1_767_225_618_000_000n,
  lastUs: 1_772_410_173_000_000n,
  firstSeq: 0n,
  lastSeq: 9_999_999n,
  seconds: true,
  millis: true,
};

describe('order key plan', () => {
  it('packs whole seconds into 47 bits: 23 for 5 184 555 s, 24 for the seq', () => {
    expect(planFromBounds(bench)).toEqual({
      kind: 'bigint',
      firstUs: 1_767_225_618_000_000n,
      tickUs: 1_000_000n,
      firstSeq: 0n,
      seqBits: 24,
    });
  });

  it('counts milliseconds when some time is not a whole second', () => {
    expect(planFromBounds({ ...bench, seconds: false })).toMatchObject({ kind: 'bigint', tickUs: 1_000n, seqBits: 24 });
  });

  it('falls back to HUGEINT keys when microseconds and seq need more than 62 bits (43 + 24 here)', () => {
    expect(planFromBounds({ ...bench, seconds: false, millis: false })).toEqual({ kind: 'hugeint' });
  });

  it('takes BIGINT keys up to exactly 62 bits, HUGEINT from 63', () => {
    const at = (lastUs: bigint) =>
      planFromBounds({
        firstUs: 0n,
        lastUs,
        firstSeq: 100n,
        lastSeq: 100n + 2n ** 20n - 1n,
        seconds: false,
        millis: false,
      });
    expect(at(2n ** 42n - 1n)).toMatchObject({ kind: 'bigint', tickUs: 1n, seqBits: 20 });
    expect(at(2n ** 42n)).toEqual({ kind: 'hugeint' });
  });

  it('has no bounds to pack without events', () => {
    expect(planFromBounds({ ...bench, firstUs: null, lastUs: null })).toEqual({ kind: 'hugeint' });
  });
});
