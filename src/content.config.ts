import { defineCollection } from 'astro:content';
import type { ImageMetadata } from 'astro';
import type { z } from 'zod';
import { reportsLoader } from './reports/reports-loader.ts';
import { reportsContentDir } from './reports/content-dir.ts';
import { renderScopeFromEnv } from './build-parts/part-from-env.ts';
import { buildReportSchema } from './reports/schema.ts';
import { leadImageSrcText } from './reports/lead-image/lead-image-rules.ts';

const reports = defineCollection({
  // In one part of a split build, only the reports that part publishes are rendered (build-parts/).
  loader: reportsLoader(reportsContentDir(), renderScopeFromEnv()),
  // The lead image's path is checked as text, then handed to Astro's image pipeline. Astro types
  // image() by what reports end up holding (the image's metadata); it reads the path as text.
  schema: ({ image }) => buildReportSchema(leadImageSrcText.pipe(image() as unknown as z.ZodType<ImageMetadata, string>)),
});

export const collections = { reports };
