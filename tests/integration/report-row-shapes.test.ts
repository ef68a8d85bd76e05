import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { campaignJourneys } from '../../reports/campaign/campaign-journeys.ts';
import { campaignPeriods, campaignTotals } from '../../reports/campaign/campaign-queries.ts';
import { computeReport } from '../../reports/index.ts';
import { breakdownCounts } from '../../reports/journey/segment-queries.ts';
import {
  dropOffSamples,
  nextActions,
  STEP_COUNT_SHAPE,
  stepCounts,
  timeToConvert,
} from '../../reports/journey/step-queries.ts';
import { RowShapeError, Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The row shapes of the report queries against what DuckDB really returns: counts as integers, lists
 * as decoded arrays, timestamps as ISO strings. The queries read the temporary tables that
 * computeReport leaves on the store's connection.
 */
const T0 = Date.UTC(2026, 2, 1, 12);
const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  campaigns: { spring: { from: '2026-03-01', to: '2026-03-02', journey: 'checkout' } },
  report: { timezone: 'UTC' },
});
const zeros = (count: number) => Array.from({ length: count }, () => 0);
const sampleId = (unit: string) => createHash('md5').update(unit).digest('hex').slice(0, 12);

let store: Store;
beforeAll(async () => {
  store = await Store.open(join(tempDir(), 'row-shapes.duckdb'));
  const session = (n: number, extra: Partial<StoredEvent> = {}) => ({
    sessionId: `s${n}`,
    visitorId: `v${n}`,
    ...extra,
  });
  await appendEvents(store, [
    // s1 (campaign) pays 30 s after its product page; s2 (campaign) goes to the cart; s3 just leaves.
    storedEvent(session(1, { path: '/products/a', ts: T0, utmCampaign: 'spring' })),
    storedEvent(session(1, { name: 'purchase', ts: T0 + 30_000, value: 20 })),
    storedEvent(session(2, { path: '/products/b', ts: T0 + 60_000, utmCampaign: 'spring' })),
    storedEvent(session(2, { path: '/cart', ts: T0 + 90_000 })),
    storedEvent(session(3, { path: '/products/c', ts: T0 + 120_000 })),
  ]);
  await computeReport(config, store);
});
afterAll(() => store.close());

describe('report query rows, typed from real DuckDB results', () => {
  it('counts arrive as integers and a list of counts as an array', async () => {
    const steps = await stepCounts(store);
    expect(steps.sort((a, b) => a.step - b.step)).toEqual([
      { journey: 'checkout', step: 1, units: 3 },
      { journey: 'checkout', step: 2, units: 1 },
    ]);
    expect(await timeToConvert(store, [10, 60])).toEqual([
      { journey: 'checkout', units: 1, median: 30, p75: 30, within: [0, 1] },
    ]);
    const byCampaign = (await breakdownCounts(store)).filter((row) => row.dimension === 'campaign');
    expect(byCampaign.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { journey: 'checkout', dimension: 'campaign', value: '(none)', steps: [1, ...zeros(19)] },
      { journey: 'checkout', dimension: 'campaign', value: 'spring', steps: [2, 1, ...zeros(18)] },
    ]);
    expect(await campaignJourneys(store, config)).toEqual([
      { journey: 'checkout', campaign: 'spring', steps: [2, 1, ...zeros(18)] },
    ]);
    expect(await campaignTotals(store)).toEqual([
      { campaign: 'spring', visitors: 2, sessions: 2, bounces: 0, pageviews: 3, value: 20 },
    ]);
  });

  it('strings, booleans and timestamps arrive as strings, booleans and ISO strings', async () => {
    const actions = await nextActions(store);
    expect(actions.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { journey: 'checkout', step: 1, action: '(left)', units: 1 },
      { journey: 'checkout', step: 1, action: '/cart', units: 1 },
    ]);
    const samples = await dropOffSamples(store);
    expect(samples.sort((a, b) => a.last_step_at.localeCompare(b.last_step_at))).toEqual([
      { journey: 'checkout', step: 1, id: sampleId('s2'), last_step_at: '2026-03-01T12:01:00.000Z', has_replay: false },
      { journey: 'checkout', step: 1, id: sampleId('s3'), last_step_at: '2026-03-01T12:02:00.000Z', has_replay: false },
    ]);
    // The period is 1–2 March inclusive; "now" is the newest event, 12:02 on the first day.
    expect(await campaignPeriods(store)).toEqual([
      {
        campaign: 'spring',
        starts_at: '2026-03-01T00:00:00.000Z',
        ends_at: '2026-03-03T00:00:00.000Z',
        elapsed: (12 * 3600 + 120) / (2 * 86_400),
      },
    ]);
  });

  it('a query whose column was renamed fails loudly, naming the query and the column', async () => {
    await expect(
      store.rows('step counts', `select 'checkout' as journey, 1 as step, 3 as unit_count`, STEP_COUNT_SHAPE),
    ).rejects.toThrow(new RowShapeError('step counts: row 1 has no column "units" (it has journey, step, unit_count)'));
  });
});
