import { describe, expect, it } from 'vitest';
import { toCsv } from '../../reports/output/csv.ts';

/** The data row (second line) of a two-column CSV holding `cells`. */
const row = (...cells: (string | number | boolean | null)[]) => toCsv(['a', 'b'], [cells]).split('\n')[1];

describe('CSV writer against formula injection (OWASP)', () => {
  it.each([
    ['=', '=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")",1`],
    ['+', '+1+cmd', `"'+1+cmd",1`],
    ['-', '-2+3', `"'-2+3",1`],
    ['@', '@SUM(1)', `"'@SUM(1)",1`],
    ['tab', '\t=1', `"'\t=1",1`],
    ['carriage return', '\r=1', `"'\r=1",1`],
    // Escaped too, so the rule can be undone exactly: drop one leading ' of a text cell.
    ['quote', "'=1", `"''=1",1`],
  ])('prefixes a text cell starting with %s with a quote and quotes it', (_, cell, expected) => {
    expect(row(cell, 1)).toBe(expected);
  });

  it('writes the exact bytes of a whole file with a dangerous cell', () => {
    expect(toCsv(['campaign', 'sessions'], [['=1+1', 2]])).toBe(`campaign,sessions\n"'=1+1",2\n`);
  });

  it('leaves numbers, booleans and harmless text alone: a negative number stays a number', () => {
    expect(row(-0.25, -3)).toBe('-0.25,-3');
    expect(row(true, null)).toBe('true,');
    expect(row('spring-sale', 'a=b')).toBe('spring-sale,a=b');
    expect(row(' =1', 'x@y')).toBe(' =1,x@y');
  });
});
