import { gunzipSync } from 'node:zlib';
import type { JourneyConfig, PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { ReportData } from './model.ts';
import { SqlParams } from './sql-params.ts';
import { stepCondition } from './step-match.ts';

/** Events shown on one session page: enough to follow a drop-off, few enough for a small page. */
export const MAX_TIMELINE_EVENTS = 200;

/**
 * What a build reads of replays. Anyone can post replay chunks to a public collector, and each
 * session page's viewers download its whole replay file: a session's replay stops at
 * `sessionBytes` of events (inflated JSON; whole chunks, in the order received), and the build
 * reads at most `buildBytes` in all (later sessions get no replay), so memory stays bounded too.
 */
export const REPLAY_READ_LIMITS = {
  sessionBytes: 16 * 1024 * 1024,
  sessionChunks: 2_000,
  buildBytes: 256 * 1024 * 1024,
} as const;

/** One sampled drop-off, as its session page shows it. Carries no raw identifier, only the sample id. */
export interface SessionDetail {
  /** The opaque sample id of the report model (`steps[].samples[].id`). */
  id: string;
  journey: string;
  /** 1-based step the unit dropped off after. */
  droppedAfter: number;
  lastStepAt: string;
  /** The unit's events in time order; `steps` lists the journey steps (1-based) each one matches. */
  timeline: { at: string; name: string; path: string; steps: number[] }[];
  /** Whether replay events exist (written as a separate file, see `replays`). */
  hasReplay: boolean;
}

export interface SessionDetails {
  sessions: SessionDetail[];
  /** rrweb events per session id, in time order: the build writes each one to its own file. */
  replays: Map<string, unknown[]>;
}

const SAMPLE_UNITS = 'polku_sample_units';
const SAMPLE_EVENTS = 'polku_sample_events';

/**
 * Timelines and replay events for the drop-off samples the report lists (and no other units).
 * A sample id is a prefix of md5(unit), so units are found again by the same expression, in one
 * scan of the events per unit kind (not one per sample); the rest runs on the few events found.
 */
export async function sessionDetails(config: PolkuConfig, store: Store, data: ReportData): Promise<SessionDetails> {
  const samples = dropOffSamplesOf(config, data);
  if (samples.length === 0) return { sessions: [], replays: new Map() };
  const params = new SqlParams();
  const rows = samples.map(
    ({ journey, sample }) =>
      `(${params.bind(sessionKey(journey.id, sample.id), 'key')}, ${params.bind(journey.id, 'journey')}, ${params.bind(journey.site, 'site')}, ${params.bind(journey.unit, 'unit')}, ${params.bind(sample.id, 'id')})`,
  );
  await store.query(
    `create or replace temporary table ${SAMPLE_UNITS} as
      select * from (values ${rows.join(', ')}) v(key, journey, site, unit_kind, sample_id)`,
    params.values,
  );
  const byKind = (kind: string, column: string) => `select s.key, s.journey, e.ts, e.seq, e.name, e.path, e.props,
      e.page_id, e.site from events e join ${SAMPLE_UNITS} s
      on e.site = s.site and left(md5(e.${column}), 12) = s.sample_id where s.unit_kind = '${kind}'`;
  await store.query(
    `create or replace temporary table ${SAMPLE_EVENTS} as
      ${byKind('session', 'session_id')} union all ${byKind('visitor', 'visitor_id')}`,
  );
  try {
    const timelines = new Map<string, SessionDetail['timeline']>();
    for (const journey of config.journeys) {
      for (const [key, timeline] of await journeyTimelines(store, journey)) timelines.set(key, timeline);
    }
    const replays = await replayEvents(store);
    return { sessions: sampleSessions(samples, timelines, replays), replays };
  } finally {
    await store.query(`drop table if exists ${SAMPLE_EVENTS}`);
    await store.query(`drop table if exists ${SAMPLE_UNITS}`);
  }
}

/** The report's drop-off samples with their journey's config and the step (1-based) they dropped after. */
export function dropOffSamplesOf(config: PolkuConfig, data: ReportData) {
  return data.journeys.flatMap((journey) => {
    const journeyConfig = config.journeys.find((j) => j.id === journey.id);
    if (journeyConfig === undefined) return [];
    return journey.steps.flatMap((step, index) =>
      step.samples.map((sample) => ({ journey: journeyConfig, sample, droppedAfter: index + 1 })),
    );
  });
}

/** The session pages of the samples, from their timelines and replays by session key. */
export function sampleSessions(
  samples: ReturnType<typeof dropOffSamplesOf>,
  timelines: ReadonlyMap<string, SessionDetail['timeline']>,
  replays: ReadonlyMap<string, unknown[]>,
): SessionDetail[] {
  return samples.map(({ journey, sample, droppedAfter }) => {
    const id = sessionKey(journey.id, sample.id);
    return {
      id,
      journey: journey.id,
      droppedAfter,
      lastStepAt: sample.lastStepAt,
      timeline: timelines.get(id) ?? [],
      hasReplay: replays.has(id),
    };
  });
}

/** Session pages are per journey: one unit may be sampled by two journeys. */
export function sessionKey(journey: string, sampleId: string): string {
  return `${journey}-${sampleId}`;
}

/** The sampled units' events of one journey, with the steps each event matches. */
async function journeyTimelines(store: Store, journey: JourneyConfig): Promise<Map<string, SessionDetail['timeline']>> {
  const params = new SqlParams();
  const events = `${SAMPLE_EVENTS}`;
  const stepFlags = journey.steps.map(
    (step, i) => `case when ${stepCondition(step, params, events)} then ${i + 1} end`,
  );
  const rows = await store.rows(
    'session timelines',
    `select key, strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') as at, name, coalesce(path, '') as path,
        list_filter([${stepFlags.join(', ')}]::integer[], (s) -> s is not null) as steps
      from ${events}
      where journey = ${params.bind(journey.id, 'journey')}
      qualify row_number() over (partition by key order by ts, seq) <= ${MAX_TIMELINE_EVENTS}
      order by key, ts, seq`,
    { key: 'string', at: 'string', name: 'string', path: 'string', steps: 'integer[]' },
    params.values,
  );
  const timelines = new Map<string, SessionDetail['timeline']>();
  for (const { key, ...event } of rows) {
    const list = timelines.get(key) ?? [];
    list.push(event);
    timelines.set(key, list);
  }
  return timelines;
}

/**
 * Each sampled unit's replay chunks (linked by page_id), inflated and joined in time order, within
 * REPLAY_READ_LIMITS: the database sends only the first chunks of each session, and reading stops
 * at the first chunk that would not fit.
 */
async function replayEvents(
  store: Store,
  limits: typeof REPLAY_READ_LIMITS = REPLAY_READ_LIMITS,
): Promise<Map<string, unknown[]>> {
  // Blobs come back as base64: plain rows hold strings and numbers only. Stored (gzip) sizes bound
  // the rows fetched; the inflated size is checked while reading.
  const rows = await store.rows(
    'replay chunks',
    `select key, data from (
        select p.key, to_base64(r.data) as data, r.received_at, r.page_id, r.seq,
          row_number() over w as n, sum(octet_length(r.data)) over w as stored
        from replay_chunks r
        join (select distinct key, site, page_id from ${SAMPLE_EVENTS} where page_id is not null) p
          on r.site = p.site and r.page_id = p.page_id
        window w as (partition by p.key order by r.received_at, r.page_id, r.seq rows unbounded preceding))
      where n <= $chunks and stored <= $bytes
      order by key, received_at, page_id, seq`,
    { key: 'string', data: 'string' },
    { chunks: limits.sessionChunks, bytes: limits.sessionBytes },
  );
  const replays = new Map<string, { timestamp?: number }[]>();
  const sessionBytes = new Map<string, number>();
  const full = new Set<string>();
  let buildBytes = 0;
  for (const { key, data } of rows) {
    if (full.has(key)) continue;
    const room = Math.min(limits.sessionBytes - (sessionBytes.get(key) ?? 0), limits.buildBytes - buildBytes);
    const json = inflateWithin(Buffer.from(data, 'base64'), room);
    if (json === null) {
      // Stop here: a replay with a gap in the middle would replay wrongly; its start is kept.
      full.add(key);
      continue;
    }
    sessionBytes.set(key, (sessionBytes.get(key) ?? 0) + json.length);
    buildBytes += json.length;
    const parsed: unknown = JSON.parse(json.toString('utf8'));
    if (!Array.isArray(parsed)) continue;
    let events = replays.get(key);
    if (events === undefined) {
      events = [];
      replays.set(key, events);
    }
    // Appended in place: copying the array for each chunk made a long replay quadratic.
    for (const event of parsed as { timestamp?: number }[]) events.push(event);
  }
  // Chunks of different page loads may arrive out of order; the player needs one timeline.
  for (const events of replays.values()) events.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  return replays as Map<string, unknown[]>;
}

/** The chunk inflated, or null when it would take more than `room` bytes (never inflated past it). */
function inflateWithin(gzip: Buffer, room: number): Buffer | null {
  if (room <= 0) return null;
  try {
    return gunzipSync(gzip, { maxOutputLength: room });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw error;
  }
}
