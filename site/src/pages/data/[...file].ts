import type { APIRoute } from 'astro';
import { type ReportFile, reportFileContent, reportFiles } from '../../../../reports/index.ts';
import { report } from '../../data.ts';

/** Every table and document of the report, byte for byte what `polku report` writes, under /data/. */
export function getStaticPaths() {
  return reportFiles(report).map((file) => ({ params: { file: file.path }, props: { file } }));
}

export const GET: APIRoute = ({ props }) => new Response(reportFileContent(report, props.file as ReportFile));
