/**
 * The lead image's file, found on disk by the loader on every build (replaced or deleted since the
 * last one must be noticed even when the report is unchanged). Confined to the content folder
 * like local images and attachments, and a raster image by its bytes, not only by its name: the
 * original is published as it is, and anything else could be SVG, which can hold script.
 */
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside, isRasterImage } from '../local-images.ts';
import { ASTRO_IMAGE_PREFIX } from './lead-image-rules.ts';

export interface LeadImageFile {
  /** As written in the front matter. */
  src: string;
  bytes: number;
  modified: number;
}

export type LeadImageFileResult = { ok: true; file: LeadImageFile | undefined } | { ok: false; problem: string };

/** The `image.src` of front matter (parsed or stored), without Astro's marker. */
export function leadImageSrc(data: Record<string, unknown> | undefined): string | undefined {
  const image = data?.image as { src?: unknown } | undefined;
  return typeof image?.src === 'string' ? image.src.replace(ASTRO_IMAGE_PREFIX, '') : undefined;
}

export function leadImageSourcePath(reportFile: string, src: string): string {
  return path.resolve(path.dirname(reportFile), src);
}

async function head(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const bytes = new Uint8Array(16);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Finds the lead image of the report `file` (relative to `contentDir`), or the problem, naming the report, field and path. */
export async function findLeadImageFile(contentDir: string, file: string, src: string | undefined): Promise<LeadImageFileResult> {
  if (src === undefined) return { ok: true, file: undefined };
  const field = `${file}: image.src`;
  const resolved = leadImageSourcePath(path.join(contentDir, file), src);
  const realContentDir = await realpath(contentDir).catch(() => contentDir);
  const real = await realpath(resolved).catch(() => undefined);
  if (!isInside(contentDir, resolved) || (real !== undefined && !isInside(realContentDir, real))) {
    return {
      ok: false,
      problem:
        `${field}: the lead image "${src}" is outside the content folder (it is ${real ?? resolved}). ` +
        `Move it into ${contentDir}, in a folder named after the report beside it: nothing outside the content folder is published.`,
    };
  }
  const info = real === undefined ? undefined : await stat(real).catch(() => undefined);
  if (!info?.isFile()) {
    return {
      ok: false,
      problem:
        `${field}: the lead image "${src}" ${info ? 'is not a file' : 'does not exist'} (looked for ${resolved}). ` +
        `Put the photo there, or correct the path: it is relative to the report, for example ./${path.basename(file, '.md')}/${path.basename(src)}`,
    };
  }
  if (!isRasterImage(await head(real!))) {
    return { ok: false, problem: `${field}: the lead image "${src}" is not a JPEG, PNG, WebP or GIF image inside: save it again as one of those` };
  }
  return { ok: true, file: { src, bytes: info.size, modified: Math.trunc(info.mtimeMs) } };
}

/** What the loader adds to a report's digest: replacing the photo renders the report again. */
export function leadImageStamp(file: LeadImageFile | undefined): string {
  return file === undefined ? '' : `image\0${file.src}\0${file.bytes}\0${file.modified}`;
}
