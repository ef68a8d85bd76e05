import { describe, expect, it } from 'vitest';
import { scrubComment, scrubFeedbackComment } from '../../collector/enrich/scrub-comment.ts';

describe('scrubbing contact details from feedback comments', () => {
  it.each([
    ['Mail me: maija.meikalainen+shop@example.co.uk thanks', 'Mail me: [email] thanks'],
    ['ÄÄKKÖSET: pääkäyttäjä@yritys.fi.', 'ÄÄKKÖSET: [email].'],
    ['call +358 40 123 4567 please', 'call [phone] please'],
    ['call +358401234567', 'call [phone]'],
    ['soita 040-123 4567 tai 040 1234567', 'soita [phone] tai [phone]'],
    ['(09) 123 4567 is the office', '[phone] is the office'],
    ['US: +1 (555) 123-4567, UK: +44 20 7946 0958', 'US: [phone], UK: [phone]'],
    ['DE 0049 30 1234567 / FR 01.23.45.67.89', 'DE [phone] / FR [phone]'],
    ['555-123-4567 or 0401234567', '[phone] or [phone]'],
    ['both: a@b.fi, +358 9 1234 567', 'both: [email], [phone]'],
  ])('%j becomes %j', (comment, scrubbed) => {
    expect(scrubComment(comment)).toBe(scrubbed);
  });

  it.each([
    'order 12345 arrived late',
    '5 stars, would buy again',
    'order 12345678 was fine',
    'ordered on 1.12.2026 at 14.30, delivered 2026-12-03',
    'paid 1 299 € for 2 items, 10/10',
    'the v2.3 app, 3-4 days',
    '@home with 100% satisfaction',
  ])('keeps %j', (comment) => {
    expect(scrubComment(comment)).toBe(comment);
  });

  it('scrubs only the comment of feedback events', () => {
    const props = { score: 3, comment: 'call 040 123 4567', question: 'Call 040 123 4567?' };
    expect(scrubFeedbackComment({ name: 'feedback', props })).toEqual({
      score: 3,
      comment: 'call [phone]',
      question: 'Call 040 123 4567?',
    });
    expect(scrubFeedbackComment({ name: 'contact', props })).toBe(props);
    expect(scrubFeedbackComment({ name: 'feedback', props: { score: 8 } })).toEqual({ score: 8 });
    expect(scrubFeedbackComment({ name: 'feedback' })).toBeUndefined();
  });
});
