import { createHash } from 'node:crypto';

/** Longest slug: it names a page folder and six data files, well under any file system's name limit. */
export const MAX_SLUG_CHARS = 64;
/** Characters of the name's SHA-256 (hex) that make a slug unique when the name alone can't. */
const HASH_CHARS = 10;

/** The normalised name with anything but letters, digits, "-" and "_" replaced; may be empty. */
function cleaned(campaign: string): string {
  return campaign.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A slug made from the name alone, unique by its hash: for names that are long, not clean or taken. */
function hashedSlug(campaign: string, hashChars = HASH_CHARS): string {
  const hash = createHash('sha256').update(campaign).digest('hex').slice(0, hashChars);
  const stem = cleaned(campaign)
    .slice(0, MAX_SLUG_CHARS - hashChars - 1)
    .replace(/-+$/, '');
  return `${stem || 'campaign'}-${hash}`;
}

/** The slug a campaign gets when nothing else claims it: the clean name itself, if it fits. */
function plainSlug(campaign: string): string | null {
  const slug = cleaned(campaign);
  return slug !== '' && slug.length <= MAX_SLUG_CHARS ? slug : null;
}

/**
 * Page and file names for campaigns (normalised names). Configured campaigns are named first,
 * from the configuration alone, so no event can take a configured campaign's page: `!spring`
 * from the data never becomes `/campaigns/spring/`. A campaign from the data keeps its name as
 * its slug only when the name is already clean (then no other name can have the same clean form
 * without being the same name) and no configured campaign holds it; otherwise its slug is its
 * shortened name plus a hash of the full name. Either way a slug depends on its own name and the
 * configuration only, never on what else arrived, so it stays the same from build to build.
 */
export function campaignSlugs(configured: readonly string[], seen: readonly string[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (campaign: string, slug: string) => {
    // Only a clean name crafted to equal another's hashed slug gets here: a longer hash settles it.
    let unique = slug;
    for (let hashChars = 16; taken.has(unique); hashChars += 8) unique = hashedSlug(campaign, hashChars);
    slugs.set(campaign, unique);
    taken.add(unique);
  };
  const configuredNames = [...new Set(configured)].sort();
  const plainConfigured = new Map<string, string[]>();
  for (const campaign of configuredNames) {
    const slug = plainSlug(campaign);
    if (slug !== null) plainConfigured.set(slug, [...(plainConfigured.get(slug) ?? []), campaign]);
  }
  for (const campaign of configuredNames) {
    const slug = plainSlug(campaign);
    // Two configured names with one clean form ("Spring Sale", "spring-sale"): the clean one keeps it.
    const sharing = slug === null ? [] : (plainConfigured.get(slug) ?? []);
    const keeps = slug !== null && (sharing.length === 1 || campaign === slug);
    claim(campaign, keeps ? slug : hashedSlug(campaign));
  }
  const reserved = new Set(taken);
  const fromData = [...new Set(seen)].filter((name) => !slugs.has(name)).sort();
  const keepsName = (campaign: string) => plainSlug(campaign) === campaign && !reserved.has(campaign);
  // Hashed slugs first: a clean name can be made to look like one, a hash can't be aimed at.
  for (const campaign of fromData.filter((name) => !keepsName(name))) claim(campaign, hashedSlug(campaign));
  for (const campaign of fromData.filter(keepsName)) claim(campaign, campaign);
  return slugs;
}
