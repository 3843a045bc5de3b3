import { defineCollection } from 'astro:content';
import { newsLoader } from './content/news-loader.ts';
import { newsContentDir } from './content/content-dir.ts';
import { newsSchema } from './lib/schema.ts';

const news = defineCollection({
  loader: newsLoader(newsContentDir()),
  schema: newsSchema,
});

export const collections = { news };
