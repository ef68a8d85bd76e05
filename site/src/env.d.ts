/// <reference types="astro/client" />

declare module 'virtual:polku/report' {
  const data: import('../../reports/model.ts').ReportData;
  export default data;
}
