/// <reference types="astro/client" />

/** The path of the report data file (JSON) of this build; the data itself is read at render time. */
declare module 'virtual:polku/report-file' {
  const path: string;
  export default path;
}
