import { describe, expect, it } from 'vitest';
import { utmWarnings } from '../../reports/campaign/utm-warnings.ts';
import { utmWarningText } from '../../site/src/utm-warnings.ts';

describe('campaign tagging warnings', () => {
  const campaign = {
    variants: [
      { spelling: 'spring', sessions: 6 },
      { spelling: 'Spring', sessions: 4 },
    ],
    sessions: 10,
    sources: [
      { value: 'newsletter', sessions: 7 },
      { value: '', sessions: 3 },
    ],
    mediums: [
      { value: 'e-mail', sessions: 5 },
      { value: 'emial', sessions: 4 },
    ],
  };

  it('are in the report model, by the rules polku check applies', () => {
    expect(utmWarnings(campaign)).toEqual([
      { kind: 'spellings', spellings: 2 },
      { kind: 'no-source', sessions: 3 },
      { kind: 'no-medium', sessions: 1 },
      { kind: 'unknown-medium', medium: 'emial', sessions: 4 },
    ]);
  });

  it('read as sentences on the campaign page', () => {
    expect(utmWarnings(campaign).map((warning) => utmWarningText(warning, campaign))).toEqual([
      'utm_campaign is spelled 2 ways: “spring” (6 sessions), “Spring” (4 sessions); use one spelling.',
      '3 sessions have no utm_source.',
      '1 session has no utm_medium.',
      'utm_medium “emial” (4 sessions) is not a medium analytics tools recognise.',
    ]);
  });
});
