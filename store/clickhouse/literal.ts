/**
 * The one way values enter ClickHouse SQL. Debian's ClickHouse 18.16 has no query parameters, so every
 * config value, glob, site id or visitor id is written as a literal through these functions and
 * nowhere else (the same text runs on a current ClickHouse).
 */

/** A string literal: backslash and quote escaped, control characters as escapes, so nothing ends it early. */
export function sqlString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped here.
  const escaped = value.replace(/[\\'\u0000-\u001f]/g, (char) => {
    if (char === '\\') return '\\\\';
    if (char === "'") return "\\'";
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `'${escaped}'`;
}

/** A number literal; NaN and infinities have no literal and are refused. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be written as a ClickHouse number literal`);
  // Integers beyond 2^53 would print in exponent form and lose digits: callers pass such ids as bigint.
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
}

/** An integer literal from a bigint (seq, microsecond times): exact at any size. */
export function sqlBigInt(value: bigint): string {
  return value.toString();
}

/** An identifier (a table or database name): only the characters ClickHouse takes unquoted. */
export function sqlIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new RangeError(`"${name}" is not a plain identifier (letters, digits and _ only)`);
  }
  return name;
}

/**
 * A Float64 exactly as `value`, any double (NaN, infinities, subnormals too), written as its IEEE bits:
 * 18.16 parses decimal text into floats inexactly (toFloat64('3.28') is 3.2800000000000002) and
 * refuses subnormal literals, so a decimal literal would not always be the same number.
 */
export function sqlFloat64(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return `reinterpretAsFloat64(reinterpretAsString(toUInt64(${view.getBigUint64(0, true).toString()})))`;
}
