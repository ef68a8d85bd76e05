import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../config/index.ts';
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

  it('lists ended campaigns whose notes are missing or still empty, and only those', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'winter.md'), '  \n\n\t\n');
    writeFileSync(join(dir, 'notes', 'spring.md'), '# Spring\n\nThe newsletter sold; the banners did not.\n');
    writeFileSync(join(dir, 'notes', 'summer.md'), '');
    const file = join(dir, 'polku.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        report: { timezone: 'Europe/Helsinki' },
        campaigns: {
          // Ended, with an empty notes file (white space only).
          winter: { from: '2026-01-01', to: '2026-01-31', owner: 'Aino', notes: 'notes/winter.md' },
          // Ended, with no notes at all.
          autumn: { to: '2025-11-30' },
          // Ended, with notes: nothing to say.
          spring: { to: '2026-04-30', notes: 'notes/spring.md' },
          // Ends today: not ended yet, so empty notes are fine.
          summer: { to: '2026-06-15', notes: 'notes/summer.md' },
          // No end date: never "ended".
          evergreen: {},
        },
      }),
    );
    const config = await loadConfig(file);
    const store = await Store.open(join(dir, 'check.duckdb'));
    try {
      await appendEvents(
        store,
        ['winter', 'autumn', 'spring', 'summer', 'evergreen'].map((campaign) =>
          storedEvent({ path: '/', ...utm(campaign, 'newsletter', 'email') }),
        ),
      );
      expect(await checkConfigAgainstData(config, store, { configFile: file, today: '2026-06-15' })).toEqual([
        {
          level: 'warning',
          path: 'campaigns.winter.notes',
          message:
            'campaign "winter" ended on 2026-01-31 and its notes "notes/winter.md" are still empty (owner: Aino)',
        },
        {
          level: 'warning',
          path: 'campaigns.autumn.notes',
          message:
            'campaign "autumn" ended on 2025-11-30 and has no notes; add "notes": "notes/autumn.md" with what was learned',
        },
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a config whose notes file is missing, naming the campaign and the path', async () => {
    const dir = tempDir();
    const file = join(dir, 'polku.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        campaigns: { spring: { notes: 'notes/spring.md' } },
      }),
    );
    await expect(loadConfig(file)).rejects.toThrow(
      `invalid config ${file}:\n  - campaigns.spring.notes: notes file of campaign "spring" not found: "notes/spring.md" (looked for ${join(dir, 'notes', 'spring.md')}); create it or remove "notes"`,
    );
  });
});
