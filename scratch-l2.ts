import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const r = await c.runAndReadAll(`select i, lower(chr(i::int)) as l from range(1, 1114112) t(i) where (i < 55296 or i > 57343)`);
const pairs: [number, number][] = []; const odd: string[] = [];
for (const row of r.getRowObjectsJS()) {
  const cp = Number(row.i); const l = row.l as string; const ch = String.fromCodePoint(cp);
  if (l === ch) continue;
  const cps = [...l].map((x) => x.codePointAt(0)!);
  if (cps.length !== 1) { odd.push(`${cp.toString(16)}:${JSON.stringify(l)}`); continue; }
  pairs.push([cp, cps[0]!]);
}
const runs: [number, number, number, number][] = [];
for (const [cp, lo] of pairs) {
  const last = runs.at(-1);
  const delta = lo - cp;
  if (last && last[3] === delta) {
    const [start, count, step] = last;
    const next = start + count * step;
    if (count === 1 && (cp - start === 1 || cp - start === 2)) { last[2] = cp - start; last[1] = 2; continue; }
    if (cp === next) { last[1]++; continue; }
  }
  runs.push([cp, 1, 1, delta]);
}
console.log(pairs.length, runs.length, odd);
console.log(JSON.stringify(runs));
