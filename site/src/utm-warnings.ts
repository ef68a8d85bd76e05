import { KNOWN_MEDIUMS } from '../../reports/check.ts';
import type { CampaignReport } from './data.ts';

/**
 * Tagging problems visible in one campaign's report: the same rules as `polku check`
 * (spelling variants, missing source or medium, mediums analytics tools do not recognise).
 */
export function utmWarnings(campaign: CampaignReport): string[] {
  const warnings: string[] = [];
  // A capped list ends in one "other" row that stands for several spellings.
  const spellings = campaign.variants.reduce((sum, v) => sum + (v.other ?? 1), 0);
  if (spellings > 1) {
    warnings.push(
      `utm_campaign is spelled ${spellings} ways: ${campaign.variants.map((v) => `“${v.spelling}” (${v.sessions})`).join(', ')}; use one spelling.`,
    );
  }
  // Rankings leave sessions without the parameter out, so the gap to all sessions is what is missing.
  const missing = (list: CampaignReport['sources']) =>
    campaign.sessions - list.filter((r) => r.value.trim() !== '').reduce((sum, r) => sum + r.sessions, 0);
  const noSource = missing(campaign.sources);
  if (noSource > 0) warnings.push(`${noSource} sessions have no utm_source.`);
  const noMedium = missing(campaign.mediums);
  if (noMedium > 0) warnings.push(`${noMedium} sessions have no utm_medium.`);
  for (const medium of campaign.mediums) {
    if (
      medium.other === undefined &&
      medium.value.trim() !== '' &&
      !KNOWN_MEDIUMS.includes(medium.value.toLowerCase())
    ) {
      warnings.push(
        `utm_medium “${medium.value}” (${medium.sessions} sessions) is not a medium analytics tools recognise.`,
      );
    }
  }
  return warnings;
}
