import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { campaignSlugs, MAX_SLUG_CHARS } from '../../reports/campaign/slug.ts';

const hash10 = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 10);

describe('campaign slugs', () => {
  it('gives configured campaigns their clean name, whatever arrives in the data', () => {
    const slugs = campaignSlugs(['spring', 'spring sale'], ['!spring', 'spring-sale', 'spring_sale', 'autumn']);
    expect(Object.fromEntries(slugs)).toEqual({
      spring: 'spring',
      'spring sale': 'spring-sale',
      '!spring': `spring-${hash10('!spring')}`,
      // Clean, but the configured "spring sale" holds the name.
      'spring-sale': `spring-sale-${hash10('spring-sale')}`,
      spring_sale: 'spring_sale',
      autumn: 'autumn',
    });
  });

  it("depends on a campaign's own name and the configuration only, never on what else arrived", () => {
    const alone = campaignSlugs(['spring'], ['spring!']).get('spring!');
    const crowded = campaignSlugs(['spring'], ['spring!', '!spring', 'spring?', 'spring-2', 'a']).get('spring!');
    expect(alone).toBe(`spring-${hash10('spring!')}`);
    expect(crowded).toBe(alone);
  });

  it('keeps every slug within 64 characters and unique, names without letters included', () => {
    const long = 'x'.repeat(300);
    const slugs = campaignSlugs([], [long, `${long}y`, '!!!', '???']);
    expect(slugs.get(long)).toBe(`${'x'.repeat(53)}-${hash10(long)}`);
    expect(slugs.get('!!!')).toBe(`campaign-${hash10('!!!')}`);
    const all = [...slugs.values()];
    expect(new Set(all).size).toBe(4);
    for (const slug of all) expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_CHARS);
  });

  it('names two configured campaigns with one clean form apart: the clean one keeps it', () => {
    const slugs = campaignSlugs(['summer sale', 'summer-sale'], []);
    expect(Object.fromEntries(slugs)).toEqual({
      'summer sale': `summer-sale-${hash10('summer sale')}`,
      'summer-sale': 'summer-sale',
    });
  });

  it("gives a clean name crafted to equal another's hashed slug a longer hash, never the other way", () => {
    const crafted = `spring-${hash10('!spring')}`;
    // "!" sorts before "s" and "~" after it: the order of names does not matter.
    const slugs = campaignSlugs(['spring'], ['!spring', crafted]);
    expect(campaignSlugs(['spring'], ['~spring', `spring-${hash10('~spring')}`]).get('~spring')).toBe(
      `spring-${hash10('~spring')}`,
    );
    expect(slugs.get('!spring')).toBe(crafted);
    expect(slugs.get(crafted)).toBe(`${crafted}-${createHash('sha256').update(crafted).digest('hex').slice(0, 16)}`);
  });
});
