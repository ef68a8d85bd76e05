import type { JourneyShape } from './journey-events.ts';
import { keySeq, keyUs, levelThenEarliest } from './order-key.ts';
import { lastSession, steps } from './unit-result.ts';

// Partitioned by the unit's number and ordered by the packed (ts, seq) key (order-key.ts): one BIGINT
// to sort instead of two columns took the strict journey on 10 M events from 6.0 to 4.9 CPU-s.
const UNIT_ORDER = 'partition by ukey order by key';
/** A packed lead value stays a non-negative BIGINT. */
const PACKED_BITS = 63;
/** Levels are at most 20 (config/schema.ts). */
const LEVEL_BITS = 5;

/**
 * Strict funnel: no event at all of the unit between consecutive steps, so an attempt's chain is
 * fixed: step k is the (k-1)-th event after the step-1 event. Each attempt's level is read off with
 * `lead`; the unit keeps its best counted attempt (earliest among equals).
 * Exclusions: a completed attempt counts unless one of its middle events is an exclusion (nothing
 * else lies between its start and its last step); one that did not complete counts only if no
 * exclusion follows its start inside the window (at all, without a window).
 */
export function strictUnitsSql(eventsSql: string, shape: JourneyShape, keyBits: number | null = null): string {
  const n = shape.steps;
  const window = shape.windowUs;
  // Each later event's key, step bits and exclusion bit packed into one BIGINT when they fit: one
  // lead per offset instead of one per column (the window's cost is mostly its leads after the sort).
  // The packed layout: step k's flag in bit k-1, the exclusion flag in bit n, the key above them.
  const flagBit = new Map<string, number>([...steps(n).map((k): [string, number] => [`m${k}`, k - 1]), ['x', n]]);
  const flagBits = flagBit.size;
  const packed = keyBits !== null && keyBits + flagBits <= PACKED_BITS;
  const lead = (offset: number) => `p${offset}`;
  const at = (column: string, offset: number) => {
    if (offset === 0) return column;
    if (!packed) return `lead(${column}, ${offset}) over w`;
    if (column === 'key') return `(${lead(offset)} >> ${flagBits})`;
    return `((${lead(offset)} >> ${flagBit.get(column)}) & 1 = 1)`;
  };
  // A later step's time and arrival order both come from its packed key: one lead instead of two.
  // The window sorts only the unit, the key and the flags: times and seqs are unpacked after it.
  const usAt = (offset: number) => keyUs(at('key', offset));
  const links = steps(n)
    .slice(1)
    .map((k) => {
      const conditions = [`coalesce(${at(`m${k}`, k - 1)}, false)`];
      if (window !== null) conditions.push(`${usAt(k - 1)} <= ${usAt(0)} + ${window}`);
      const within = shape.withinUs[k];
      if (within !== null) conditions.push(`${usAt(k - 1)} - ${usAt(k - 2)} <= ${within}`);
      return `coalesce(${conditions.join(' and ')}, false) as link${k}`;
    });
  // Each step's event by its packed key only: the window sorts the unit, the key and the flags, and
  // times and seqs are unpacked once per unit from its chosen attempt, not for every attempt.
  const keys = steps(n).map((k) => `${at('key', k - 1)} as k${k}`);
  // Without exclusions `x` is always false: no frame aggregate or lead for it (each costs a pass).
  const middleExcluded = shape.hasExclusions
    ? steps(n)
        .slice(1, -1)
        .map((k) => `coalesce(${at('x', k - 1)}, false)`)
    : [];
  const nextExclusion = shape.hasExclusions
    ? keyUs(`min(case when x then key end) over (${UNIT_ORDER} rows between 1 following and unbounded following)`)
    : 'null::bigint';
  const columns = `${steps(n)
    .map((k) => `m${k}`)
    .join(', ')}, x, key, unit as ukey`;
  const derived = `${links.join(', ')}, ${keys.join(', ')},
      ${middleExcluded.length === 0 ? 'false' : middleExcluded.join(' or ')} as middle_excluded`;
  const packedFlags = [...flagBit].map(([column, bit]) => `(${column}::bigint << ${bit})`).join(' | ');
  const attempts = packed
    ? `select ukey, m1, ${derived}, next_x, key
      from (select ${[
        'ukey',
        'm1',
        'key',
        ...steps(n)
          .slice(1)
          .map((k) => `lead(pk, ${k - 1}) over w as ${lead(k - 1)}`),
      ].join(', ')}, ${nextExclusion} as next_x
        from (select ${columns}, (key << ${flagBits}) | ${packedFlags} as pk from (${eventsSql}))
        window w as (${UNIT_ORDER}))`
    : `select ukey, m1, ${derived}, ${nextExclusion} as next_x, key
    from (select ${columns} from (${eventsSql}))
    window w as (${UNIT_ORDER})`;
  // Level = 1 + the number of links that hold before the first one that breaks.
  const level = steps(n)
    .slice(1)
    .reduceRight((inner, k) => `case when link${k} then ${inner} else ${k - 1} end`, String(n));
  const clean = window === null ? 'next_x is null' : `(next_x is null or next_x > ${keyUs('key')} + ${window})`;
  const counted = `select *, ${level} as level from (${attempts}) where m1`;
  // The chosen attempt carries its level and its steps' keys only (scalars, not lists). Ranked by a
  // BIGINT (level above the key's bits, then the earliest key) when it fits, else by a HUGEINT.
  const rank =
    keyBits !== null && keyBits + LEVEL_BITS <= PACKED_BITS - 1
      ? `(level::bigint << ${keyBits}) | (${(1n << BigInt(keyBits)) - 1n} - key)`
      : levelThenEarliest('level', 'key');
  const best = `select ukey, arg_max({ level: level, ${steps(n)
    .map((k) => `k${k}: k${k}`)
    .join(', ')} }, ${rank}) as b
    from (${counted}) where (level = ${n} and not middle_excluded) or ${clean}
    group by ukey`;
  const chosenTimes = `list_value(${steps(n)
    .map((k) => keyUs(`b.k${k}`))
    .join(', ')})`;
  const lastKey = `list_value(${steps(n)
    .map((k) => `b.k${k}`)
    .join(', ')})[b.level]`;
  const last = lastSession(shape.unitColumn, 'attempt.ukey', keySeq(lastKey));
  return `select attempt.ukey as unit, b.level as level, list_slice(${chosenTimes}, 1, b.level) as reached_us,
      ${keyUs(lastKey)} as last_us, ${keySeq(lastKey)} as last_seq, ${last.column} as last_session,
      case when b.level = ${n} then ${keyUs(`b.k${n}`)} - ${keyUs('b.k1')} end as convert_us
    from (${best}) attempt ${last.join}`;
}
