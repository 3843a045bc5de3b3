import { defineCollection } from 'astro:content';
import { reportsLoader } from './reports/reports-loader.ts';
import { reportsContentDir } from './reports/content-dir.ts';
import { reportSchema } from './reports/schema.ts';

const reports = defineCollection({
  loader: reportsLoader(reportsContentDir()),
  schema: reportSchema,
});

export const collections = { reports };
