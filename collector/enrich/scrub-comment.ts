import type { WireEvent } from '../protocol.ts';

/**
 * Free text from a feedback prompt is the one place where visitors type contact details into
 * analytics ("call me on 040 123 4567"). The collector removes e-mail addresses and phone numbers
 * from `props.comment` of `feedback` events before the event is spooled, so they never reach the
 * spool, the database or a report.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * A run that could be a phone number: an optional "+" or "(", then digits and the separators people
 * write in phone numbers (space, tab, "-", ".", "/", parentheses), starting and ending with a digit
 * (or ")"), not inside a word or a longer number.
 */
const PHONE_LIKE = /(?<![\p{L}\p{N}+])(?:\+|\(\+?)?\d[\d \t()./-]*[\d)](?![\p{L}\p{N}])/gu;
/** Dates and times look like phone numbers to the rule above: 1.12.2026, 2026-12-01, 12/01/2026. */
const DATE_OR_TIME = /^(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[.:]\d{2})$/;

/**
 * A phone number has 7–15 digits (E.164 allows 15) and is written either internationally ("+", "00"),
 * nationally with a trunk "0" or an area code in parentheses, or in groups. A bare run of digits
 * without a leading 0 ("order 12345678") is an order or customer number, which is kept.
 */
function isPhoneNumber(run: string): boolean {
  const digits = run.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15 || DATE_OR_TIME.test(run)) return false;
  return /^[+(0]/.test(run) || /[ \t()./-]/.test(run.trim());
}

/** The comment with every e-mail address replaced by "[email]" and every phone number by "[phone]". */
export function scrubComment(comment: string): string {
  return comment.replace(EMAIL, '[email]').replace(PHONE_LIKE, (run) => (isPhoneNumber(run) ? '[phone]' : run));
}

/** The props to store for an event: a `feedback` event's string `comment` scrubbed, anything else as sent. */
export function scrubFeedbackComment(event: Pick<WireEvent, 'name' | 'props'>): WireEvent['props'] {
  const props = event.props;
  if (event.name !== 'feedback' || typeof props?.comment !== 'string') return props;
  return { ...props, comment: scrubComment(props.comment) };
}
