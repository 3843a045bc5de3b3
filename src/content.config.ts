import { defineCollection } from 'astro:content';
import { newsLoader } from './reports/reports-loader.ts';
import { newsContentDir } from './reports/content-dir.ts';
import { newsSchema } from './reports/schema.ts';

const news = defineCollection({
  loader: newsLoader(newsContentDir()),
  schema: newsSchema,
});

export const collections = { news };
