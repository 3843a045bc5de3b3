import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../data/report-files.ts';
import { reportSource } from '../../../data/archive.ts';
import type { Report } from '../../../data/news.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await reportSource((props as { report: Report }).report), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
