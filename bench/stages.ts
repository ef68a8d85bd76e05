/**
 * The full report on a generated database, printing each stage as it finishes: for finding the stage
 * that dominates (bench/reports.ts prints the same stages only at the end).
 * Run: BENCH_DB=file node bench/stages.ts (MEMORY_LIMIT=… as in bench/reports.ts).
 */
import { parseConfig } from '../config/index.ts';
import { computeReport } from '../reports/index.ts';
import { Store } from '../store/index.ts';
import { BENCH_CONFIG } from './bench-config.ts';

const file = process.env.BENCH_DB;
if (file === undefined) throw new Error('BENCH_DB=file: a database made by npm run bench:reports');
const store = await Store.open(file, { readOnly: true });
await store.query(`set memory_limit = '${(process.env.MEMORY_LIMIT ?? '1GB').replace(/[^0-9A-Za-z]/g, '')}'`);
const start = performance.now();
await computeReport(parseConfig(BENCH_CONFIG), store, {
  onTiming: (label, seconds) => console.log(`${label.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s`),
});
console.log(`${'full report'.padEnd(28)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s`);
await store.close();
