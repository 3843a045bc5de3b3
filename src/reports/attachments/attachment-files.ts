/**
 * The files a report attaches, found on disk by the loader on every build (a file deleted or
 * replaced since the last build must be noticed even when the report itself is unchanged).
 * Confined to the content folder exactly as local images are (local-images.ts): every attachment
 * is published, so a path that climbs out of the folder, or a symlink pointing out of it, would
 * publish a file that was never meant to be.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../local-images.ts';

export interface AttachmentFile {
  /** As written in the front matter. */
  file: string;
  bytes: number;
  /** Modification time: with the size, whether the file must be published again. */
  modified: number;
}

export type AttachmentFilesResult = { ok: true; files: AttachmentFile[] } | { ok: false; problems: string[] };

/** Where a report's attachment is: its `file` is relative to the report's own file. */
export function attachmentSourcePath(reportFile: string, file: string): string {
  return path.resolve(path.dirname(reportFile), file);
}

/**
 * Finds each attachment of the report `file` (relative to `contentDir`); one message per problem,
 * naming the report and the attachment, when one is missing, not a file, or outside the folder.
 */
export async function findAttachmentFiles(contentDir: string, file: string, attached: readonly string[]): Promise<AttachmentFilesResult> {
  if (attached.length === 0) return { ok: true, files: [] };
  const reportPath = path.join(contentDir, file);
  const realContentDir = await realpath(contentDir).catch(() => contentDir);
  const problems: string[] = [];
  const files: AttachmentFile[] = [];
  for (const [i, written] of attached.entries()) {
    const field = `attachments.${i}.file`;
    const resolved = attachmentSourcePath(reportPath, written);
    const real = await realpath(resolved).catch(() => undefined);
    if (!isInside(contentDir, resolved) || (real !== undefined && !isInside(realContentDir, real))) {
      problems.push(
        `${file}: ${field}: the attachment "${written}" is outside the content folder (it is ${real ?? resolved}). ` +
          `Move it into ${contentDir} (beside the report, in a folder named after it) and attach it from there: nothing outside the content folder is published.`,
      );
      continue;
    }
    const info = real === undefined ? undefined : await stat(real).catch(() => undefined);
    if (!info?.isFile()) {
      problems.push(
        `${file}: ${field}: the attachment "${written}" ${info ? 'is not a file' : 'does not exist'} (looked for ${resolved}). ` +
          `Put the file there, or correct the path: it is relative to the report, for example ./${path.basename(file, '.md')}/${path.basename(written)}`,
      );
      continue;
    }
    files.push({ file: written, bytes: info.size, modified: Math.trunc(info.mtimeMs) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, files };
}

/** What the loader adds to a report's digest: any change of an attachment renders the report again. */
export function attachmentStamp(files: readonly AttachmentFile[]): string {
  return files.map((f) => `${f.file}\0${f.bytes}\0${f.modified}`).join('\n');
}
