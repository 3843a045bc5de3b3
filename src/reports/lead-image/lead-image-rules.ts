/**
 * The rules for a report's lead image as written in its front matter (`image:`): a raster file
 * beside the report, with alt text, or marked `decorative: true` on purpose. Pure: the schema
 * calls it; the loader checks the file itself (lead-image-file.ts).
 */
import { z } from 'zod';
import { attachmentName, checkAttachmentFile } from '../attachments/attachment-rules.ts';
import { findForbiddenCharacter } from '../text-rules.ts';

export const LEAD_IMAGE_EXAMPLE = 'image: { src: ./<slug>/photo.jpg, alt: "What the photo shows", caption: "...", credit: "Name" }';

/** What browsers, feed readers and link previews all show: no TIFF, no SVG (a file that can hold script). */
export const LEAD_IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** How Astro's `image()` marks a path in data it has not yet stored (astro/dist/content/consts.js). */
export const ASTRO_IMAGE_PREFIX = /^__ASTRO_IMAGE_/;

export const LEAD_IMAGE_TEXT_MAX = 1_000;

export function leadImageMediaType(src: string): string {
  return LEAD_IMAGE_TYPES[src.slice(src.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** The problem with `src` as written, or undefined. The original is published beside the report under its file name. */
export function leadImageSrcProblem(src: string): string | undefined {
  const extension = src.slice(src.lastIndexOf('.') + 1).toLowerCase();
  if (!(extension in LEAD_IMAGE_TYPES)) {
    return `"${src}" is not a photo every browser and feed reader shows: save it as ${Object.keys(LEAD_IMAGE_TYPES).map((e) => `.${e}`).join(', ')}`;
  }
  const checked = checkAttachmentFile(src);
  return checked.ok ? undefined : checked.problem.replace('./<slug>/release.pdf', './<slug>/photo.jpg');
}

const optionalText = (field: string) =>
  z
    .string({ error: `"${field}" must be text, for example ${LEAD_IMAGE_EXAMPLE}` })
    .superRefine((value, ctx) => {
      const bad = findForbiddenCharacter(value);
      if (bad) ctx.addIssue({ code: 'custom', message: `"${field}" contains ${bad.codePoint}, a control character feeds cannot carry: delete it` });
    })
    .transform((value) => value.trim())
    .pipe(z.string().max(LEAD_IMAGE_TEXT_MAX, { error: `"${field}" is longer than ${LEAD_IMAGE_TEXT_MAX} characters: shorten it` }))
    .optional();

export const leadImageSrcText = z
  .string({ error: `"image.src" must be the path of the photo, relative to the report: ${LEAD_IMAGE_EXAMPLE}` })
  .superRefine((src, ctx) => {
    const problem = leadImageSrcProblem(src);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The fields beside `src`, built once: Astro builds the schema again for every report it validates (see schema.ts). */
const textFields = {
  alt: optionalText('image.alt'),
  decorative: z.literal(true, { error: '"image.decorative" can only be true (for a purely decorative photo, with no alt): otherwise remove it' }).optional(),
  caption: optionalText('image.caption'),
  credit: optionalText('image.credit'),
};

/**
 * The `image` field. `src` is a schema of its own: the content collection passes Astro's
 * `image()` (piped after the text checks), which makes the file part of Astro's image pipeline;
 * the importer and tests use the text checks alone.
 */
export function leadImageField<Src extends z.ZodType>(src: Src) {
  return z
    .strictObject(
      { src, ...textFields },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')} in image: it has src, alt, caption, credit (and decorative): ${LEAD_IMAGE_EXAMPLE}`
            : `"image" must be a mapping of src, alt, caption and credit: ${LEAD_IMAGE_EXAMPLE}`,
      },
    )
    .superRefine((image, ctx) => {
      const alt = image.alt ?? '';
      if (image.decorative && alt !== '') {
        ctx.addIssue({
          code: 'custom',
          path: ['alt'],
          message: 'the lead image is marked decorative: true but has alt text: remove decorative (the photo shows something) or the alt (it is only decoration)',
        });
      } else if (!image.decorative && alt === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['alt'],
          message:
            `the lead image has no alt text: describe what the photo shows for readers who cannot see it, for example alt: "Engineers inspect the satellite before launch". ` +
            'Only if the photo is purely decorative, write decorative: true instead of alt',
        });
      }
    });
}

/** The problem when the lead image and an attachment would be published under one name, or undefined. */
export function leadImageNameClash(written: string, attachments: readonly string[]): string | undefined {
  const src = written.replace(ASTRO_IMAGE_PREFIX, '');
  const name = attachmentName(src).toLowerCase();
  const clash = attachments.find((file) => attachmentName(file).toLowerCase() === name && file !== src);
  return clash === undefined
    ? undefined
    : `the lead image "${src}" and the attachment "${clash}" would both be published as ${attachmentName(src)} under the report's address: rename one of them`;
}
