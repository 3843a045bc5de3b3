// @ts-check
import path from 'node:path';
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { markdownProcessorOptions } from './src/lib/markdown.ts';
import { fileURLToPath } from 'node:url';
import { newsSourceBytes } from './src/content/content-dir.ts';
import { buildSettings } from './src/lib/build-settings.ts';
import { listNewsFiles } from './src/content/news-loader.ts';
import pagefindIntegration, { SEARCH_BUNDLE_FOLDER } from './src/integrations/pagefind.ts';
import completenessIntegration from './src/integrations/completeness.ts';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/site.config.ts';
import hostingIntegration, { HOSTING_FILES } from './src/integrations/hosting.ts';
import pagefindDevIntegration from './src/integrations/pagefind-dev.ts';
import contentStoreFromDisk from './src/integrations/content-store-from-disk.ts';
import keepOutput from './src/integrations/keep-output.ts';
import bulkEndpoints from './src/integrations/bulk-endpoints.ts';
import { buildCacheDir } from './src/lib/build-cache.ts';
import { collectionStorage } from './src/lib/content-storage.ts';

// Hosting is set per build: SITE_URL (e.g. https://example.org) for absolute URLs, and
// BASE_PATH (e.g. /archive/) to serve the archive under a sub-path; ARCHIVE_OUT_DIR and
// ARCHIVE_CONTENT_DIR move the output and the reports. All are checked here, before Astro starts,
// so a wrong or dangerous value (an output folder that is the project itself) stops the build
// before anything is written.
const { contentDir, site, base, outDir } = buildSettings(process.env, fileURLToPath(new URL('.', import.meta.url)));
// Each report's own files (Markdown, JSON, citations) are rendered in one pass of their own.
const reportFiles = bulkEndpoints({
  components: ['md', 'json', 'bib', 'ris', 'csl.json'].map((ext) => `src/pages/news/[year]/[slug].${ext}.ts`),
  codeInputs: ['src', 'astro.config.mjs', 'package-lock.json'],
});
const completeness = completenessIntegration({ contentDir, feedSize: siteConfig.feedSize });
const [keepOutputFolder, markOutputFinished] = keepOutput({
  producedElsewhere: () => reportFiles.producedFiles(),
  // Written again after the pages by the integrations below.
  rewritten: (file) => HOSTING_FILES.includes(file) || /^sitemap-(index|\d+)\.xml$/.test(file),
  // The search bundle is kept and pruned by its own integration (src/lib/search-bundle-files.ts).
  managedElsewhere: (file) => file.startsWith(`${SEARCH_BUNDLE_FOLDER}/`),
});

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  outDir,
  // A content cache per kind of build, so rebuilds stay warm (see src/lib/build-cache.ts).
  cacheDir: buildCacheDir(process.cwd(), { outDir: path.resolve(outDir), base, site, contentDir }),
  // Stylesheets as hashed files: cacheable, and no inline styles for the Content-Security-Policy.
  // Pages are written eight at a time: one at a time, the build mostly waits on the disk.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  prerenderConflictBehavior: 'error',
  // Unchanged report pages are copied from the last build instead of rendered again (their
  // getStaticPaths cacheKey); pages without a key are always rendered.
  experimental: {
    incrementalBuild: true,
    // One store file while it fits in a JavaScript string, split files for very large archives.
    collectionStorage: collectionStorage(await newsSourceBytes(contentDir)),
  },
  vite: {
    // Scripts as files, never inlined: cacheable, allowed by a strict CSP (script-src 'self'),
    // and Vite's dynamic-import helper is only resolved in emitted chunks.
    build: { assetsInlineLimit: 0 },
  },
  markdown: {
    processor: unified(markdownProcessorOptions),
  },
  // The output folder is kept between builds and pruned to exactly this build's files: the first
  // of these integrations prunes before the others write into the folder, the last records that
  // the build finished.
  integrations: [
    keepOutputFolder,
    // Needs SITE_URL: a sitemap lists absolute URLs. The 404 page is not content.
    sitemap({ filter: (page) => !/\/404\/?$/.test(new URL(page).pathname) }),
    contentStoreFromDisk(),
    reportFiles,
    // While Pagefind indexes the site, the completeness check reads it (pages, listings, sitemap,
    // JSON index, feeds, links); either failing fails the build.
    pagefindIntegration({
      expectedRecords: async () => (await listNewsFiles(contentDir)).length,
      alongside: (siteDir, logger) => completeness.checkSite(siteDir, logger),
    }),
    completeness,
    hostingIntegration(),
    pagefindDevIntegration({ contentDir }),
    markOutputFinished,
  ],
});
