import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../data/report-files.ts';
import { citationInput } from '../../../data/report-page.ts';
import { bibtex } from '../../../lib/citation.ts';
import type { Report } from '../../../data/news.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = ({ props }) =>
  new Response(bibtex(citationInput((props as { report: Report }).report)), { headers: { 'content-type': 'application/x-bibtex; charset=utf-8' } });
