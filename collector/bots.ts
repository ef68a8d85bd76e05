import { isbot } from 'isbot';

/**
 * Why a request comes from a robot rather than a person, or null. Bots get 202 (so they do not
 * retry) and their events are dropped and counted by this reason, never stored.
 */
export function botReason(userAgent: string): string | null {
  if (userAgent.trim() === '') return 'no-user-agent';
  if (/headless/i.test(userAgent)) return 'headless-browser';
  if (isbot(userAgent)) return 'bot';
  return null;
}
