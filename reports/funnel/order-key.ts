import type { Store } from '../../store/index.ts';

/**
 * Time and arrival order packed into one sortable integer, so that one comparison (or one ASOF join,
 * one `min`) orders events by (ts, seq). The SQL calls temporary macros that defineOrderKey writes
 * on the connection from the stored events' bounds:
 * - a BIGINT `((us - first_us) / tick) · 2^seq_bits + (seq - first_seq)` when every event fits in
 *   62 bits, where `tick` is the coarsest clock every stored time is a multiple of (a second, a
 *   millisecond or a microsecond). Ten million events over two months of whole seconds take 47
 *   bits, a year of millisecond times with 100 M events 62. BIGINT keys made the 4-step funnel
 *   15 % cheaper in CPU than HUGEINT ones (bench/RESULTS.md): HUGEINT arithmetic is checked and
 *   twice as wide in every hash table and sort;
 * - otherwise the HUGEINT `us · 2^64 + seq` (any time, any seq).
 * Both unpack with a shift and a mask (HUGEINT `//` and `%` cost about 20× more).
 * The key is exact for every stored event, so a new plan is made (defineOrderKey) before each report
 * or funnel query: events added since would not fit the old bounds.
 */
export function orderKey(us: string, seq: string): string {
  return `polku_order_key(${us}, ${seq})`;
}

/** The key of a row with columns `us` and `seq`. */
export const ORDER_KEY = orderKey('us', 'seq');

/** Epoch microseconds of a packed key. */
export function keyUs(key: string): string {
  return `polku_key_us(${key})`;
}

/** Arrival order (`seq`) of a packed key. */
export function keySeq(key: string): string {
  return `polku_key_seq(${key})`;
}

/**
 * The largest key of an event at or before epoch microsecond `us` (any `seq`): an any-order frame's
 * end, `us` being its start plus the window.
 */
export function lastKeyAt(us: string): string {
  return `polku_last_key_at(${us})`;
}

/** A key larger than every event's: a frame end when nothing cuts it. */
export const NO_END_KEY = 'polku_no_end_key()';

/**
 * A HUGEINT that ranks attempts by level, then by start, earliest first: `arg_max(…, this)` picks a
 * unit's best attempt without a row number (one window sort less). Keys stay below 2^120 in
 * magnitude for any time before the year 4000, and levels are at most 20.
 */
export function levelThenEarliest(level: string, key: string): string {
  return `(${level})::hugeint * 1329227995784915872903807060280344576 - ${key}`;
}

/** How keys are packed on this store's events now. */
export type OrderKeyPlan =
  | { kind: 'bigint'; firstUs: bigint; tickUs: bigint; firstSeq: bigint; seqBits: number }
  | { kind: 'hugeint' };

const BIGINT_KEY_BITS = 62;

/** The stored events' bounds a plan is made from (null times when there are no events). */
export interface EventBounds {
  firstUs: bigint | null;
  lastUs: bigint | null;
  firstSeq: bigint;
  lastSeq: bigint;
  /** Every time a whole second; every time a whole millisecond. */
  seconds: boolean;
  millis: boolean;
}

/**
 * The plan for the stored events: one scan of `ts` and `seq` (about 0.05 s on 10 M events; their
 * bounds come from the column statistics, the tick needs the values).
 */
export async function planOrderKey(store: Store): Promise<OrderKeyPlan> {
  const [row] = await store.query(
    `select min(epoch_us(ts))::varchar as first_us, max(epoch_us(ts))::varchar as last_us,
      coalesce(min(seq), 0)::varchar as first_seq, coalesce(max(seq), 0)::varchar as last_seq,
      bool_and(epoch_us(ts) % 1000000 = 0) as seconds, bool_and(epoch_us(ts) % 1000 = 0) as millis
    from events`,
  );
  const big = (value: unknown) => (value === null || value === undefined ? null : BigInt(String(value)));
  return planFromBounds({
    firstUs: big(row?.first_us),
    lastUs: big(row?.last_us),
    firstSeq: big(row?.first_seq) ?? 0n,
    lastSeq: big(row?.last_seq) ?? 0n,
    seconds: row?.seconds === true,
    millis: row?.millis === true,
  });
}

/** BIGINT keys when every event's ticks and seq fit in 62 bits together, else HUGEINT ones. */
export function planFromBounds(bounds: EventBounds): OrderKeyPlan {
  const { firstUs, lastUs, firstSeq, lastSeq } = bounds;
  if (firstUs === null || lastUs === null) return { kind: 'hugeint' };
  const tickUs = bounds.seconds ? 1_000_000n : bounds.millis ? 1_000n : 1n;
  const seqBits = bitLength(lastSeq - firstSeq);
  return bitLength((lastUs - firstUs) / tickUs) + seqBits <= BIGINT_KEY_BITS
    ? { kind: 'bigint', firstUs, tickUs, firstSeq, seqBits }
    : { kind: 'hugeint' };
}

/** Bits needed for a non-negative integer (at least one). */
function bitLength(value: bigint): number {
  return Math.max(1, value.toString(2).length);
}

/** Plans the key for the stored events and writes its macros on the store's connection. */
export async function defineOrderKey(store: Store): Promise<OrderKeyPlan> {
  const plan = await planOrderKey(store);
  for (const statement of orderKeyMacros(plan)) await store.query(statement);
  return plan;
}

/** The temporary macros of a plan: numbers only, written by us, so inlined as literals. */
export function orderKeyMacros(plan: OrderKeyPlan): string[] {
  const macro = (name: string, args: string, body: string) =>
    `create or replace temporary macro ${name}(${args}) as ${body}`;
  if (plan.kind === 'hugeint') {
    const shift = '18446744073709551616';
    return [
      macro('polku_order_key', 'us, seq', `us::hugeint * ${shift} + seq`),
      macro('polku_key_us', 'key', `(key >> 64)::bigint`),
      macro('polku_key_seq', 'key', `(key & 18446744073709551615)::bigint`),
      macro('polku_last_key_at', 'us', `(us + 1)::hugeint * ${shift} - 1`),
      macro('polku_no_end_key', '', '85070591730234615865843651857942052863::hugeint'),
    ];
  }
  const { firstUs, tickUs, firstSeq, seqBits } = plan;
  const scale = 1n << BigInt(seqBits);
  const ticksOf = (us: string) => (tickUs === 1n ? `(${us} - ${firstUs})` : `((${us} - ${firstUs}) // ${tickUs})`);
  const lastUs = firstUs + ((1n << BigInt(BIGINT_KEY_BITS - seqBits)) - 1n) * tickUs;
  return [
    macro('polku_order_key', 'us, seq', `${ticksOf('us')} * ${scale} + (seq - ${firstSeq})`),
    macro('polku_key_us', 'key', `${firstUs} + (key >> ${seqBits}) * ${tickUs}`),
    macro('polku_key_seq', 'key', `${firstSeq} + (key & ${scale - 1n})`),
    // Every event lies in [firstUs, lastUs]: times outside are clamped, which keeps the answer
    // (no event before the first key, all of them before the last) and the arithmetic in 63 bits.
    macro(
      'polku_last_key_at',
      'us',
      `case when us < ${firstUs} then -1 else (${ticksOf(`least(us, ${lastUs})`)} + 1) * ${scale} - 1 end`,
    ),
    macro('polku_no_end_key', '', `${(1n << BigInt(BIGINT_KEY_BITS + 1)) - 1n}::bigint`),
  ];
}
