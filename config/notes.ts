import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ConfigIssue } from './errors.ts';
import type { PolkuConfig } from './schema.ts';

/**
 * Campaign notes are Markdown files named in the config relative to the config file, so a config
 * kept in git can keep its notes beside it. Without a config file (an inline config), relative to
 * the working directory.
 */
export function notesPath(configFile: string | undefined, notes: string): string {
  return resolve(configFile === undefined ? process.cwd() : dirname(resolve(configFile)), notes);
}

/** One issue per campaign whose notes file is not there (or is not a file), naming the campaign and both paths. */
export function missingNotes(config: PolkuConfig, configFile: string | undefined): ConfigIssue[] {
  return Object.entries(config.campaigns).flatMap(([name, campaign]) => {
    if (campaign.notes === undefined) return [];
    const path = notesPath(configFile, campaign.notes);
    if (isFile(path)) return [];
    return [
      {
        path: `campaigns.${name}.notes`,
        message: `notes file of campaign "${name}" not found: "${campaign.notes}" (looked for ${path}); create it or remove "notes"`,
      },
    ];
  });
}

/** Each campaign's notes as written (config name → Markdown text); campaigns without notes are left out. */
export function readCampaignNotes(config: PolkuConfig, configFile: string | undefined): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const [name, campaign] of Object.entries(config.campaigns)) {
    if (campaign.notes !== undefined) notes[name] = readFileSync(notesPath(configFile, campaign.notes), 'utf8');
  }
  return notes;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
