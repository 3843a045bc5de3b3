import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../data/report-files.ts';
import { renderedHtml } from '../../../data/published.ts';
import { reportRecord } from '../../../lib/machine-readable.ts';
import type { Report } from '../../../data/news.ts';
import { absolute } from '../../../urls.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = ({ props }) => {
  const { report } = props as { report: Report };
  return Response.json({ ...reportRecord(report.id, report.data, absolute), markdown: report.body ?? '', html: renderedHtml(report) });
};
