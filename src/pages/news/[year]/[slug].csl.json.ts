import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../data/report-files.ts';
import { citationInput } from '../../../data/report-page.ts';
import { cslJson } from '../../../lib/citation.ts';
import type { Report } from '../../../data/news.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = ({ props }) => Response.json(cslJson(citationInput((props as { report: Report }).report)));
