/**
 * A ClickHouseClient (store/clickhouse/client.ts) on an embedded chdb Session, for checking the
 * report's SQL on a current ClickHouse (compare-report.ts). Per-statement settings become SET before
 * and SET … = DEFAULT after (chdb's query is synchronous, so nothing interleaves). Statements are
 * logged to LOG, failures kept in FAILURES.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from 'chdb';
import type { ClickHouseClient } from '../../store/clickhouse/client.ts';
import { ALWAYS_SETTINGS, ClickHouseError } from '../../store/clickhouse/client.ts';
import { clickHouseColumns } from '../../store/clickhouse/schema.ts';

export const LOG = join(tmpdir(), 'polku-chdb-statements.log');
export const FAILURES: { sql: string; error: string }[] = [];

export function chdbClient(session: Session): ClickHouseClient {
  function run(sql: string, format: string, own: Record<string, string | number> = {}): string {
    // The settings the HTTP client sends with every statement, as it sends them.
    const settings: Record<string, string | number> = { ...ALWAYS_SETTINGS, ...own };
    const names = Object.keys(settings);
    for (const name of names) session.query(`SET ${name} = ${JSON.stringify(settings[name]).replace(/"/g, "'")}`);
    try {
      appendFileSync(LOG, `---- ${JSON.stringify(settings)}\n${sql}\n`);
      return session.query(sql, format);
    } catch (error) {
      const message = (error as Error).message;
      FAILURES.push({ sql, error: message });
      appendFileSync(LOG, `!!!! FAILED: ${message}\n`);
      throw new ClickHouseError(`chdb refused "${sql.trim().split('\n')[0]}": ${message}`, null, 'chdb://');
    } finally {
      for (const name of names) session.query(`SET ${name} = DEFAULT`);
    }
  }
  return {
    url: 'chdb://local/',
    async query<Row>(sql: string, settings = {}) {
      const text = run(sql, 'JSONEachRow', settings);
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Row);
    },
    async command(sql: string, settings = {}) {
      run(sql, 'TabSeparated', settings);
    },
    async queryToFile(sql: string, file: string, settings = {}) {
      writeFileSync(file, run(sql, 'JSONEachRow', settings));
    },
    async insertJsonLines(table: string, lines: string, settings = {}) {
      if (lines === '') return;
      run(`INSERT INTO ${table} FORMAT JSONEachRow\n${lines}`, 'TabSeparated', settings);
    },
    // RowBinary (how collectors and polku import insert): chdb's raw insert takes no RowBinary and a query
    // string cannot carry bytes, so the bytes go through a file read with the table function file().
    async insertRowBinary(table: string, columns: readonly string[], rows: Uint8Array, settings = {}) {
      if (rows.length === 0) return;
      const types = new Map(clickHouseColumns().map((c) => [c.name, c.type]));
      const file = join(mkdtempSync(join(tmpdir(), 'chdb-rb-')), 'rows.bin');
      writeFileSync(file, rows);
      const structure = columns.map((c) => `${c} ${types.get(c)}`).join(', ');
      run(
        `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM file('${file}', 'RowBinary', '${structure}')`,
        'TabSeparated',
        settings,
      );
    },
    async ping() {
      return true;
    },
  };
}
