/**
 * A report's lead image as the site publishes it: the original file beside the report's page
 * (`news/2020/<slug>/photo.jpg`, what feeds, link previews and JSON-LD point at, with its size in
 * bytes), and Astro's image metadata for the resized copies the page and listings show. From the
 * report as the build holds it: pages and formats never look at the file themselves.
 */
import path from 'node:path';
import type { ImageMetadata } from 'astro';
import { attachmentName } from '../attachments/attachment-rules.ts';
import { leadImageMediaType } from './lead-image-rules.ts';
import { leadImageSourcePath } from './lead-image-file.ts';
import { reportAttachmentPath } from '../../urls/site-paths.ts';

export interface PublishedLeadImage {
  /** The file name, the last segment of the original's URL. */
  name: string;
  /** The original's site path (before the base): `news/2020/<slug>/photo.jpg`. */
  path: string;
  /** Where the build reads it. */
  source: string;
  bytes: number;
  mediaType: string;
  width: number;
  height: number;
  /** "" for a decorative image. */
  alt: string;
  caption?: string;
  credit?: string;
  /** For Astro's <Picture> and getImage(). */
  metadata: ImageMetadata;
}

interface LeadImageData {
  src: ImageMetadata | string;
  alt?: string;
  decorative?: true;
  caption?: string;
  credit?: string;
}

type LeadImageOf = { id: string; filePath?: string; rendered?: { metadata?: Record<string, unknown> }; data: { image?: LeadImageData } };

export function publishedLeadImage(report: LeadImageOf): PublishedLeadImage | undefined {
  const image = report.data.image;
  if (!image) return undefined;
  // The path as written and the size, as the loader found them (reports-loader.ts).
  const found = report.rendered?.metadata?.leadImage as { src: string; bytes: number } | undefined;
  if (!found || !report.filePath || typeof image.src === 'string') {
    throw new Error(`report ${report.id} has no size or metadata for its lead image: rebuild with its content cache (node_modules/.astro/) removed`);
  }
  const meta = image.src;
  const name = attachmentName(found.src);
  return {
    name,
    path: reportAttachmentPath(report.id, name),
    source: leadImageSourcePath(path.resolve(report.filePath), found.src),
    bytes: found.bytes,
    mediaType: leadImageMediaType(name),
    width: meta.width,
    height: meta.height,
    alt: image.decorative ? '' : (image.alt ?? ''),
    caption: image.caption,
    credit: image.credit,
    metadata: meta,
  };
}
