import { describe, expect, it } from 'vitest';
import { channelOf } from '../../collector/enrich/channel.ts';
import { isKnownMedium, KNOWN_MEDIUMS, MEDIUM_CHANNELS } from '../../config/utm-mediums.ts';

describe('one table of utm_medium values', () => {
  it('gives the collector the channel of every medium that decides one', () => {
    const byMedium = Object.entries(MEDIUM_CHANNELS).filter(([, channel]) => channel !== null);
    // No referrer, no source, no click id: only the medium can decide the channel.
    const channels = byMedium.map(([medium]) =>
      channelOf({ utmMedium: medium, utmSource: null, clickId: null, referrerHost: null, pageHost: 'shop.example' }),
    );
    expect(channels).toEqual(byMedium.map(([, channel]) => channel));
    expect(byMedium).toHaveLength(26);
  });

  it('lets the referrer decide for mediums GA4 knows but that name no channel of ours', () => {
    const input = { utmSource: 'partner', clickId: null, referrerHost: 'blog.example', pageHost: 'shop.example' };
    expect(
      ['referral', 'sms', 'push', 'qr', 'video', 'cpv', 'cpa'].map((m) => channelOf({ ...input, utmMedium: m })),
    ).toEqual(Array(7).fill('Referral'));
  });

  it('recognises a medium in any spelling, as the channel rules read it ("e-mail", "Paid_Social ")', () => {
    expect(['e-mail', 'E-Mail', 'Paid_Social ', 'paid social', 'newsletter'].map(isKnownMedium)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['emial', 'mail', 'cpc\u009b8m', ''].map(isKnownMedium)).toEqual([false, false, false, false]);
    expect(KNOWN_MEDIUMS).toHaveLength(33);
  });
});
