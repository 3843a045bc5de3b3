import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../formats/report-file-paths.ts';
import { reportSource } from '../../../archive/archive-data.ts';
import type { Report } from '../../../reports/all-reports.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await reportSource((props as { report: Report }).report), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
