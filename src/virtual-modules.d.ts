/** The folder of the reports' cached HTML in a build; undefined in `astro dev` (src/reports/content-store-integration.ts). */
declare module 'virtual:news-archive/report-html' {
  export const reportHtmlFolder: string | undefined;
}
