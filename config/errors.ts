import type { z } from 'zod';
import { nearest } from './nearest.ts';

export interface ConfigIssue {
  /** Dotted path of the wrong key, e.g. `journeys.0.steps.1.page`. */
  path: string;
  message: string;
}

/** A config that cannot be used; `message` lists every problem with where it is and how to fix it. */
export class ConfigError extends Error {
  readonly file: string;
  readonly issues: ConfigIssue[];

  constructor(file: string, issues: ConfigIssue[]) {
    super(`invalid config ${file}:\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['sites', 'journeys', 'campaigns', 'report'],
  site: ['id', 'origins'],
  journey: ['id', 'name', 'site', 'unit', 'order', 'window', 'steps', 'exclude'],
  step: ['name', 'page', 'event', 'props', 'within'],
  campaign: ['journey', 'from', 'to', 'budget', 'targets'],
  targets: ['visitors', 'conversionRate', 'conversions', 'revenue'],
  report: ['title', 'timezone', 'currency'],
};

/** Which object kind a path points at, so an unknown key can be matched against that kind's keys. */
function objectKind(path: readonly PropertyKey[]): string {
  const names = path.filter((p) => typeof p === 'string') as string[];
  const last = names.at(-1);
  if (path.length === 0) return '';
  if (last === 'sites') return 'site';
  if (last === 'steps') return 'step';
  if (last === 'journeys') return 'journey';
  if (last === 'targets') return 'targets';
  if (last === 'report') return 'report';
  if (names[0] === 'campaigns') return 'campaign';
  return last ?? '';
}

export function toConfigIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const suggestion = nearest(key, KNOWN_KEYS[objectKind(issue.path)] ?? []);
        return {
          path: [...issue.path, key].join('.'),
          message: `unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        };
      });
    }
    return [{ path: issue.path.join('.'), message: issue.message }];
  });
}
