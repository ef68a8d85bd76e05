/**
 * Arrival order (`seq`) for collectors that ship to a shared ClickHouse cluster. One DuckDB collector
 * numbers events 1, 2, 3… as it loads them; many collectors cannot share a counter without talking to
 * each other, so each makes numbers that sort across all of them:
 *
 *   seq = (ms since 2024-01-01 UTC) · 2^22  +  collector id · 2^12  +  counter within that ms
 *
 * - Monotone per collector: the time part never goes back (a clock stepped back is held at the last
 *   ms used), the counter grows within one ms, and after 4096 events in one ms the next ones borrow
 *   the following ms. Lines are numbered as they enter the spool, so spool order is seq order.
 * - Roughly arrival-ordered across collectors: the leading bits are the time the event was taken, so
 *   events of different collectors sort by when they arrived, up to the skew between the machines'
 *   clocks (NTP keeps it at a few ms); within one ms the collector id decides.
 * - Unique across collectors as long as their ids differ (collector-id.ts: 1024 of them).
 * - 41 bits of ms last until 2093 and the whole fits 63 bits: a signed BIGINT as well as UInt64.
 *
 * Made when the event is spooled and written into its spool line, so a segment shipped twice carries
 * the same numbers both times (the rows are identical, and ReplacingMergeTree keeps one).
 */
export const SEQ_EPOCH_MS = Date.UTC(2024, 0, 1);
export const COLLECTOR_ID_BITS = 10;
export const COUNTER_BITS = 12;
/** How many collector ids there are: 0 … MAX_COLLECTOR_ID. */
export const MAX_COLLECTOR_ID = 2 ** COLLECTOR_ID_BITS - 1;
const COUNTER_LIMIT = 2 ** COUNTER_BITS;

export class ArrivalSeq {
  readonly #idBits: bigint;
  readonly #now: () => number;
  #lastMs = -1;
  #counter = 0;

  constructor(collectorId: number, now: () => number = Date.now) {
    if (!Number.isInteger(collectorId) || collectorId < 0 || collectorId > MAX_COLLECTOR_ID) {
      throw new RangeError(`collector id ${collectorId} is not a whole number from 0 to ${MAX_COLLECTOR_ID}`);
    }
    this.#idBits = BigInt(collectorId) << BigInt(COUNTER_BITS);
    this.#now = now;
  }

  /** The next number, larger than every one this instance made before. */
  next(): bigint {
    const ms = Math.max(this.#now() - SEQ_EPOCH_MS, this.#lastMs);
    if (ms > this.#lastMs) {
      this.#lastMs = ms;
      this.#counter = 0;
    } else if (++this.#counter === COUNTER_LIMIT) {
      this.#lastMs = ms + 1;
      this.#counter = 0;
    }
    return (BigInt(this.#lastMs) << BigInt(COLLECTOR_ID_BITS + COUNTER_BITS)) | this.#idBits | BigInt(this.#counter);
  }
}

/** The parts of a seq, for tests and for an operator reading one. */
export function splitSeq(seq: bigint): { ms: number; collectorId: number; counter: number } {
  return {
    ms: Number(seq >> BigInt(COLLECTOR_ID_BITS + COUNTER_BITS)) + SEQ_EPOCH_MS,
    collectorId: Number((seq >> BigInt(COUNTER_BITS)) & BigInt(MAX_COLLECTOR_ID)),
    counter: Number(seq & BigInt(COUNTER_LIMIT - 1)),
  };
}
