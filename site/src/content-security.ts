/**
 * Content-Security-Policy of the report pages, set as `<meta http-equiv>` so it holds wherever the
 * static files are served. Every string on a page came from someone who posted an event; escaping
 * keeps it text, and the policy is the second line: even markup that slipped through could load
 * nothing from elsewhere, run no script and send no form.
 */

/** Report pages run no script and load only their own stylesheets (inline styles: Astro's and Plot's SVG). */
export const REPORT_PAGE_POLICY = [
  "default-src 'none'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * A session page with a replay also runs the player's script (player/session.js), which fetches
 * the replay file and the player frame's document (player/frame.html), and shows that document as a
 * data: URL: an opaque origin of its own, with its own policy (site/player-frame.ts). This is the
 * one place to adjust what the page around it allows. `playerScriptHashes`: the frame's inline
 * scripts (site/player-frame.ts, given to the pages as virtual:polku/player-script-hashes).
 */
export const sessionPagePolicy = (playerScriptHashes: readonly string[]): string =>
  [
    "default-src 'none'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    // The frame's inline scripts too: a data: document inherits this policy on top of its own.
    `script-src 'self' ${playerScriptHashes.map((hash) => `'${hash}'`).join(' ')}`,
    "connect-src 'self'",
    // The player frame only: a data: document gets an opaque origin (it cannot reach this page).
    'frame-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
