// The answer of GET /api/feedback-prompt, shared by the collector and the browser's prompt; no imports, so
// the browser code type-checks without the server's types.
/** What the feedback prompt (tracker/feedback.ts) needs to know about one configured prompt. */
export interface PromptTarget {
  /** "journey/step", the key under which a visitor who consented is remembered as asked. */
  id: string;
  /** The step's page glob as a regular expression over the whole path (the reports' own matching). */
  path: string;
  idleMs: number;
  onLeave: boolean;
  rate: number;
  quietMs: number;
  question?: string;
  lang?: 'en' | 'fi';
}
