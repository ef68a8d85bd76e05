/**
 * The one table of `utm_medium` values Polku recognises. The collector's channel rules
 * (collector/enrich/channel.ts), `polku check` and the campaign pages' tagging warnings all read
 * it, so they can't disagree about a medium (they once did about "e-mail").
 *
 * Keys are in normal form (see normaliseMedium). The value is the channel the medium alone decides,
 * or null where GA4 recognises the medium but the referrer decides the channel (as for "referral").
 */
export const MEDIUM_CHANNELS: Readonly<Record<string, MediumChannel | null>> = {
  cpc: 'Paid Search',
  ppc: 'Paid Search',
  paid: 'Paid Search',
  paidsearch: 'Paid Search',
  'paid-search': 'Paid Search',
  sem: 'Paid Search',
  paidsocial: 'Paid Social',
  'paid-social': 'Paid Social',
  socialpaid: 'Paid Social',
  'social-paid': 'Paid Social',
  'cpm-social': 'Paid Social',
  email: 'Email',
  'e-mail': 'Email',
  newsletter: 'Email',
  display: 'Display',
  banner: 'Display',
  cpm: 'Display',
  programmatic: 'Display',
  retargeting: 'Display',
  affiliate: 'Affiliate',
  affiliates: 'Affiliate',
  social: 'Organic Social',
  socialnetwork: 'Organic Social',
  'social-network': 'Organic Social',
  sm: 'Organic Social',
  organic: 'Organic Search',
  cpa: null,
  cpv: null,
  push: null,
  qr: null,
  referral: null,
  sms: null,
  video: null,
};

export type MediumChannel =
  | 'Paid Search'
  | 'Paid Social'
  | 'Email'
  | 'Display'
  | 'Affiliate'
  | 'Organic Social'
  | 'Organic Search';

/** "Paid_Social ", "paid social" and "paid-social" are one medium: trimmed, lower-cased, `_` and spaces as `-`. */
export const normaliseMedium = (medium: string): string =>
  medium
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, '-');

/** Recognised mediums in normal form, sorted (for messages). */
export const KNOWN_MEDIUMS: readonly string[] = Object.keys(MEDIUM_CHANNELS).sort();

/** Whether Polku (and GA4) recognise a medium, in any spelling. */
export const isKnownMedium = (medium: string): boolean => Object.hasOwn(MEDIUM_CHANNELS, normaliseMedium(medium));

/** The channel a medium alone decides, or null when it decides none (unknown, or the referrer decides). */
export const channelOfMedium = (medium: string): MediumChannel | null =>
  MEDIUM_CHANNELS[normaliseMedium(medium)] ?? null;
