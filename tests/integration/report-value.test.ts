import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { type CampaignReport, computeReport, type ReportData } from '../../reports/index.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const T0 = Date.UTC(2026, 2, 2, 10);
const minutes = (n: number) => T0 + n * 60_000;

const checkout = {
  id: 'checkout',
  name: 'Checkout',
  site: 'shop',
  steps: [
    { name: 'Product', page: '/products/*' },
    { name: 'Cart', event: 'add_to_cart' },
    { name: 'Checkout', event: 'begin_checkout' },
    { name: 'Paid', event: 'purchase' },
  ],
};

/** One session from a campaign that views a product, and whatever else it did, a minute apart. */
function visit(
  campaign: string,
  visitor: string,
  session: string,
  rest: Partial<StoredEvent>[],
  start = 0,
): StoredEvent[] {
  return [
    storedEvent({
      sessionId: session,
      visitorId: visitor,
      path: '/products/lamp',
      ts: minutes(start),
      utmCampaign: campaign,
      utmSource: 'newsletter',
      utmMedium: 'email',
    }),
    ...rest.map((event, index) =>
      storedEvent({ sessionId: session, visitorId: visitor, ts: minutes(start + index + 1), ...event }),
    ),
  ];
}

/** A purchase that carries its amount in every step on the way: add_to_cart and begin_checkout too. */
const sale = (amount: number): Partial<StoredEvent>[] => [
  { name: 'add_to_cart', value: amount },
  { name: 'begin_checkout', value: amount },
  { name: 'purchase', value: amount },
];

async function report(input: PolkuConfigInput, events: StoredEvent[]): Promise<ReportData> {
  const store = await Store.open(join(tempDir(), 'value.duckdb'));
  try {
    await appendEvents(store, events);
    return await computeReport(parseConfig(input), store);
  } finally {
    await store.close();
  }
}

const campaignOf = (data: ReportData, name: string): CampaignReport => {
  const found = data.campaigns.find((campaign) => campaign.campaign === name);
  if (found === undefined) throw new Error(`no campaign ${name}`);
  return found;
};

describe('value counts only conversion events', () => {
  it('counts a 120 € sale once although add_to_cart and begin_checkout carry the value too (journey last step)', async () => {
    const data = await report(
      {
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [checkout],
        campaigns: {
          lamp: { journey: 'checkout', budget: 80, targets: { revenue: 100 } },
          // Drives no journey and there is no revenue definition: any journey's last step counts.
          awareness: {},
        },
        report: { timezone: 'UTC' },
      },
      [
        ...visit('lamp', 'v1', 's1', sale(120)),
        // A second visitor fills the cart and leaves: the cart's value was never earned.
        ...visit('lamp', 'v2', 's2', [{ name: 'add_to_cart', value: 75 }]),
        ...visit('awareness', 'v3', 's3', sale(40)),
      ],
    );
    const lamp = campaignOf(data, 'lamp');
    expect(lamp.value).toEqual({
      source: 'journey',
      total: 120,
      perVisitor: 60,
      // One payer: the top 10 % of one visitor is a tenth of that visitor's value (see ValueConcentration).
      top10Share: 0.1,
      top20Share: 0.2,
      payers: 1,
      deciles: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    });
    expect(lamp.daily).toEqual([{ day: '2026-03-02', sessions: 2, visitors: 2, value: 120 }]);
    expect(lamp.targets.find((t) => t.metric === 'revenue')?.actual).toBe(120);
    // 80 € for one conversion; 120 € back for 80 € spent.
    expect(lamp.budget).toEqual({ amount: 80, costPerConversion: 80, returnOnSpend: 1.5 });
    const awareness = campaignOf(data, 'awareness');
    expect([awareness.value.source, awareness.value.total, awareness.value.payers]).toEqual(['journeys', 40, 1]);
    // The journey counts its last step's events on the whole site: both purchases.
    // 120 and 40: the top 10 % of two payers is 0.2 of the first (24 of 160), the top half all of it.
    expect(data.journeys[0]?.value).toEqual({
      total: 160,
      payers: 2,
      deciles: [0.15, 0.3, 0.45, 0.6, 0.75, 0.8, 0.85, 0.9, 0.95, 1],
    });
  });

  it('with a revenue definition, counts the defined event for every campaign, reading the amount from a property', async () => {
    const data = await report(
      {
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [checkout],
        campaigns: { lamp: { journey: 'checkout', budget: 50 }, awareness: {} },
        revenue: { event: 'order_paid', props: { status: 'paid' }, valueProp: 'total' },
        report: { timezone: 'UTC', campaigns: { minSessions: 1 } },
      },
      [
        // The purchase's own value is not what the definition reads: `total` of order_paid is.
        ...visit('lamp', 'v1', 's1', [...sale(999), { name: 'order_paid', props: { status: 'paid', total: '64.5' } }]),
        ...visit('lamp', 'v2', 's2', [{ name: 'order_paid', props: { status: 'refused', total: 300 } }]),
        ...visit('awareness', 'v3', 's3', [{ name: 'order_paid', props: { status: 'paid', total: 20 } }]),
        // Seen in the data, not configured: the definition holds for it too.
        ...visit('word-of-mouth', 'v4', 's4', [{ name: 'order_paid', props: { status: 'paid', total: 10 } }]),
        // A total that is no number counts as no value.
        ...visit('word-of-mouth', 'v5', 's5', [{ name: 'order_paid', props: { status: 'paid', total: 'ten' } }]),
      ],
    );
    const lamp = campaignOf(data, 'lamp');
    expect([lamp.value.source, lamp.value.total, lamp.value.payers]).toEqual(['revenue', 64.5, 1]);
    expect(lamp.budget).toEqual({ amount: 50, costPerConversion: 50, returnOnSpend: 1.29 });
    expect([campaignOf(data, 'awareness').value.source, campaignOf(data, 'awareness').value.total]).toEqual([
      'revenue',
      20,
    ]);
    expect(campaignOf(data, 'word-of-mouth').value.total).toBe(10);
    // The journey still counts its own last step (purchase, 999 €) and not the definition.
    expect(data.journeys[0]?.value.total).toBe(999);
  });
});

describe('where value comes from without a journey', () => {
  it('counts one purchase once for a campaign without a journey, although two journeys end in it', async () => {
    const data = await report(
      {
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [
          checkout,
          {
            id: 'quick',
            name: 'Quick buy',
            site: 'shop',
            steps: [
              { name: 'Product', page: '/products/*' },
              { name: 'Paid', event: 'purchase' },
            ],
          },
        ],
        report: { campaigns: { minSessions: 1 } },
      },
      visit('seen', 'v1', 's1', sale(120)),
    );
    expect([campaignOf(data, 'seen').value.source, campaignOf(data, 'seen').value.total]).toEqual(['journeys', 120]);
    expect(data.journeys.map((journey) => journey.value.total)).toEqual([120, 120]);
    // Both journeys end in the purchase, so the second takes the first's ranked payers (ranked once).
    const one = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    expect(data.journeys.map((journey) => [journey.id, journey.value.payers, journey.value.deciles])).toEqual([
      ['checkout', 1, one],
      ['quick', 1, one],
    ]);
  });

  it('counts no value without journeys and without a revenue definition', async () => {
    const data = await report(
      { sites: [{ id: 'shop', origins: ['https://shop.example'] }], campaigns: { lamp: { budget: 10 } } },
      visit('lamp', 'v1', 's1', sale(120)),
    );
    const lamp = campaignOf(data, 'lamp');
    expect([lamp.value.source, lamp.value.total, lamp.value.payers, lamp.budget?.returnOnSpend]).toEqual([
      null,
      0,
      0,
      0,
    ]);
  });
});

describe('value deciles of paying visitors', () => {
  // 10 paying visitors (ties at 20 and 10), one visitor paying in two sessions (30 + 20 = 50), one
  // visitor who paid nothing; total 300.
  const amounts = [100, 40, 30, 20, 20, 15, 10, 10, 5];
  const tenPayers = [
    ...amounts.flatMap((amount, index) =>
      visit('ten', `p${index}`, `t${index}`, [{ name: 'purchase', value: amount }]),
    ),
    ...visit('ten', 'p9', 't9a', [{ name: 'purchase', value: 30 }]),
    ...visit('ten', 'p9', 't9b', [{ name: 'purchase', value: 20 }], 30),
    ...visit('ten', 'free', 't10', [{ name: 'purchase', value: 0 }]),
  ];
  // Three payers, two of them tied: 60, 30, 30.
  const threePayers = [60, 30, 30].flatMap((amount, index) =>
    visit('three', `q${index}`, `u${index}`, [{ name: 'purchase', value: amount }]),
  );

  it('gives the share of value from the top 10 %, 20 %, … of payers, exactly, with ties and fewer than 10 payers', async () => {
    const data = await report(
      {
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [checkout],
        campaigns: { ten: { journey: 'checkout' }, three: { journey: 'checkout' } },
        report: { timezone: 'UTC' },
      },
      [...tenPayers, ...threePayers],
    );
    const ten = campaignOf(data, 'ten').value;
    expect([ten.total, ten.payers, ten.top10Share, ten.top20Share]).toEqual([300, 10, 0.333333, 0.5]);
    // 100 | 50 | 40 | 30 | 20 | 20 | 15 | 10 | 10 | 5, summed from the top.
    expect(ten.deciles).toEqual([0.333333, 0.5, 0.633333, 0.733333, 0.8, 0.866667, 0.916667, 0.95, 0.983333, 1]);
    // 3 payers: the top 10 % is 0.3 of the first (18 of 120), the top 40 % the first and 0.2 of the second.
    expect(campaignOf(data, 'three').value.deciles).toEqual([0.15, 0.3, 0.45, 0.55, 0.625, 0.7, 0.775, 0.85, 0.925, 1]);
    // The journey's payers are both campaigns' 13: 420 in all.
    const journey = data.journeys[0]?.value;
    expect([journey?.total, journey?.payers, journey?.deciles[0]]).toEqual([420, 13, round6((100 + 0.3 * 60) / 420)]);
  });

  it('has no deciles without paying visitors', async () => {
    const data = await report(
      {
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [checkout],
        campaigns: { ten: { journey: 'checkout' } },
      },
      visit('ten', 'v1', 's1', [{ name: 'add_to_cart', value: 12 }]),
    );
    expect(campaignOf(data, 'ten').value).toMatchObject({ total: 0, payers: 0, deciles: [], top10Share: 0 });
    expect(data.journeys[0]?.value).toEqual({ total: 0, payers: 0, deciles: [] });
  });
});

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
