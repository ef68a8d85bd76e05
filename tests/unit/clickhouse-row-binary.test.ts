// The RowBinary writer (store/clickhouse/row-binary.ts) against the bytes Debian's ClickHouse 18.16
// itself writes for the same values (`SELECT toUUID('01234567-…'), … FORMAT RowBinary`, captured
// from a test server): the UUID's halves each little-endian, LEB128 lengths, a null byte before
// Nullable values. tests/integration/clickhouse-exact-values.test.ts checks the server reads them back.
import { describe, expect, it } from 'vitest';
import { type RowBinaryType, RowBinaryWriter } from '../../store/clickhouse/row-binary.ts';

function bytesOf(values: [RowBinaryType, unknown][]): string {
  const writer = new RowBinaryWriter();
  for (const [type, value] of values) writer.write(type, value);
  return writer.bytes().toString('hex');
}

describe('RowBinaryWriter', () => {
  it("writes each type as 18.16's own RowBinary output has it", () => {
    expect(
      bytesOf([
        ['UUID', '01234567-89ab-cdef-0123-456789abcdef'],
        ['Float64', 3.28],
        ['Nullable(String)', 'x'],
        ['Nullable(Float64)', null],
        ['Array(String)', ['a', '🚀']],
        ['Int64', -5],
        ['UInt64', 2n ** 63n + 1n],
        ['String', ''],
      ]),
    ).toBe(
      'efcdab8967452301efcdab8967452301' + // UUID: each half reversed
        '3d0ad7a3703d0a40' + // 3.28, its exact IEEE bits
        '000178' + // not null, length 1, "x"
        '01' + // null
        '02' + // an array of 2 items:
        '0161' + // "a"
        '04f09f9a80' + // 4 bytes of UTF-8
        'fbffffffffffffff' + // -5
        '0100000000000080' + // 2^63 + 1
        '00', // empty string
    );
  });

  it('writes lengths past 127 as LEB128, the same UUID in upper case, and grows past its first buffer', () => {
    expect(bytesOf([['String', 'z'.repeat(300)]]).slice(0, 8)).toBe('ac027a7a');
    expect(bytesOf([['UUID', '01234567-89AB-CDEF-0123-456789ABCDEF']])).toBe('efcdab8967452301efcdab8967452301');
    const big = 'é'.repeat(100_000); // 200,000 bytes: three times the first buffer
    const writer = new RowBinaryWriter();
    writer.write('String', big);
    writer.write('Float64', 5e-324);
    expect(writer.length).toBe(3 + 200_000 + 8);
    expect(writer.bytes().subarray(3, 200_003).toString('utf8')).toBe(big);
    expect(writer.bytes().readDoubleLE(200_003)).toBe(5e-324);
  });

  it('refuses a value that does not fit its column instead of writing bytes the server would misread', () => {
    const cases: [RowBinaryType, unknown, string][] = [
      ['UUID', 'not-a-uuid', 'RowBinary: a UUID value must be a UUID'],
      ['Float64', '3.28', 'RowBinary: a Float64 value must be a number'],
      ['Int64', 1.5, 'RowBinary: an Int64 value must be a bigint or a safe integer'],
      ['UInt64', 2 ** 60, 'RowBinary: a UInt64 value must be a bigint or a safe integer'],
      ['String', null, 'RowBinary: a String value must be a string'],
      ['Array(String)', 'a', 'RowBinary: an Array(String) value must be an array'],
    ];
    for (const [type, value, message] of cases) {
      expect(() => new RowBinaryWriter().write(type, value)).toThrow(new TypeError(message));
    }
  });
});
