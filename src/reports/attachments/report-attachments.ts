/**
 * A report's attachments as the site publishes them: title, type, size and where the file is and
 * will be. From the report as the build holds it (its front matter and the sizes the loader
 * found), so pages and formats never look at the files themselves.
 */
import path from 'node:path';
import type { Report } from '../all-reports.ts';
import { attachmentName } from './attachment-rules.ts';
import { attachmentType, type AttachmentType } from './attachment-types.ts';
import { attachmentSourcePath } from './attachment-files.ts';
import { reportAttachmentPath } from '../../urls/site-paths.ts';

export interface PublishedAttachment {
  title: string;
  /** The file name, the last segment of its URL: `release.pdf`. */
  name: string;
  /** Its site path (before the base): `news/2020/<slug>/release.pdf`. */
  path: string;
  /** Where the build reads it. */
  source: string;
  bytes: number;
  type: AttachmentType;
}

type AttachmentsOf = Pick<Report, 'id' | 'filePath' | 'rendered'> & { data: { attachments: readonly { file: string; title: string }[] } };

export function reportAttachments(report: AttachmentsOf): PublishedAttachment[] {
  const { attachments } = report.data;
  if (attachments.length === 0) return [];
  const sizes = report.rendered?.metadata?.attachmentBytes;
  if (!Array.isArray(sizes) || sizes.length !== attachments.length || !report.filePath) {
    throw new Error(`report ${report.id} has no sizes for its attachments: rebuild with its content cache (node_modules/.astro/) removed`);
  }
  return attachments.map(({ file, title }, i) => {
    const name = attachmentName(file);
    const type = attachmentType(name);
    if (!type.ok) throw new Error(`${report.filePath}: ${type.problem}`); // the schema refused it already
    return {
      title,
      name,
      path: reportAttachmentPath(report.id, name),
      source: attachmentSourcePath(path.resolve(report.filePath!), file),
      bytes: sizes[i] as number,
      type: type.type,
    };
  });
}
