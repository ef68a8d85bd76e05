/// <reference types="astro/client" />

declare module 'virtual:polku/report' {
  const data: import('./site-data.ts').SiteData;
  export default data;
}
