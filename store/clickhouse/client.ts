/**
 * A small ClickHouse HTTP client on fetch: statements as the POST body, rows as JSONEachRow. It is
 * written against what both Debian's 18.16 and a current server accept (no query parameters, no
 * session state), so every value goes into SQL through literal.ts.
 *
 * Errors say which server, what it answered and how to go on: a server that is down names the URL
 * and the flag; a refused statement carries ClickHouse's own message and code.
 */

import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { sqlIdentifier } from './literal.ts';

export class ClickHouseError extends Error {
  /** ClickHouse's numeric error code when it answered, null when it could not be reached. */
  readonly code: number | null;
  readonly url: string;
  constructor(message: string, code: number | null, url: string) {
    super(message);
    this.name = 'ClickHouseError';
    this.code = code;
    this.url = url;
  }
}

export interface ClickHouseClientOptions {
  /** Server settings sent with every statement (`max_threads`, `max_memory_usage`, …). */
  settings?: Record<string, string | number>;
  /** Give up on one statement after this long. Default: 10 minutes. */
  timeoutMs?: number;
}

export interface ClickHouseClient {
  /** The server's HTTP URL, with a trailing slash. */
  readonly url: string;
  /** Runs a SELECT and returns its rows (64-bit integers arrive as strings, as ClickHouse sends them). */
  query<Row = Record<string, unknown>>(sql: string, settings?: Record<string, string | number>): Promise<Row[]>;
  /** Runs a statement that returns nothing (DDL, INSERT … SELECT, ALTER). */
  command(sql: string, settings?: Record<string, string | number>): Promise<void>;
  /**
   * Runs a SELECT and streams its rows, as JSONEachRow lines, into a file: for results too big to hold
   * in memory (an export of the whole cluster).
   */
  queryToFile(sql: string, file: string, settings?: Record<string, string | number>): Promise<void>;
  /** Inserts JSONEachRow text (one JSON object per line) into a table. */
  insertJsonLines(table: string, lines: string, settings?: Record<string, string | number>): Promise<void>;
  /**
   * Inserts RowBinary bytes (row-binary.ts) into a table's named columns: the only way to store a
   * Float64 exactly, text formats parse floats inexactly.
   */
  insertRowBinary(
    table: string,
    columns: readonly string[],
    rows: Uint8Array<ArrayBuffer>,
    settings?: Record<string, string | number>,
  ): Promise<void>;
  /** True when the server answers /ping. */
  ping(): Promise<boolean>;
}

/**
 * Sent with every statement: 64-bit integers as JSON strings, as 18.16 always sends them; current
 * servers (since mid-2025, ClickHouse PR #74079) send bare numbers by default.
 */
export const ALWAYS_SETTINGS = { output_format_json_quote_64bit_integers: 1 };

export function clickHouseClient(url: string, options: ClickHouseClientOptions = {}): ClickHouseClient {
  const base = normaliseUrl(url);
  const timeoutMs = options.timeoutMs ?? 600_000;

  async function request(
    sql: string,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    settings: Record<string, string | number>,
  ): Promise<Response> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...ALWAYS_SETTINGS, ...options.settings, ...settings }))
      params.set(name, String(value));
    if (body !== undefined) params.set('query', sql);
    const target = `${base}?${params}`;
    let response: Response;
    try {
      response = await fetch(target, { method: 'POST', body: body ?? sql, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new ClickHouseError(
        `cannot reach ClickHouse at ${base} (${why}): start the server or fix --clickhouse`,
        null,
        base,
      );
    }
    if (!response.ok) throw refused(sql, await response.text(), response.status);
    return response;
  }

  function refused(sql: string, text: string, status: number): ClickHouseError {
    const code = /Code: (\d+)/.exec(text);
    // A parse error quotes the rows it read ("before: …", "Row 1: …"): visitors' URLs and props,
    // which must not reach logs or /readyz. The error's code and reason stay.
    const answer = text.trim().replace(/(\bbefore: |\bRow \d+:)[\s\S]*$/, '$1 …');
    return new ClickHouseError(
      `ClickHouse at ${base} refused "${firstLine(sql)}": ${answer.slice(0, 2000)}`,
      code ? Number(code[1]) : status,
      base,
    );
  }

  async function send(
    sql: string,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    settings: Record<string, string | number>,
  ) {
    return (await request(sql, body, settings)).text();
  }

  return {
    url: base,
    async query<Row>(sql: string, settings: Record<string, string | number> = {}): Promise<Row[]> {
      const statement = `${sql}\nFORMAT JSONEachRow`;
      const text = await send(statement, undefined, settings);
      const rows: Row[] = [];
      const lines = text.split('\n');
      for (const [index, line] of lines.entries()) {
        if (line === '') continue;
        // A query that fails after its first rows still answers 200: the server ends the body with its
        // exception (18.16: plain text; current servers: an {"exception": …} row). Never a partial result.
        const row = parseRow(line);
        if (row === undefined) throw refused(statement, lines.slice(index).join('\n'), 500);
        rows.push(row as Row);
      }
      return rows;
    },
    async command(sql: string, settings: Record<string, string | number> = {}): Promise<void> {
      await send(sql, undefined, settings);
    },
    async queryToFile(sql: string, file: string, settings: Record<string, string | number> = {}) {
      const statement = `${sql}\nFORMAT JSONEachRow`;
      const response = await request(statement, undefined, settings);
      if (response.body === null) throw refused(statement, 'no answer body', response.status);
      await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), createWriteStream(file));
      // A query that fails after its first rows were sent still answers 200: the server appends its
      // exception to the body instead, so the file's last line tells.
      const tail = await fileTail(file);
      if (/^Code: \d+/m.test(tail) || /^\{"exception":/m.test(tail)) throw refused(statement, tail, 500);
    },
    async insertJsonLines(table: string, lines: string, settings: Record<string, string | number> = {}) {
      if (lines === '') return;
      await send(`INSERT INTO ${table} FORMAT JSONEachRow`, lines, settings);
    },
    async insertRowBinary(table, columns, rows, settings = {}) {
      if (rows.length === 0) return;
      const names = columns.map(sqlIdentifier).join(', ');
      await send(`INSERT INTO ${sqlIdentifier(table)} (${names}) FORMAT RowBinary`, rows, settings);
    },
    async ping(): Promise<boolean> {
      try {
        const response = await fetch(`${base}ping`, { signal: AbortSignal.timeout(5_000) });
        return response.ok && (await response.text()).startsWith('Ok.');
      } catch {
        return false;
      }
    },
  };
}

function normaliseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ClickHouseError(`--clickhouse "${url}" is not a URL: give one like http://127.0.0.1:8123/`, null, url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ClickHouseError(`--clickhouse "${url}" must be an http:// or https:// URL`, null, url);
  }
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

/** The last 8 KiB of a file: where a server's exception after a 200 ends up. */
async function fileTail(file: string): Promise<string> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 8192);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd();
  } finally {
    await handle.close();
  }
}

/** One JSONEachRow row, or undefined for anything else (an exception's text or row). */
function parseRow(line: string): Record<string, unknown> | undefined {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
  const keys = Object.keys(row);
  return keys.length === 1 && keys[0] === 'exception' ? undefined : (row as Record<string, unknown>);
}

function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
