import { isKnownMedium } from '../../config/index.ts';
import type { CampaignReport, UtmWarning } from '../model.ts';

/**
 * Tagging problems visible in one campaign's report, by the same rules as `polku check`: spelling
 * variants, sessions without source or medium, mediums analytics tools do not recognise (the one
 * medium table, config/utm-mediums.ts).
 */
export function utmWarnings(
  campaign: Pick<CampaignReport, 'variants' | 'sessions' | 'sources' | 'mediums'>,
): UtmWarning[] {
  const warnings: UtmWarning[] = [];
  // A capped list ends in one "other" row that stands for several spellings.
  const spellings = campaign.variants.reduce((sum, v) => sum + (v.other ?? 1), 0);
  if (spellings > 1) warnings.push({ kind: 'spellings', spellings });
  // Rankings leave sessions without the parameter out, so the gap to all sessions is what is missing.
  const missing = (list: CampaignReport['sources']) =>
    campaign.sessions - list.filter((r) => r.value.trim() !== '').reduce((sum, r) => sum + r.sessions, 0);
  const noSource = missing(campaign.sources);
  if (noSource > 0) warnings.push({ kind: 'no-source', sessions: noSource });
  const noMedium = missing(campaign.mediums);
  if (noMedium > 0) warnings.push({ kind: 'no-medium', sessions: noMedium });
  for (const medium of campaign.mediums) {
    if (medium.other === undefined && medium.value.trim() !== '' && !isKnownMedium(medium.value)) {
      warnings.push({ kind: 'unknown-medium', medium: medium.value, sessions: medium.sessions });
    }
  }
  return warnings;
}
