/**
 * getStaticPaths for the per-report files (Markdown, JSON, citations): one path per report. In a
 * build these routes are rendered outside Astro's page loop and written only when their bytes
 * change (src/integrations/bulk-endpoints.ts); `astro dev` serves them like any route.
 */
import { allReports, type Report } from './news.ts';

export async function reportFilePaths(): Promise<{ params: { year: string; slug: string }; props: { report: Report } }[]> {
  return (await allReports()).map((report) => {
    const [year, slug] = report.id.split('/') as [string, string];
    return { params: { year, slug }, props: { report } };
  });
}
