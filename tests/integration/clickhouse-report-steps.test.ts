import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseCommentsByStep } from '../../reports/clickhouse/journey/comment-queries.ts';
import { propIsString, trimSpacesSql } from '../../reports/clickhouse/journey/feedback-events.ts';
import { clickHouseNextActions } from '../../reports/clickhouse/journey/next-actions.ts';
import { clickHouseNpsByStep } from '../../reports/clickhouse/journey/nps-by-step.ts';
import { duckDbIntegerCasts } from '../../reports/clickhouse/journey/score-cast.ts';
import {
  clickHouseDropOffSamples,
  clickHouseStepCounts,
  clickHouseTimeBeforeLeaving,
  clickHouseTimeFromPrevious,
  clickHouseTimeToConvert,
} from '../../reports/clickhouse/journey/step-queries.ts';
import { type ClickHouseReportRun, closeReportRun, openReportRun } from '../../reports/clickhouse/run-tables.ts';
import { clickHouseSessionDetails } from '../../reports/clickhouse/session-details.ts';
import type { ReportRange } from '../../reports/funnel/journey-events.ts';
import { computeReport } from '../../reports/index.ts';
import { CONVERT_BUCKETS } from '../../reports/journey/assemble.ts';
import { commentsByStep } from '../../reports/journey/comment-queries.ts';
import { computeFeedbackAnswers } from '../../reports/journey/feedback-answers.ts';
import {
  dropOffSamples,
  nextActions,
  npsByStep,
  stepCounts,
  timeBeforeLeaving,
  timeFromPrevious,
  timeToConvert,
} from '../../reports/journey/step-queries.ts';
import type { ReportData } from '../../reports/model.ts';
import { MAX_TIMELINE_EVENTS, sessionDetails } from '../../reports/session-details.ts';
import { clickHouseEventLine } from '../../store/clickhouse/event-rows.ts';
import { sqlString } from '../../store/clickhouse/literal.ts';
import type { StoredEvent } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import { copyStageTables, type ReportEngines, startReportEngines } from '../support/clickhouse-report-run.ts';
import { storedEvent } from '../support/events.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';

/**
 * The per-step metrics (reports/clickhouse/journey/step-queries.ts, next-actions.ts) from a ClickHouse report
 * run give DuckDB's rows on the same events: random shop traffic in both engines, DuckDB's stage
 * tables copied into the run, each query's rows equal to its DuckDB original's, for the whole data
 * and for a range.
 */
const HOSTILE = `'); DROP TABLE events; -- \\ "q" <script>alert(1)</script> \u0001\u001f`;
const config = randomReportConfig();
const randomEvents = randomReportEvents(seededRandom(20261204), 450);
/** The random events come first, the explicit cases after them (arrival order: seq 1, 2, …). */
const randomCount = randomEvents.length;
const events = [...randomEvents, ...feedbackCases(), ...nextActionCases(), ...longSession()];
const buckets = CONVERT_BUCKETS.map((bucket) => bucket.upToSeconds);
let engines: ReportEngines;

/** Rows in one order, for queries whose DuckDB order is not defined. */
function sorted<T>(rows: T[]): T[] {
  return rows
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

describeClickHouse('per-step metrics from a ClickHouse report run', () => {
  beforeAll(async () => {
    engines = await startReportEngines(events);
  });
  afterAll(() => engines?.stop());

  it('reads a prop’s JSON type and trims as DuckDB does, and casts scores with DuckDB', async () => {
    const props = [
      { comment: 'x' },
      { comment: 42 },
      { comment: '42' },
      { comment: true },
      { comment: null },
      { comment: { comment: 'x' } },
      { a: { comment: 'x' }, comment: 5 },
      { 'x"comment': 'y' },
      { 'a\\': '"comment":"', comment: 1 },
      {},
      { comment: ['x'] },
      { comment: '' },
      { b: '},"comment":"x', c: [{ comment: 'y' }], comment: 1.5 },
    ].map((value) => JSON.stringify(value));
    const strings: boolean[] = [];
    for (const text of props) {
      const [row] = await engines.shards.first.query<{ s: number }>(
        `SELECT ${propIsString('comment')} AS s FROM (SELECT ${sqlString(text)} AS props)`,
      );
      strings.push(row?.s === 1);
    }
    const duckDb: boolean[] = [];
    for (const text of props) {
      const [row] = await engines.store.query(
        `select coalesce(json_type($p::json, '$.comment') = 'VARCHAR', false) as s`,
        { p: text },
      );
      duckDb.push(row?.s === true);
    }
    expect(strings).toEqual(duckDb);
    expect(strings.filter(Boolean)).toHaveLength(3);

    const padded = [
      '\u00a0a\u3000',
      '\t a \n',
      '  ',
      ' a b ',
      '\u2028x\u2028',
      '\u200bx',
      'x\u205f',
      '\u1680\u180ey\u202f',
      'é ',
    ];
    const trimmed: string[] = [];
    const duckDbTrimmed: string[] = [];
    for (const text of padded) {
      const [row] = await engines.shards.first.query<{ t: string }>(`SELECT ${trimSpacesSql(sqlString(text))} AS t`);
      trimmed.push(String(row?.t));
      const [duck] = await engines.store.query('select trim($t) as t', { t: text });
      duckDbTrimmed.push(String(duck?.t));
    }
    expect(trimmed).toEqual(duckDbTrimmed);
    expect(trimmed[0]).toBe('a');

    const casts = await duckDbIntegerCasts(['9', ' 9 ', '9.5', '9.4', '1e1', '0x9', '９', '', 'true']);
    expect(Object.fromEntries(casts)).toEqual({
      '9': 9,
      ' 9 ': 9,
      '9.5': 10,
      '9.4': 9,
      '1e1': 10,
      '0x9': 9,
      '９': null,
      '': null,
      true: null,
    });
  });

  const ranges: [string, ReportRange][] = [
    ['all events', {}],
    ['a range', { from: '2026-03-03T00:00:00.000Z', to: '2026-03-08T12:00:00.000Z' }],
  ];
  for (const [label, range] of ranges) {
    describe(label, () => {
      let run: ClickHouseReportRun;
      let data: ReportData;
      beforeAll(async () => {
        data = await computeReport(config, engines.store, { range });
        run = await openReportRun(engines.shards, ['shop']);
        await copyStageTables(engines.store, run, ['journey_list', 'journey_units', 'session_facts']);
      });
      afterAll(() => closeReportRun(run));

      it('counts units per step', async () => {
        const expected = sorted(await stepCounts(engines.store));
        expect(expected.some((row) => row.step > 1 && row.units > 0)).toBe(true);
        expect(sorted(await clickHouseStepCounts(run))).toEqual(expected);
      });

      it('times from the previous step, to convert and before leaving', async () => {
        const previous = sorted(await timeFromPrevious(engines.store));
        expect(previous.length).toBeGreaterThan(3);
        expect(sorted(await clickHouseTimeFromPrevious(run))).toEqual(previous);
        const convert = sorted(await timeToConvert(engines.store, buckets));
        expect(convert.some((row) => row.units > 1)).toBe(true);
        expect(sorted(await clickHouseTimeToConvert(run, buckets))).toEqual(convert);
        expect(await clickHouseTimeToConvert(run, [])).toEqual(sorted(await timeToConvert(engines.store, [])));
        const leaving = sorted(await timeBeforeLeaving(engines.store));
        expect(leaving.some((row) => row.median > 0)).toBe(true);
        expect(sorted(await clickHouseTimeBeforeLeaving(run))).toEqual(leaving);
      });

      it('finds the next action of dropped units', async () => {
        const expected = sorted(await nextActions(engines.store));
        expect(expected.some((row) => row.action === '(left)')).toBe(true);
        // The explicit cases: a page view without a path is skipped, an empty path is an action.
        expect(expected.map((row) => row.action)).toEqual(
          expect.arrayContaining([HOSTILE, '', `/a'b\\c<i>\n${HOSTILE}`, '(left)', '/cart']),
        );
        expect(sorted(await clickHouseNextActions(run))).toEqual(expected);
      });

      it('scores NPS per step as DuckDB reads the scores', async () => {
        await computeFeedbackAnswers(engines.store, range);
        const expected = sorted(await npsByStep(engines.store));
        expect(expected.some((row) => row.promoters > 0 && row.detractors > 0 && row.passives > 0)).toBe(true);
        expect(sorted(await clickHouseNpsByStep(run, range))).toEqual(expected);
      });

      it('keeps the newest comments per step, trimmed, only JSON strings with a valid score', async () => {
        await computeFeedbackAnswers(engines.store, range);
        const expected = await commentsByStep(engines.store);
        expect(expected.some((row) => row.total > 20)).toBe(true);
        const texts = expected.map((row) => row.comment);
        // The explicit cases below, as DuckDB reads them: a string "42" is a comment, a number 42 is not.
        expect(texts).toEqual(expect.arrayContaining(['42', 'wide spaces', '\t tab kept\n', HOSTILE]));
        for (const excluded of ['5', 'true', '{"comment":"nested"}', 'key ending in comment', '', '  ']) {
          expect(texts).not.toContain(excluded);
        }
        expect(await clickHouseCommentsByStep(run, range)).toEqual(expected);
      });

      it('gives the sampled units’ timelines for their session pages', async () => {
        const expected = await sessionDetails(config, engines.store, data);
        expect(expected.sessions.length).toBeGreaterThan(10);
        expect(expected.sessions.some((s) => s.timeline.some((event) => event.steps.length > 0))).toBe(true);
        // The long session is sampled (its md5 is among the smallest) and its timeline capped.
        expect(expected.sessions.some((s) => s.timeline.length === MAX_TIMELINE_EVENTS)).toBe(true);
        expect(await clickHouseSessionDetails(config, run, data)).toEqual(expected);
      });

      it('samples dropped units, in DuckDB’s order', async () => {
        const expected = await dropOffSamples(engines.store);
        expect(expected.length).toBeGreaterThan(10);
        expect(await clickHouseDropOffSamples(run)).toEqual(expected);
      });
    });
  }

  describe('events shipped twice, not merged yet', () => {
    let run: ClickHouseReportRun;
    let data: ReportData;
    beforeAll(async () => {
      data = await computeReport(config, engines.store);
      run = await openReportRun(engines.shards, ['shop']);
      await copyStageTables(engines.store, run, ['journey_list', 'journey_units', 'session_facts']);
      // A retried segment: the same rows (same seq) again, kept apart by stopping merges.
      for (const shard of engines.shards.shards) await shard.command('SYSTEM STOP MERGES');
      const explicit = events.length - randomCount;
      const lines = events
        .slice(randomCount)
        .map((event, index) => clickHouseEventLine(event, BigInt(randomCount + index + 1)))
        .join('');
      await engines.shards.first.insertJsonLines('events', lines, { insert_distributed_sync: 1 });
      const [counts] = await engines.shards.first.query<{ all: string; once: string }>(
        'SELECT (SELECT count() FROM events) AS all, (SELECT count() FROM events FINAL) AS once',
      );
      expect(Number(counts?.all) - Number(counts?.once)).toBe(explicit);
    });
    afterAll(() => closeReportRun(run));

    it('count them once', async () => {
      await computeFeedbackAnswers(engines.store);
      expect(sorted(await clickHouseNpsByStep(run))).toEqual(sorted(await npsByStep(engines.store)));
      expect(await clickHouseCommentsByStep(run)).toEqual(await commentsByStep(engines.store));
      expect(sorted(await clickHouseNextActions(run))).toEqual(sorted(await nextActions(engines.store)));
      expect(await clickHouseSessionDetails(config, run, data)).toEqual(
        await sessionDetails(config, engines.store, data),
      );
    });
  });
});

/**
 * Feedback the random traffic lacks: scores that are strings, decimals, exponents, hex or out of
 * range; comments that are numbers, booleans, nested objects (as an imported file may hold), blank
 * after DuckDB's trim (which strips Unicode spaces but not tabs) or hostile; and more than
 * COMMENTS_PER_STEP comments of one step at one timestamp, so the cap and the tie-break by id count.
 */
function feedbackCases(): StoredEvent[] {
  const at = (minute: number) => Date.UTC(2026, 2, 5, 10, minute);
  const session = { visitorId: 'fb-visitor', sessionId: 'fb-session' };
  const feedback = (ts: number, props: Record<string, unknown>) =>
    storedEvent({ ...session, ts, name: 'feedback', path: '/thanks', props: props as StoredEvent['props'] });
  const scores: unknown[] = [
    '9',
    ' 9 ',
    '9.5',
    '8.5',
    '1e1',
    '0x9',
    '-0.4',
    '11',
    9.4,
    true,
    '９',
    'abc',
    '',
    '+7',
    '0b110',
    '1_0',
    10,
  ];
  const comments: unknown[] = [
    42,
    '42',
    true,
    { comment: 'nested' },
    '\u00a0wide spaces\u3000',
    '\t tab kept\n',
    '  ',
    HOSTILE,
  ];
  return [
    storedEvent({ ...session, ts: at(0), name: 'pageview', path: '/products/lamp' }),
    storedEvent({ ...session, ts: at(1), name: 'add_to_cart', path: '/cart' }),
    // Before step 1 of a journey in another session: not counted there.
    // Before the unit's first step: not counted.
    feedback(at(0) - 60_000, { score: 3, comment: 'before any step' }),
    ...scores.map((score, index) => feedback(at(2 + index), { score, comment: `score ${JSON.stringify(score)}` })),
    ...comments.map((comment, index) => feedback(at(50), { comment, score: index % 2 === 0 ? 9 : '6' })),
    feedback(at(51), { score: 5, comment: 5, meta: { comment: 'not a string' } }),
    feedback(at(51), { 'x"comment': 'key ending in comment', score: 8 }),
    ...Array.from({ length: 24 }, (_, index) => feedback(at(40), { score: index % 11, comment: `same time ${index}` })),
    // On the range's end: excluded with the range.
    feedback(Date.UTC(2026, 2, 8, 12, 0), { score: 10, comment: 'at the end' }),
  ];
}

/** Dropped units whose next event is a page view without a path (skipped, as arg_min skips nulls), an empty path, or hostile. */
function nextActionCases(): StoredEvent[] {
  const t = Date.UTC(2026, 2, 6, 9, 0);
  const visit = (id: string, after: Partial<StoredEvent>[]) => [
    storedEvent({ visitorId: `na-${id}`, sessionId: `na-${id}`, ts: t, name: 'pageview', path: '/products/chair' }),
    storedEvent({ visitorId: `na-${id}`, sessionId: `na-${id}`, ts: t, name: 'add_to_cart', path: '/cart' }),
    ...after.map((event) => storedEvent({ visitorId: `na-${id}`, sessionId: `na-${id}`, ts: t, ...event })),
  ];
  return [
    ...visit('null-path', [
      { name: 'pageview', path: null },
      { name: HOSTILE, path: null, ts: t + 60_000 },
    ]),
    ...visit('empty-path', [{ name: 'pageview', path: '' }]),
    ...visit('hostile-path', [{ name: 'pageview', path: `/a'b\\c<i>\n${HOSTILE}` }]),
  ];
}

/**
 * A session that drops off after step 1 with more events than a session page shows, many at one
 * timestamp (arrival order decides), with an id whose md5 starts with 0000: drop-off samples are the
 * units with the smallest md5, so it is sampled.
 */
function longSession(): StoredEvent[] {
  let n = 0;
  while (!createHash('md5').update(`long-${n}`).digest('hex').startsWith('0000')) n++;
  const ids = { visitorId: 'long-visitor', sessionId: `long-${n}` };
  const t = Date.UTC(2026, 2, 6, 15, 0);
  return [
    storedEvent({ ...ids, ts: t, name: 'pageview', path: '/products/lamp' }),
    ...Array.from({ length: 240 }, (_, i) =>
      storedEvent({ ...ids, ts: t + Math.floor(i / 40) * 60_000, name: 'pageview', path: `/about/${i}` }),
    ),
  ];
}
