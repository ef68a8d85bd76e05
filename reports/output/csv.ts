export type CsvValue = string | number | boolean | null | undefined;

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted; `\n` line ends; empty for null.
 * Every CSV Polku writes (`polku report`, the site's `data/` and its other CSV pages) goes through here.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

/**
 * Text cells that a spreadsheet would run as a formula (OWASP "CSV injection"): `=`, `+`, `-`, `@`,
 * tab or carriage return first. Campaign names, paths, event names and props come from anyone who
 * can post to the collector, and Excel or LibreOffice open the files. A leading `'` is escaped the
 * same way, so the rule can be undone exactly: drop the first `'` of any text cell that starts with one.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are ours, not outside text: -0.25 must stay a number in a spreadsheet.
  if (typeof value !== 'string') return String(value);
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
