import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../data/report-files.ts';
import { renderedHtml } from '../../../data/published.ts';
import { reportMarkdown } from '../../../data/archive.ts';
import { reportRecord } from '../../../lib/machine-readable.ts';
import type { Report } from '../../../data/news.ts';
import { absolute } from '../../../urls.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = async ({ props }) => {
  const { report } = props as { report: Report };
  return Response.json({ ...reportRecord(report.id, report.data, absolute), markdown: await reportMarkdown(report), html: renderedHtml(report) });
};
