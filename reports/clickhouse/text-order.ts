/** DuckDB's order for VARCHAR (bytes of the UTF-8 text), for sorting rows in TypeScript as its ORDER BY does. */
export function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
