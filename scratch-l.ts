import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const r = await c.runAndReadAll(`select i, lower(chr(i::int)) as l from range(1, 1114112) t(i) where (i < 55296 or i > 57343)`);
let diff: string[] = []; let n = 0;
for (const row of r.getRowObjectsJS()) {
  const ch = String.fromCodePoint(Number(row.i));
  const duck = row.l as string;
  const js = ch.toLowerCase();
  if (duck !== ch) n++;
  if (duck !== js) diff.push(`${Number(row.i).toString(16)}:${JSON.stringify(duck)}/${JSON.stringify(js)}`);
}
console.log(n, diff.length, diff.slice(0, 40).join(' '));
