/**
 * The files every report is published as besides its page, in one table: the route that renders
 * them, the download links on the report page, the `formats` of its JSON record and the
 * report-files pass all read it. A new format is a row here, its renderer in
 * report-format-renderers.ts and a one-line route file in src/pages/news/[year]/.
 */

export interface ReportFormat {
  /** The name of the format in a report's JSON record (`formats.bibtex`). */
  key: string;
  /** The file's extension after the report's slug: `news/2020/casic-holds.bib`. */
  extension: string;
  /** The download link's text. */
  label: string;
  mediaType: string;
  /** Reference-manager formats are offered first under "Cite this report". */
  kind: 'citation' | 'source';
}

/** In the order of a report record's `formats` (after `html`). */
export const REPORT_FORMATS = [
  { key: 'markdown', extension: 'md', label: 'Markdown source', mediaType: 'text/markdown', kind: 'source' },
  { key: 'json', extension: 'json', label: 'JSON', mediaType: 'application/json', kind: 'source' },
  { key: 'bibtex', extension: 'bib', label: 'BibTeX', mediaType: 'application/x-bibtex', kind: 'citation' },
  { key: 'ris', extension: 'ris', label: 'RIS', mediaType: 'application/x-research-info-systems', kind: 'citation' },
  { key: 'cslJson', extension: 'csl.json', label: 'CSL-JSON', mediaType: 'application/vnd.citationstyles.csl+json', kind: 'citation' },
] as const satisfies readonly ReportFormat[];

export type ReportFormatKey = (typeof REPORT_FORMATS)[number]['key'];

/** Citation formats first, then the report's source and data. */
export const DOWNLOAD_ORDER: readonly ReportFormat[] = [
  ...REPORT_FORMATS.filter((format) => format.kind === 'citation'),
  ...REPORT_FORMATS.filter((format) => format.kind === 'source'),
];

export function formatByExtension(extension: string): (typeof REPORT_FORMATS)[number] | undefined {
  return REPORT_FORMATS.find((format) => format.extension === extension);
}

/** The Content-Type an endpoint sends for the format (text formats are UTF-8). */
export function contentType(format: ReportFormat): string {
  return format.mediaType.startsWith('text/') || !format.mediaType.endsWith('json') ? `${format.mediaType}; charset=utf-8` : format.mediaType;
}
