import type { CampaignReport, UtmWarning } from './data.ts';

/** The sentence for each tagging warning the report model lists (the rules are in reports/). */
export function utmWarningText(warning: UtmWarning, campaign: Pick<CampaignReport, 'variants'>): string {
  switch (warning.kind) {
    case 'spellings':
      return `utm_campaign is spelled ${warning.spellings} ways: ${campaign.variants.map((v) => `“${v.spelling}” (${v.sessions})`).join(', ')}; use one spelling.`;
    case 'no-source':
      return `${warning.sessions} sessions have no utm_source.`;
    case 'no-medium':
      return `${warning.sessions} sessions have no utm_medium.`;
    case 'unknown-medium':
      return `utm_medium “${warning.medium}” (${warning.sessions} sessions) is not a medium analytics tools recognise.`;
  }
}
