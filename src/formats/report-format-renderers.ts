/**
 * What each of a report's files (see report-formats.ts) contains, rendered from the report as
 * the build holds it. Used by the one route that publishes them, in `astro dev` and in the
 * build's report-files pass alike.
 */
import type { Report } from '../reports/all-reports.ts';
import { citationInput } from '../archive/report-page-data.ts';
import { publishedReportHtml, reportMarkdown, reportSource } from '../archive/archive-data.ts';
import { bibtex, cslJson, ris } from './citation.ts';
import { reportRecord } from './machine-readable.ts';
import type { ReportFormatKey } from './report-formats.ts';
import { absolute } from '../urls/site-urls.ts';
import { reportAttachments } from '../reports/attachments/report-attachments.ts';
import { publishedLeadImage } from '../reports/lead-image/published-lead-image.ts';

export const REPORT_FORMAT_RENDERERS: Record<ReportFormatKey, (report: Report) => string | Promise<string>> = {
  // The file exactly as the publisher wrote it, front matter included.
  markdown: (report) => reportSource(report),
  json: async (report) =>
    JSON.stringify({ ...reportRecord(report.id, report.data, absolute, reportAttachments(report), publishedLeadImage(report)), markdown: await reportMarkdown(report), html: await publishedReportHtml(report, absolute) }),
  bibtex: (report) => bibtex(citationInput(report)),
  ris: (report) => ris(citationInput(report)),
  cslJson: (report) => JSON.stringify(cslJson(citationInput(report))),
};
