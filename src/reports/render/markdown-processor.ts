/**
 * How report bodies become HTML, shared by astro.config.mjs and the tests that check rendering.
 * - remark-gfm is owned here (the processor's own GFM is off, or it would run twice).
 * - No smart punctuation: an archive of record shows quotes and dashes as the source wrote them.
 * - Raw HTML in a report is sanitised (GitHub's rules): no scripts, no event handlers, no
 *   javascript: URLs, whoever wrote the Markdown.
 * - Links that leave the site get rel="noopener".
 * - Tables sit in a focusable scroll region (wide ones scroll on narrow screens); alignment is a class.
 */
import remarkGfm from 'remark-gfm';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeTables from './rehype-tables.ts';
import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';

const sanitizeSchema = {
  ...defaultSchema,
  // remark-rehype already prefixes footnote ids; prefixing again would break their links.
  clobberPrefix: '',
};

export const markdownProcessorOptions: UnifiedProcessorOptions = {
  gfm: false,
  smartypants: false,
  remarkPlugins: [remarkGfm],
  rehypePlugins: [
    [rehypeSanitize, sanitizeSchema],
    [rehypeExternalLinks, { rel: ['noopener'] }],
    rehypeTables,
  ],
};
