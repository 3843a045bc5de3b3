/**
 * Serves reports' attachments in `astro dev`. The build publishes them through the route
 * `news/[year]/[slug]/[attachment].ts`, in the report-files pass, which writes each at its file
 * name; Astro's dev server cannot match that route to `.../release.pdf` (with
 * `trailingSlash: 'always'` a route whose name has no fixed extension wants a final slash), so in
 * dev the file is found and sent here, by the same rules: listed in the report's front matter,
 * inside the content folder. A report's lead image is published beside it the same way, and found here too.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { extractFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { readFrontmatter } from '../raw-report-check.ts';
import { attachmentName, checkAttachmentFile } from './attachment-rules.ts';
import { attachmentSourcePath, findAttachmentFiles } from './attachment-files.ts';
import { findLeadImageFile, leadImageSourcePath } from '../lead-image/lead-image-file.ts';
import { leadImageMediaType, leadImageSrcProblem } from '../lead-image/lead-image-rules.ts';
import { normalizeBase } from '../../urls/base-urls.ts';
import { ARCHIVE_PATH } from '../../urls/site-paths.ts';

/** The attachment a dev request names, or undefined when it names none. */
async function findAttachment(contentDir: string, year: string, slug: string, name: string) {
  const report = `${year}/${slug}.md`;
  const text = await readFile(path.join(contentDir, report), 'utf8').catch(() => undefined);
  const frontmatter = text === undefined ? undefined : extractFrontmatter(text);
  if (frontmatter === undefined) return undefined;
  const data = readFrontmatter(frontmatter);
  const listed = (data.attachments as { file?: unknown }[] | undefined) ?? [];
  const file = listed.map((a) => String(a?.file)).find((f) => attachmentName(f) === name);
  const lead = (data.image as { src?: unknown } | undefined)?.src;
  if (!file && typeof lead === 'string' && attachmentName(lead) === name && !leadImageSrcProblem(lead)) {
    const found = await findLeadImageFile(contentDir, report, lead);
    return found.ok ? { source: leadImageSourcePath(path.join(contentDir, report), lead), mediaType: leadImageMediaType(lead) } : undefined;
  }
  const checked = file === undefined ? undefined : checkAttachmentFile(file);
  if (!file || !checked?.ok) return undefined;
  const found = await findAttachmentFiles(contentDir, report, [file]);
  return found.ok ? { source: attachmentSourcePath(path.join(contentDir, report), file), mediaType: checked.type.mediaType } : undefined;
}

export default function attachmentDevIntegration(options: { contentDir: string }): AstroIntegration {
  let base = '/';
  return {
    name: 'news-archive:attachments-dev',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normalizeBase(config.base);
      },
      'astro:server:setup': ({ server }) => {
        const pattern = new RegExp(`^${RegExp.escape(base)}${ARCHIVE_PATH}(\\d{4})/([a-z0-9-]+)/([^/]+\\.[^/]+)$`);
        server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
          const match = pattern.exec((req.url ?? '').split('?')[0]!);
          if (!match) return next();
          void findAttachment(options.contentDir, match[1]!, match[2]!, decodeURIComponent(match[3]!)).then(async (found) => {
            if (!found) return next();
            res.setHeader('Content-Type', found.mediaType);
            res.end(await readFile(found.source));
          }, next);
        });
      },
    },
  };
}
