import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReportData } from '../model.ts';
import { toCsv } from './csv.ts';
import { type ReportFile, reportFiles } from './files.ts';

/**
 * Writes the report as files: JSON documents and a CSV per table. Each file carries the model
 * version, the data range, the event count and a SHA-256 checksum of its own content:
 * - JSON: `meta` and `checksum` fields; the checksum covers the document serialised without it;
 * - CSV: a first comment line `# polku-report v2 | range … | events … | sha256 …` covering the
 *   lines after it (read with `comment='#'` in DuckDB or pandas).
 * Output depends only on data and config (no build time, fixed ordering), so reruns are byte-identical.
 * Returns the paths written, relative to `outDir`.
 */
export async function writeReport(data: ReportData, outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const file of reportFiles(data)) {
    const path = join(outDir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, reportFileContent(data, file));
    written.push(file.path);
  }
  return written;
}

/** One file's content with its meta and checksum; the report site publishes the same bytes. */
export function reportFileContent(data: ReportData, file: ReportFile): string {
  const meta = {
    version: data.version,
    range: data.range,
    requested: data.requested,
    eventCount: data.eventCount,
    generatedAt: data.generatedAt,
    ...(data.backend === undefined ? {} : { backend: data.backend }),
  };
  if (file.kind === 'json') {
    const document = { meta, ...file.json };
    const body = JSON.stringify(document, null, 2);
    return `${JSON.stringify({ ...document, checksum: `sha256:${sha256(body)}` }, null, 2)}\n`;
  }
  const body = toCsv(file.csv?.header ?? [], file.csv?.rows ?? []);
  const range = data.range === null ? 'none' : `${data.range.from}..${data.range.to}`;
  return `# polku-report v${data.version} | range ${range} | events ${data.eventCount} | sha256 ${sha256(body)}\n${body}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
