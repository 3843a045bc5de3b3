/**
 * The route that publishes reports' attachments, and the original of each lead image, at
 * `news/<year>/<slug>/<file name>`: each file as it is, with its media type. In a build it is rendered in the report-files pass
 * (src/output/report-files-integration.ts) like the report's own files, so an attachment is
 * copied only when its report's digest (which covers the attachments' sizes and times) or the
 * code changed, and written only when its bytes did; `astro dev` serves it like any route.
 */
import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import { allReports } from '../reports/all-reports.ts';
import { reportAttachments, type PublishedAttachment } from '../reports/attachments/report-attachments.ts';
import { reportFileCacheKey } from '../output/cache/page-cache-key.ts';
import { publishedLeadImage } from '../reports/lead-image/published-lead-image.ts';
import { publishedHere } from '../build-parts/this-part.ts';

interface PublishedFile {
  source: string;
  mediaType: string;
}

/** A report's attachments and its lead image, once each (the photo may also be attached: the schema allows only the same file). */
function publishedFiles(report: Parameters<typeof reportAttachments>[0] & Parameters<typeof publishedLeadImage>[0]): { name: string; file: PublishedFile }[] {
  const files = reportAttachments(report).map((a: PublishedAttachment) => ({ name: a.name, file: { source: a.source, mediaType: a.type.mediaType } }));
  const lead = publishedLeadImage(report);
  if (lead && !files.some((f) => f.name.toLowerCase() === lead.name.toLowerCase())) files.push({ name: lead.name, file: { source: lead.source, mediaType: lead.mediaType } });
  return files;
}

export const attachmentFileRoute: { getStaticPaths: GetStaticPaths; GET: APIRoute } = {
  getStaticPaths: async () =>
    (await allReports()).filter(publishedHere).flatMap((report) => {
      const [year, slug] = report.id.split('/') as [string, string];
      const cacheKey = reportFileCacheKey(report);
      return publishedFiles(report).map(({ name, file }) => ({ params: { year, slug, attachment: name }, props: { file }, cacheKey }));
    }),
  GET: async ({ props }) => {
    const { file } = props as { file: PublishedFile };
    return new Response(await readFile(file.source), { headers: { 'content-type': file.mediaType } });
  },
};
