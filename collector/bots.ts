import { isbot } from 'isbot';

/**
 * Why a request comes from a robot rather than a person, or null. Bots get 202 (so they do not
 * retry) and their events are dropped and counted by this reason, never stored.
 */
export function botReason(userAgent: string): string | null {
  const cached = seen.get(userAgent);
  if (cached !== undefined) return cached;
  const reason = decide(userAgent);
  // isbot's pattern is long; traffic repeats a few hundred user agents, so remember the verdicts.
  if (seen.size >= CACHE_SIZE) seen.clear();
  seen.set(userAgent, reason);
  return reason;
}

const CACHE_SIZE = 5_000;
const seen = new Map<string, string | null>();

function decide(userAgent: string): string | null {
  if (userAgent.trim() === '') return 'no-user-agent';
  if (/headless/i.test(userAgent)) return 'headless-browser';
  if (isbot(userAgent)) return 'bot';
  return null;
}
