import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeReport, reportFiles, toCsv } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const T0 = Date.UTC(2026, 2, 1, 12);
const at = (minute: number) => T0 + minute * 60_000;
const iso = (minute: number) => new Date(at(minute)).toISOString();

const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Cart', page: '/cart' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
});

const page = (session: string, path: string, minute: number) =>
  storedEvent({ sessionId: session, visitorId: session, path, ts: at(minute) });
const feedback = (session: string, minute: number, props: Record<string, string | number>) =>
  storedEvent({ sessionId: session, visitorId: session, name: 'feedback', props, ts: at(minute) });

describe('feedback comments per step', () => {
  it('lists each step’s comments newest first with their scores, at most 20, in the model and a CSV', async () => {
    const store = await Store.open(join(tempDir(), 'polku.duckdb'));
    await appendEvents(store, [
      // s1: a comment at step 1, one at step 2, and a score without a comment (no row).
      page('s1', '/products/lamp', 0),
      feedback('s1', 1, { score: 3, comment: 'too slow' }),
      page('s1', '/cart', 2),
      feedback('s1', 3, { score: 10, comment: 'Great' }),
      feedback('s1', 4, { score: 8 }),
      // s2: trimmed; a score out of range, an empty comment and a number as comment are left out.
      page('s2', '/products/chair', 0),
      page('s2', '/cart', 1),
      feedback('s2', 5, { score: 9, comment: '  Nice, [phone] please  ' }),
      feedback('s2', 6, { score: 11, comment: 'bad score' }),
      feedback('s2', 7, { score: 7, comment: '   ' }),
      feedback('s2', 8, { score: 6, comment: 42 }),
      // s3 is not in the journey; s4 commented before its step 1.
      feedback('s3', 1, { score: 5, comment: 'not in a journey' }),
      feedback('s4', 0, { score: 5, comment: 'before step 1' }),
      page('s4', '/products/lamp', 1),
      // s5 converted and then commented 22 times: the newest 20 are kept.
      page('s5', '/products/lamp', 0),
      page('s5', '/cart', 1),
      storedEvent({ sessionId: 's5', visitorId: 's5', name: 'purchase', ts: at(2) }),
      ...Array.from({ length: 22 }, (_, i) =>
        feedback('s5', 10 + i, { score: i % 11, comment: i === 21 ? '=HYPERLINK("x")' : `comment ${i}` }),
      ),
    ]);
    const report = await computeReport(config, store);
    await store.close();
    const [journey] = report.journeys;
    expect(journey?.steps.map((s) => s.comments.total)).toEqual([1, 2, 22]);
    expect(journey?.steps[0]?.comments.newest).toEqual([{ at: iso(1), score: 3, comment: 'too slow' }]);
    expect(journey?.steps[1]?.comments.newest).toEqual([
      { at: iso(5), score: 9, comment: 'Nice, [phone] please' },
      { at: iso(3), score: 10, comment: 'Great' },
    ]);
    const paid = journey?.steps[2]?.comments.newest ?? [];
    expect(paid).toHaveLength(20);
    expect(paid[0]).toEqual({ at: iso(31), score: 10, comment: '=HYPERLINK("x")' });
    expect(paid[1]).toEqual({ at: iso(30), score: 9, comment: 'comment 20' });
    expect(paid[19]).toEqual({ at: iso(12), score: 2, comment: 'comment 2' });
    // NPS counts every valid score, with or without a comment.
    expect(journey?.steps[1]?.nps).toEqual({ responses: 5, score: 20, promoters: 2, passives: 2, detractors: 1 });

    const file = reportFiles(report).find((f) => f.path === 'journeys/checkout.comments.csv');
    const lines = toCsv(file?.csv?.header ?? [], file?.csv?.rows ?? []).split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'step,name,at,score,comment',
      `1,Product,${iso(1)},3,too slow`,
      `2,Cart,${iso(5)},9,"Nice, [phone] please"`,
      `2,Cart,${iso(3)},10,Great`,
      `3,Paid,${iso(31)},10,"'=HYPERLINK(""x"")"`,
      `3,Paid,${iso(30)},9,comment 20`,
    ]);
    expect(lines).toHaveLength(1 + 1 + 2 + 20 + 1);
  });
});
