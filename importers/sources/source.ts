import { LIMITS } from '../../collector/protocol.ts';
import type { ImportFormat } from '../format.ts';

/** Each source's rows as the import reads them, before anything is derived (see stage.ts). */
export const STAGED_COLUMNS = [
  'id_key', // the source's event id (or the fields that identify an event where it has none)
  'ts_text', // the time as written, for messages
  'ts', // TIMESTAMP (UTC)
  'received_at', // TIMESTAMP or null
  'site_key', // the source's own app/property id (or page origin), matched against configured sites
  'name',
  'url',
  'path',
  'hostname',
  'referrer',
  'referrer_host',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'click_id',
  'channel',
  'visitor',
  'session',
  'page_id',
  'user_agent',
  'device',
  'browser',
  'os',
  'country',
  'time_zone',
  'props', // JSON text in the source's own shape; the source's `props` turns it into Polku's flat map
  'value', // DOUBLE
] as const;

export type StagedColumn = (typeof STAGED_COLUMNS)[number];

export type Props = Record<string, string | number | boolean>;

/** The columns a file has, with DuckDB's type for each. */
export type PresentColumns = ReadonlyMap<string, string>;

export interface ImportSource {
  readonly name: 'polku' | 'snowplow' | 'ga4' | 'posthog';
  /** Formats this source comes in (its tools' own exports). */
  readonly formats: readonly ImportFormat[];
  /** Columns that must be present, or the file is refused as a whole. */
  readonly required: readonly string[];
  /** Every column of the source's documented shape (read or deliberately not); others are reported. */
  readonly known: readonly string[];
  /** Columns of the shape with a variable tail (Snowplow's `contexts_…` per schema). */
  readonly knownPrefixes?: readonly string[];
  /** Source column names for messages about a row. */
  readonly labels: { id: string; ts: string; name: string; visitor: string; site: string };
  /**
   * `uuid`: the id must be a UUID (Polku's own export); `uuid-or-derive`: a UUID is kept, anything
   * else becomes a UUID derived from it; `derive`: always derived (the source has no event id).
   */
  readonly ids: 'uuid' | 'uuid-or-derive' | 'derive';
  /** Whether a row needs a visitor (or session) id of its own; Polku's export may leave it out. */
  readonly needsVisitor: boolean;
  /**
   * Whether `site_key` names the site itself (`id`) or is a page origin to look up among the
   * configured sites' origins (`origin`).
   */
  readonly siteKey: 'id' | 'origin';
  /** The select list (aliases: STAGED_COLUMNS) over the file's rows (`src`), from the columns present. */
  select(present: PresentColumns): string;
  /** Polku's flat props from the `props` column. */
  props(raw: string | null): Props | null;
}

/** `"name"` when the file has the column, else a typed null, so a missing column is never a binder error. */
export function column(present: PresentColumns, name: string, type = 'varchar'): string {
  return present.has(name) ? `"${name.replaceAll('"', '""')}"` : `null::${type}`;
}

/** A column read as text; STRUCT, MAP and LIST values (NDJSON, Parquet) become JSON text. */
export function text(present: PresentColumns, name: string): string {
  const type = present.get(name);
  if (type === undefined) return 'null::varchar';
  if (/^(STRUCT|MAP)|\[\]$/.test(type)) return `to_json(${column(present, name)})::varchar`;
  return `${column(present, name)}::varchar`;
}

/** ISO 8601 text as a UTC timestamp (null when it is not one). */
export const isoTime = (expression: string) => `(try_cast(${expression} as timestamptz) at time zone 'UTC')`;

/** A string read from JSON text, `null` for JSON null or an empty string. */
export const jsonText = (json: string, path: string) =>
  `nullif(json_extract_string(${json}, '${path.replaceAll("'", "''")}'), '')`;

/** Keeps scalar entries of `value` as props, within the collector's limits for props. */
export function scalarProps(
  entries: Iterable<[string, unknown]>,
  limits = { count: LIMITS.props, key: LIMITS.propKeyChars, value: LIMITS.propValueChars },
): Props | null {
  const props: Props = {};
  let count = 0;
  for (const [key, value] of entries) {
    if (count >= limits.count) break;
    if (key.length === 0 || key.length > limits.key) continue;
    if (typeof value === 'string') props[key] = value.slice(0, limits.value);
    else if (typeof value === 'number' && Number.isFinite(value)) props[key] = value;
    else if (typeof value === 'boolean') props[key] = value;
    else continue;
    count++;
  }
  return count > 0 ? props : null;
}
