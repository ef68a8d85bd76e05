/**
 * ClickHouse's RowBinary input format, for the column types of `events` (schema.ts) and nothing more.
 *
 * Why binary: every text format (JSONEachRow, VALUES, TSV, toFloat64('…')) reads a Float64 with a
 * fast parser that is not correctly rounded on 18.16, and on current servers unless
 * precise_float_parsing is set (3.28 arrives as 3.2800000000000002, 5e-324 as 0). RowBinary carries
 * the double's 8 IEEE bytes, so the stored value is the JavaScript number, bit for bit, on any server.
 *
 * The format, as 18.16 and current servers read it (checked against 18.16 in
 * tests/integration/clickhouse-exact-values.test.ts): values in column order, no separators;
 * integers and floats little-endian; String = LEB128 byte length + UTF-8; Nullable(T) = one byte
 * (1 null, 0 a value follows); Array(T) = LEB128 count + the elements; UUID = its two 64-bit halves,
 * each little-endian, the half written first in the text first (what `toString(id)` reads back).
 */

/** The types this writer knows: the ones clickHouseColumns() gives. */
export type RowBinaryType =
  | 'UUID'
  | 'UInt64'
  | 'Int64'
  | 'Float64'
  | 'String'
  | 'Nullable(String)'
  | 'Nullable(Float64)'
  | 'Array(String)';

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A growing byte buffer that rows are appended to, value by value. */
export class RowBinaryWriter {
  #bytes: Buffer<ArrayBuffer> = Buffer.allocUnsafe(64 * 1024);
  #length = 0;

  /** The bytes written so far (a view: copy it before writing more if it must outlive that). */
  bytes(): Buffer<ArrayBuffer> {
    return this.#bytes.subarray(0, this.#length);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends one value of a column type; a value that does not fit the type is a TypeError, not bad bytes. */
  write(type: RowBinaryType, value: unknown): void {
    switch (type) {
      case 'UUID':
        this.#uuid(value);
        return;
      case 'UInt64':
        this.#uint64(value);
        return;
      case 'Int64':
        this.#int64(value);
        return;
      case 'Float64':
        this.#float64(value);
        return;
      case 'String':
        this.#string(value);
        return;
      case 'Nullable(String)':
        this.#nullable(value, (present) => this.#string(present));
        return;
      case 'Nullable(Float64)':
        this.#nullable(value, (present) => this.#float64(present));
        return;
      case 'Array(String)':
        this.#stringArray(value);
        return;
      default:
        throw new TypeError(`RowBinary: no encoder for the ClickHouse type ${type satisfies never}`);
    }
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#length + bytes));
    this.#bytes.copy(grown, 0, 0, this.#length);
    this.#bytes = grown;
  }

  /** LEB128, as ClickHouse writes string lengths and array sizes. */
  #varUInt(value: number): void {
    this.#reserve(10);
    let rest = value;
    while (rest >= 0x80) {
      this.#bytes[this.#length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.#bytes[this.#length++] = rest;
  }

  #string(value: unknown): void {
    if (typeof value !== 'string') throw new TypeError('RowBinary: a String value must be a string');
    // Buffer's UTF-8 is what JSON text reaches the server as: the same bytes as the JSONEachRow path.
    const length = Buffer.byteLength(value, 'utf8');
    this.#varUInt(length);
    this.#reserve(length);
    this.#length += this.#bytes.write(value, this.#length, length, 'utf8');
  }

  #stringArray(value: unknown): void {
    if (!Array.isArray(value)) throw new TypeError('RowBinary: an Array(String) value must be an array');
    this.#varUInt(value.length);
    for (const item of value) this.#string(item);
  }

  #nullable(value: unknown, writePresent: (value: unknown) => void): void {
    this.#reserve(1);
    const missing = value === null || value === undefined;
    this.#bytes[this.#length++] = missing ? 1 : 0;
    if (!missing) writePresent(value);
  }

  #float64(value: unknown): void {
    if (typeof value !== 'number') throw new TypeError('RowBinary: a Float64 value must be a number');
    this.#reserve(8);
    this.#length = this.#bytes.writeDoubleLE(value, this.#length);
  }

  #int64(value: unknown): void {
    if (!(typeof value === 'bigint' || Number.isSafeInteger(value))) {
      throw new TypeError('RowBinary: an Int64 value must be a bigint or a safe integer');
    }
    this.#reserve(8);
    this.#length = this.#bytes.writeBigInt64LE(BigInt(value as number | bigint), this.#length);
  }

  #uint64(value: unknown): void {
    if (!(typeof value === 'bigint' || Number.isSafeInteger(value))) {
      throw new TypeError('RowBinary: a UInt64 value must be a bigint or a safe integer');
    }
    this.#reserve(8);
    this.#length = this.#bytes.writeBigUInt64LE(BigInt(value as number | bigint), this.#length);
  }

  /**
   * A UUID is a UInt128 made of two UInt64: the first 16 hex digits are the high half, the last 16 the
   * low half, and RowBinary writes high then low, each little-endian. So each half's 8 bytes, as
   * they read in the text, go out reversed.
   */
  #uuid(value: unknown): void {
    if (typeof value !== 'string' || !UUID_TEXT.test(value))
      throw new TypeError('RowBinary: a UUID value must be a UUID');
    const hex = value.replaceAll('-', '');
    this.#reserve(16);
    for (const half of [0, 16]) {
      for (let byte = 7; byte >= 0; byte--) {
        this.#bytes[this.#length++] = Number.parseInt(hex.slice(half + byte * 2, half + byte * 2 + 2), 16);
      }
    }
  }
}
