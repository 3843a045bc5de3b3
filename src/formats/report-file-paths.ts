/**
 * getStaticPaths for the per-report files (Markdown, JSON, citations): one path per report. In a
 * build these routes are rendered outside Astro's page loop (src/output/report-files-integration.ts),
 * again only when the report's file changed (its cacheKey) or the code did; `astro dev` serves
 * them like any route.
 */
import { allReports, type Report } from '../reports/all-reports.ts';
import { reportFileCacheKey } from '../output/page-cache-key.ts';

export async function reportFilePaths(): Promise<
  { params: { year: string; slug: string }; props: { report: Report }; cacheKey: string | undefined }[]
> {
  return (await allReports()).map((report) => {
    const [year, slug] = report.id.split('/') as [string, string];
    return { params: { year, slug }, props: { report }, cacheKey: reportFileCacheKey(report) };
  });
}
