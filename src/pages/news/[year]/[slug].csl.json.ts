import type { APIRoute } from 'astro';
import { reportFilePaths } from '../../../formats/report-file-paths.ts';
import { citationInput } from '../../../archive/report-page-data.ts';
import { cslJson } from '../../../formats/citation.ts';
import type { Report } from '../../../reports/all-reports.ts';

export const getStaticPaths = reportFilePaths;

export const GET: APIRoute = ({ props }) => Response.json(cslJson(citationInput((props as { report: Report }).report)));
