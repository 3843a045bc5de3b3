import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../formats/report-file-paths.ts';
import { citationInput } from '../../../archive/report-page-data.ts';
import { ris } from '../../../formats/citation.ts';
import type { Report } from '../../../reports/all-reports.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = ({ props }) =>
  new Response(ris(citationInput((props as { report: Report }).report)), { headers: { 'content-type': 'application/x-research-info-systems; charset=utf-8' } });
