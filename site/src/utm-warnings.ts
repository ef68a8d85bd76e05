import type { CampaignReport, UtmWarning } from './data.ts';
import { countOf } from './format.ts';
import { utmWarningCatalogue as text } from './i18n/campaign.ts';

/** The sentence for each tagging warning the report model lists (the rules are in reports/). */
export function utmWarningText(warning: UtmWarning, campaign: Pick<CampaignReport, 'variants'>): string {
  switch (warning.kind) {
    case 'spellings':
      return text.spellings(
        warning.spellings,
        campaign.variants.map((v) => text.variant(v.spelling, countOf(v.sessions, 'session'))).join(', '),
      );
    case 'no-source':
      return text.noSource(warning.sessions, countOf(warning.sessions, 'session'));
    case 'no-medium':
      return text.noMedium(warning.sessions, countOf(warning.sessions, 'session'));
    case 'unknown-medium':
      return text.unknownMedium(warning.medium, countOf(warning.sessions, 'session'));
  }
}
