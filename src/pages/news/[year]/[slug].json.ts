import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../formats/report-file-paths.ts';
import { renderedHtml } from '../../../formats/published.ts';
import { reportMarkdown } from '../../../archive/archive-data.ts';
import { reportRecord } from '../../../formats/machine-readable.ts';
import type { Report } from '../../../reports/all-reports.ts';
import { absolute } from '../../../urls/site-urls.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = async ({ props }) => {
  const { report } = props as { report: Report };
  return Response.json({ ...reportRecord(report.id, report.data, absolute), markdown: await reportMarkdown(report), html: renderedHtml(report) });
};
