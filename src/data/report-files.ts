/**
 * getStaticPaths for the per-report files (Markdown, JSON, citations): one path per report, each
 * reused by the incremental build while the report's file is unchanged (five routes per report
 * would otherwise be rendered again on every build).
 */
import { allReports, type Report } from './news.ts';
import { reportFileCacheKey } from '../lib/page-cache-key.ts';

export async function reportFilePaths(): Promise<
  { params: { year: string; slug: string }; props: { report: Report }; cacheKey: string | undefined }[]
> {
  return (await allReports()).map((report) => {
    const [year, slug] = report.id.split('/') as [string, string];
    return { params: { year, slug }, props: { report }, cacheKey: reportFileCacheKey(report) };
  });
}
