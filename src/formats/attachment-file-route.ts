/**
 * The route that publishes reports' attachments at `news/<year>/<slug>/<file name>`: each file
 * as it is, with its media type. In a build it is rendered in the report-files pass
 * (src/output/report-files-integration.ts) like the report's own files, so an attachment is
 * copied only when its report's digest (which covers the attachments' sizes and times) or the
 * code changed, and written only when its bytes did; `astro dev` serves it like any route.
 */
import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import { allReports } from '../reports/all-reports.ts';
import { reportAttachments, type PublishedAttachment } from '../reports/attachments/report-attachments.ts';
import { reportFileCacheKey } from '../output/page-cache-key.ts';

export const attachmentFileRoute: { getStaticPaths: GetStaticPaths; GET: APIRoute } = {
  getStaticPaths: async () =>
    (await allReports()).flatMap((report) => {
      const [year, slug] = report.id.split('/') as [string, string];
      const cacheKey = reportFileCacheKey(report);
      return reportAttachments(report).map((attachment) => ({ params: { year, slug, attachment: attachment.name }, props: { attachment }, cacheKey }));
    }),
  GET: async ({ props }) => {
    const { attachment } = props as { attachment: PublishedAttachment };
    return new Response(await readFile(attachment.source), { headers: { 'content-type': attachment.type.mediaType } });
  },
};
