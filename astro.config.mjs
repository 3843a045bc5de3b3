// @ts-check
import { createHash } from 'node:crypto';
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { markdownProcessorOptions } from './src/lib/markdown.ts';
import { normalizeBase } from './src/lib/urls.ts';
import { newsContentDir } from './src/content/content-dir.ts';
import { listNewsFiles } from './src/content/news-loader.ts';
import pagefindIntegration from './src/integrations/pagefind.ts';
import completenessIntegration from './src/integrations/completeness.ts';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/site.config.ts';
import hostingIntegration from './src/integrations/hosting.ts';
import pagefindDevIntegration from './src/integrations/pagefind-dev.ts';

// Hosting is set per build: SITE_URL (e.g. https://example.org) for absolute URLs, and
// BASE_PATH (e.g. /archive/) to serve the archive under a sub-path.
const contentDir = newsContentDir();

export default defineConfig({
  site: process.env.SITE_URL || undefined,
  base: normalizeBase(process.env.BASE_PATH),
  trailingSlash: 'always',
  outDir: process.env.ARCHIVE_OUT_DIR || './dist',
  // Astro keeps its content store in cacheDir: one per content folder, so that building another
  // folder (tests, benchmarks) never mixes two archives' entries ("multiple entries with the same slug").
  cacheDir: `./node_modules/.astro/content-${createHash('sha256').update(contentDir).digest('hex').slice(0, 12)}`,
  // Stylesheets as hashed files: cacheable, and no inline styles for the Content-Security-Policy.
  build: { format: 'directory', inlineStylesheets: 'never' },
  prerenderConflictBehavior: 'error',
  vite: {
    // Scripts as files, never inlined: cacheable, allowed by a strict CSP (script-src 'self'),
    // and Vite's dynamic-import helper is only resolved in emitted chunks.
    build: { assetsInlineLimit: 0 },
  },
  markdown: {
    processor: unified(markdownProcessorOptions),
  },
  integrations: [
    // Needs SITE_URL: a sitemap lists absolute URLs. The 404 page is not content.
    sitemap({ filter: (page) => !/\/404\/?$/.test(new URL(page).pathname) }),
    pagefindIntegration({ expectedRecords: async () => (await listNewsFiles(contentDir)).length }),
    // After Pagefind: checks the finished site (pages, listings, sitemap, index, feeds, links).
    completenessIntegration({ contentDir, feedSize: siteConfig.feedSize }),
    hostingIntegration(),
    pagefindDevIntegration({ contentDir }),
  ],
});
