/**
 * A string literal for the few places DuckDB takes no bound parameter (ATTACH). Only ever used for
 * file paths the operator chose on the command line, never for values from requests.
 */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
