/// <reference types="astro/client" />

/** The path of the report data file (JSON) of this build; the data itself is read at render time. */
declare module 'virtual:polku/report-file' {
  const path: string;
  export default path;
}

/** CSP hash sources (`sha256-…`) of the player frame's inline scripts (site/player-frame.ts). */
declare module 'virtual:polku/player-script-hashes' {
  const hashes: string[];
  export default hashes;
}
