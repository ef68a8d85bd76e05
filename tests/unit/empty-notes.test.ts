import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { emptyNotes, localToday } from '../../reports/empty-notes.ts';

describe('ended campaigns without notes', () => {
  it("takes today's date on the report's calendar, not UTC's", () => {
    // 22:30 UTC on 31 March is already 1 April in Helsinki (UTC+3 in summer time).
    expect(localToday('Europe/Helsinki', new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(localToday('UTC', new Date('2026-03-31T22:30:00Z'))).toBe('2026-03-31');
  });

  it('counts a campaign as ended only after its last day', () => {
    const config = parseConfig({
      sites: [{ id: 'shop', origins: ['https://shop.example'] }],
      campaigns: { spring: { to: '2026-03-31', notes: 'notes/spring.md' } },
    });
    expect(emptyNotes(config, { spring: '\n' }, '2026-03-31')).toEqual([]);
    expect(emptyNotes(config, { spring: '\n' }, '2026-04-01')).toEqual([
      {
        level: 'warning',
        path: 'campaigns.spring.notes',
        message: 'campaign "spring" ended on 2026-03-31 and its notes "notes/spring.md" are still empty',
      },
    ]);
    expect(emptyNotes(config, { spring: 'Learned: send on Tuesdays.' }, '2026-04-01')).toEqual([]);
  });
});
