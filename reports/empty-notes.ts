import type { PolkuConfig } from '../config/index.ts';
import type { CheckFinding } from './check.ts';

/**
 * Ended campaigns whose owner has not written down what they learned: no `notes` file named, or a
 * file with nothing but white space in it. A campaign has ended when its `to` date lies before
 * `today` (both local dates in the report time zone). Warnings: a missing retrospective is a task
 * for the owner, not a fault in the config.
 */
export function emptyNotes(config: PolkuConfig, notes: Record<string, string>, today: string): CheckFinding[] {
  return Object.entries(config.campaigns).flatMap(([name, campaign]): CheckFinding[] => {
    if (campaign.to === undefined || campaign.to >= today) return [];
    const text = notes[name];
    if (text !== undefined && text.trim() !== '') return [];
    const owner = campaign.owner === undefined ? '' : ` (owner: ${campaign.owner})`;
    const message =
      campaign.notes === undefined
        ? `campaign "${name}" ended on ${campaign.to} and has no notes${owner}; add "notes": "notes/${name}.md" with what was learned`
        : `campaign "${name}" ended on ${campaign.to} and its notes "${campaign.notes}" are still empty${owner}`;
    return [{ level: 'warning', path: `campaigns.${name}.notes`, message }];
  });
}

/** Today's date (YYYY-MM-DD) on the calendar of `timezone`. */
export function localToday(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
