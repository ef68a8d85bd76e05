import { isKnownMedium, KNOWN_MEDIUMS, type PolkuConfig, readCampaignNotes } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { normaliseCampaign } from './campaign/campaign-queries.ts';
import { checkRows } from './check-queries.ts';
import { emptyNotes, localToday } from './empty-notes.ts';

export interface CheckFinding {
  /** error: the config cannot be right for this data; warning: the data's tagging needs care. */
  level: 'error' | 'warning';
  /** Config path (journeys.0.steps.1) or data subject (utm_campaign "spring"). */
  path: string;
  message: string;
}

/** One campaign as the configured sites' events tag it: `lower(trim(utm_campaign))` and its events. */
export interface CampaignTagging {
  campaign: string;
  events: number;
  /** The raw utm_campaign values, distinct, in byte order of their UTF-8 (DuckDB's `order by`). */
  spellings: string[];
  /** Events whose utm_source is missing or only spaces. */
  no_source: number;
  /** Events whose utm_medium is missing or only spaces. */
  no_medium: number;
  /** `lower(trim(utm_medium))` of the rest, distinct, in byte order. */
  mediums: string[];
}

/**
 * What the check reads from the events; each engine fills it with its own two queries
 * (reports/check-queries.ts on DuckDB, reports/clickhouse/check-queries.ts on a cluster), so the
 * findings below are one piece of code for both.
 */
export interface CheckRows {
  /** Per journey, per step (config order): how many events of the journey's site the step matches. */
  stepEvents: number[][];
  /** One row per campaign of the configured sites, in byte order of `campaign`. */
  tagging: CampaignTagging[];
}

export interface CheckOptions {
  /** The config file campaign `notes` paths are relative to (default: the working directory). */
  configFile?: string;
  /** Today's local date (YYYY-MM-DD) for "has this campaign ended?" (default: the clock's, in the report time zone). */
  today?: string;
}

/** Validates the config against the DuckDB store's data: each check is one query over the events. */
export async function checkConfigAgainstData(
  config: PolkuConfig,
  store: Store,
  options: CheckOptions = {},
): Promise<CheckFinding[]> {
  return checkConfigAgainstRows(config, await checkRows(config, store), options);
}

/** The findings for `config` from what either engine read from the events. */
export function checkConfigAgainstRows(
  config: PolkuConfig,
  { stepEvents, tagging }: CheckRows,
  { configFile, today = localToday(config.report.timezone) }: CheckOptions = {},
): CheckFinding[] {
  const findings: CheckFinding[] = [];
  findings.push(...unmatchedSteps(config, stepEvents));
  const seenNames = new Set(tagging.map((row) => row.campaign));
  for (const name of Object.keys(config.campaigns)) {
    if (!seenNames.has(normaliseCampaign(name))) {
      findings.push({
        level: 'error',
        path: `campaigns.${name}`,
        message: `campaign "${name}" never appears in the data as utm_campaign (compared trimmed and lower-cased)`,
      });
    }
  }
  findings.push(...emptyNotes(config, readCampaignNotes(config, configFile), today));
  findings.push(...spellingVariants(tagging));
  for (const row of tagging) {
    const subject = `utm_campaign "${row.campaign}"`;
    if (row.no_source > 0) {
      findings.push({ level: 'warning', path: subject, message: `${row.no_source} events without utm_source` });
    }
    if (row.no_medium > 0) {
      findings.push({ level: 'warning', path: subject, message: `${row.no_medium} events without utm_medium` });
    }
    // The same table decides the collector's channels (config/utm-mediums.ts).
    const unknown = row.mediums.filter((medium) => !isKnownMedium(medium));
    if (unknown.length > 0) {
      findings.push({
        level: 'warning',
        path: subject,
        message: `unknown utm_medium ${unknown.map((m) => JSON.stringify(m)).join(', ')}; known: ${KNOWN_MEDIUMS.join(', ')}`,
      });
    }
  }
  return findings;
}

/**
 * Campaign names that are one campaign spelled several ways. The collector stores utm_campaign
 * trimmed and lower-cased, so case and spaces cannot differ in collected data; separators can
 * ("spring-sale", "spring_sale", "spring sale", "springsale"). Imported history may also differ in
 * case, which the raw spellings show.
 */
function spellingVariants(seen: readonly CampaignTagging[]): CheckFinding[] {
  const groups = new Map<string, CampaignTagging[]>();
  for (const row of seen) {
    const key = row.campaign.replace(/[^\p{L}\p{N}]+/gu, '');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].flatMap((rows): CheckFinding[] => {
    const spellings = [...new Set(rows.flatMap((row) => row.spellings))].sort();
    if (spellings.length < 2) return [];
    // Named after its most used spelling (ties: the first by name), as the owner would look it up.
    const [main] = [...rows].sort((a, b) => b.events - a.events || a.campaign.localeCompare(b.campaign));
    return [
      {
        level: 'warning',
        path: `utm_campaign "${main?.campaign}"`,
        message: `spelled ${spellings.length} ways: ${spellings.map((s) => JSON.stringify(s)).join(', ')}`,
      },
    ];
  });
}

/** Journey steps that match no event of their site. */
function unmatchedSteps(config: PolkuConfig, stepEvents: readonly (readonly number[])[]): CheckFinding[] {
  return config.journeys.flatMap((journey, j) =>
    journey.steps.flatMap((step, s): CheckFinding[] =>
      (stepEvents[j]?.[s] ?? 0) > 0
        ? []
        : [
            {
              level: 'error',
              path: `journeys.${j}.steps.${s}`,
              message: `step "${step.name}" of journey "${journey.id}" matches no event of site "${journey.site}"`,
            },
          ],
    ),
  );
}
