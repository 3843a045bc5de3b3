/** The folder of the reports' cached HTML in a build; undefined in `astro dev` (src/reports/content-store-integration.ts). */
declare module 'virtual:news-archive/report-html' {
  export const reportHtmlFolder: string | undefined;
}
/** The whole build or one part of a split build (src/build-parts/build-part-integration.ts). */
declare module 'virtual:news-archive/build-part' {
  export const buildPart: import('./build-parts/build-part.ts').BuildPart;
}
