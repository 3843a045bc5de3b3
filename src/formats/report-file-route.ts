/**
 * The route of one of each report's own files (report-formats.ts): getStaticPaths (one path per
 * report) and the endpoint. Astro publishes a route as a file only when its name ends in a fixed
 * extension, so each format has its own one-line route file in src/pages/news/[year]/.
 * In a build these routes are rendered outside Astro's page loop
 * (src/output/report-files-integration.ts), again only when the report's file changed (its
 * cacheKey) or the code did; `astro dev` serves them like any route.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { allReports, type Report } from '../reports/all-reports.ts';
import { reportFileCacheKey } from '../output/cache/page-cache-key.ts';
import { contentType, formatByExtension } from './report-formats.ts';
import { REPORT_FORMAT_RENDERERS } from './report-format-renderers.ts';
import { publishedHere } from '../build-parts/this-part.ts';

export function reportFileRoute(extension: string): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  const format = formatByExtension(extension);
  if (!format) throw new Error(`no report format with the extension .${extension}: add it to src/formats/report-formats.ts`);
  return {
    getStaticPaths: async () =>
      (await allReports()).filter(publishedHere).map((report) => {
        const [year, slug] = report.id.split('/') as [string, string];
        return { params: { year, slug }, props: { report }, cacheKey: reportFileCacheKey(report) };
      }),
    GET: async ({ props }) => {
      const body = await REPORT_FORMAT_RENDERERS[format.key]((props as { report: Report }).report);
      return new Response(body, { headers: { 'content-type': contentType(format) } });
    },
  };
}
