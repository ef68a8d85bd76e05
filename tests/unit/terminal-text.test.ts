import { describe, expect, it } from 'vitest';
import { terminalLines, terminalText } from '../../cli/terminal-text.ts';

describe('terminal text', () => {
  it('escapes C0, DEL and C1 controls, line breaks included', () => {
    expect(terminalText('\x1b]0;owned\x07a\x1b[8mb\rc\n\td\x7f\u009b2J\u0085\x00')).toBe(
      '\\x1b]0;owned\\x07a\\x1b[8mb\\x0dc\\x0a\\x09d\\x7f\\u009b2J\\u0085\\x00',
    );
  });

  it('escapes bidi controls and line separators, and leaves other text alone', () => {
    expect(terminalText('a\u202egnp.exe\u2066\u2028b')).toBe('a\\u202egnp.exe\\u2066\\u2028b');
    expect(terminalText('spring-sale ä 春 \\x1b 👍')).toBe('spring-sale ä 春 \\x1b 👍');
  });

  it('keeps line breaks for multi-line messages', () => {
    expect(terminalLines('first\nsecond\x1b[2K\r')).toBe('first\nsecond\\x1b[2K\\x0d');
  });
});
