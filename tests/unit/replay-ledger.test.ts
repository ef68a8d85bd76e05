import { describe, expect, it } from 'vitest';
import { PAGE_REPLAY_LIMITS, ReplayLedger } from '../../collector/replay-ledger.ts';
import { parseConfig } from '../../config/index.ts';

const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'], replay: true, replayQuotaMiB: 1 }],
});
const chunk = (pageId: string, seq: number, storedBytes = 100) => ({
  site: 'shop',
  pageId,
  seq,
  inflatedBytes: storedBytes * 10,
  storedBytes,
});

describe('replay ledger', () => {
  it('remembers a bounded number of page loads, forgetting the one that sent least recently', () => {
    const ledger = new ReplayLedger(config, { ...PAGE_REPLAY_LIMITS, remembered: 2 });
    expect(ledger.admit(chunk('a', 0))).toBeNull();
    expect(ledger.admit(chunk('b', 0))).toBeNull();
    expect(ledger.admit(chunk('a', 1))).toBeNull();
    expect(ledger.admit(chunk('c', 0))).toBeNull();
    // "b" sent least recently and was forgotten; "a" and "c" still refuse a repeat.
    expect(ledger.admit(chunk('b', 0))).toBeNull();
    expect(ledger.admit(chunk('c', 0))?.status).toBe(409);
    expect(ledger.usage()).toEqual([{ site: 'shop', bytes: 500, quotaBytes: 1024 * 1024 }]);
  });

  it('gives back what a chunk took when it is not stored after all', () => {
    const ledger = new ReplayLedger(config, { ...PAGE_REPLAY_LIMITS, chunks: 1 });
    expect(ledger.admit(chunk('a', 0, 1000))).toBeNull();
    expect(ledger.admit(chunk('a', 1))?.status).toBe(413);
    ledger.release(chunk('a', 0, 1000));
    expect(ledger.usage()[0]?.bytes).toBe(0);
    expect(ledger.admit(chunk('a', 0, 1000))).toBeNull();
  });

  it('counts the quota over all page loads of a site, from what the database held', () => {
    const ledger = new ReplayLedger(config);
    ledger.seed({
      sites: [{ site: 'shop', bytes: 1024 * 1024 - 150 }],
      pages: [{ site: 'shop', pageId: 'old', seqs: [0, 1], bytes: 10 }],
    });
    expect(ledger.admit(chunk('old', 1))?.status).toBe(409);
    expect(ledger.admit(chunk('new', 0))).toBeNull();
    expect(ledger.admit(chunk('new', 1))?.reason).toBe('replay-quota');
  });
});
