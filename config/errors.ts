import { z } from 'zod';
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

/**
 * Turns zod's issues into ones that say where and how to fix: an unknown key or a wrong choice
 * gets the nearest valid one. Valid keys are read from the schema itself at the issue's path, so
 * a key added to the schema is suggested without a second list to keep in step.
 */
export function toConfigIssues(error: z.ZodError, schema: z.ZodType, raw: unknown): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const shape = objectAt(schema, issue.path);
      const known = shape === undefined ? [] : Object.keys(shape.shape);
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: `unknown key "${key}"${didYouMean(key, known)}`,
      }));
    }
    const path = issue.path.join('.');
    if (issue.code === 'invalid_value') {
      const given = valueAt(raw, issue.path);
      const choices = issue.values.filter((value): value is string => typeof value === 'string');
      if (typeof given === 'string') {
        return [
          {
            path,
            message: `"${given}" is not one of ${choices.map((c) => `"${c}"`).join(', ')}${didYouMean(given, choices)}`,
          },
        ];
      }
    }
    return [{ path, message: issue.message }];
  });
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = nearest(word, candidates);
  return suggestion ? `; did you mean "${suggestion}"?` : '';
}

/** The object schema found by following `path` through objects, arrays, records, defaults and prefaults. */
function objectAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodObject | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject) current = current.shape[String(segment)] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return undefined;
    current = current === undefined ? undefined : unwrap(current);
  }
  return current instanceof z.ZodObject ? current : undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
