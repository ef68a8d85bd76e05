/**
 * Text from outside (campaign names, paths, event names, file content in error messages) shown on the
 * operator's terminal. Anyone can post an `utm_campaign`, and a terminal acts on control characters
 * instead of showing them: ESC ] 0;…BEL sets the window title, ESC [ 8m hides what follows, OSC 8
 * plants a hyperlink, CR overwrites the line, and C1 controls (U+0080–U+009F, e.g. U+009B = CSI) do
 * the same in one character on many terminals. Such characters are shown as escapes instead: `\x1b`
 * for C0 and DEL, `\u009b` above. Line and paragraph separators and the bidi controls that reorder
 * text on screen (Trojan Source) are escaped too. A backslash is left as it is: the output stays
 * readable, and a literal "\x1b" typed by someone can only look like an escape, never act as one.
 */
const CONTROL = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const CONTROL_EXCEPT_NEWLINE = /(?!\n)[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function escaped(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of output: every control character escaped, line breaks too, so nothing can forge a line. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** Several lines (an error message with its details, a stack): line breaks kept, all else escaped. */
export function terminalLines(text: string): string {
  return text.replace(CONTROL_EXCEPT_NEWLINE, escaped);
}
