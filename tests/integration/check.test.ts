import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { checkConfigAgainstData } from '../../reports/check.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Nowhere', page: '/nowhere' },
        { name: 'Paid', event: 'purchase', props: { currency: 'EUR' } },
      ],
    },
  ],
  campaigns: { 'spring-sale': { journey: 'checkout' }, launch: { journey: 'checkout' } },
});

/** Campaign values as the collector stores them: trimmed and lower-cased, separators as sent. */
const utm = (campaign: string, source: string | null, medium: string | null) => ({
  utmCampaign: campaign,
  utmSource: source,
  utmMedium: medium,
});

describe('polku check against the data', () => {
  it('finds unmatched steps, unseen campaigns, spelling variants, missing source or medium and unknown mediums', async () => {
    const store = await Store.open(join(tempDir(), 'check.duckdb'));
    try {
      await appendEvents(store, [
        storedEvent({ path: '/products/lamp', ...utm('spring-sale', 'newsletter', 'email') }),
        storedEvent({ path: '/products/lamp', ...utm('spring-sale', 'newsletter', 'email') }),
        // "emial" is a typo no tool knows ("e-mail" is known: the channel rules file it under Email).
        storedEvent({ path: '/products/chair', ...utm('spring_sale', 'facebook', 'emial') }),
        storedEvent({ path: '/', ...utm('springsale', null, null) }),
        // Another site's tagging is not this config's to check.
        storedEvent({ site: 'blog', path: '/', ...utm('blog_only', null, 'mystery') }),
        // A purchase in another currency: the Paid step (EUR) still matches nothing.
        storedEvent({ name: 'purchase', props: { currency: 'USD' }, ...utm('autumn', 'google', 'cpc') }),
      ]);
      expect(await checkConfigAgainstData(config, store)).toEqual([
        {
          level: 'error',
          path: 'journeys.0.steps.1',
          message: 'step "Nowhere" of journey "checkout" matches no event of site "shop"',
        },
        {
          level: 'error',
          path: 'journeys.0.steps.2',
          message: 'step "Paid" of journey "checkout" matches no event of site "shop"',
        },
        {
          level: 'error',
          path: 'campaigns.launch',
          message: 'campaign "launch" never appears in the data as utm_campaign (compared trimmed and lower-cased)',
        },
        {
          level: 'warning',
          path: 'utm_campaign "spring-sale"',
          message: 'spelled 3 ways: "spring-sale", "spring_sale", "springsale"',
        },
        {
          level: 'warning',
          path: 'utm_campaign "spring_sale"',
          message: `unknown utm_medium "emial"; known: affiliate, affiliates, banner, cpa, cpc, cpm, cpm-social, cpv, display, e-mail, email, newsletter, organic, paid, paid-search, paid-social, paidsearch, paidsocial, ppc, programmatic, push, qr, referral, retargeting, sem, sm, sms, social, social-network, social-paid, socialnetwork, socialpaid, video`,
        },
        { level: 'warning', path: 'utm_campaign "springsale"', message: '1 events without utm_source' },
        { level: 'warning', path: 'utm_campaign "springsale"', message: '1 events without utm_medium' },
      ]);
    } finally {
      await store.close();
    }
  });
});
