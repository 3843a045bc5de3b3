/**
 * newsArchive(): the whole build as one Astro integration. It sets the Astro options the archive
 * depends on and adds its sub-integrations in the one order that works; `BUILD_STEPS` names
 * them in that order with the reason for each place, and a unit test holds the order.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { markdownProcessorOptions } from './reports/render/markdown-processor.ts';
import { measureReportSources } from './reports/content-dir.ts';
import { collectionStorage } from './reports/content-storage.ts';
import contentStoreFromDisk from './reports/content-store-integration.ts';
import keepOutput from './output/keep-output-integration.ts';
import reportFilesIntegration from './output/report-files-integration.ts';
import { buildCacheDirFor } from './output/cache/build-cache.ts';
import { wholeEnvReadsPlugin } from './output/cache/whole-env-reads.ts';
import pagefindIntegration from './search/build/pagefind-integration.ts';
import pagefindDevIntegration from './search/build/pagefind-dev-integration.ts';
import attachmentDevIntegration from './reports/attachments/attachment-dev-integration.ts';
import completenessIntegration from './checks/completeness-integration.ts';
import hostingIntegration, { HOSTING_FILES } from './hosting/hosting-integration.ts';
import { REPORT_FORMATS } from './formats/report-formats.ts';
import { sitemapLastmod } from './formats/sitemap-lastmod.ts';
import { FEED_FILES, SEARCH_BUNDLE_FOLDER } from './urls/site-paths.ts';
import { siteConfig } from './site.config.ts';
import { envFileRefusal, type BuildSettings } from './settings/build-settings.ts';
import buildPartIntegration, { reportPageUrls } from './build-parts/build-part-integration.ts';
import { PART_MANIFEST } from './build-parts/part-manifest.ts';

/** The sub-integrations, in order, and why each stands where it does. */
export const BUILD_STEPS = [
  // First: prunes the kept output folder before any other step writes into it.
  'news-archive:keep-output',
  // Needs SITE_URL: a sitemap lists absolute URLs. The 404 page is not content.
  '@astrojs/sitemap',
  'news-archive:content-store-from-disk',
  // Each report's own files (Markdown, JSON, citations) and its attachments, rendered in one pass
  // of their own; the files it writes are listed to keep-output, which would otherwise prune them.
  'news-archive:report-files',
  // Indexes the finished pages; the completeness check reads the site alongside. The check needs
  // the sitemap and the report files written, so it comes after them. The index needs only the
  // pages: in a folder that started empty it starts as soon as they are written, while the report
  // files are rendered; otherwise here, once keep-output has removed earlier builds' pages.
  'news-archive:pagefind',
  'news-archive:completeness',
  'news-archive:hosting',
  'news-archive:pagefind-dev',
  // `astro dev` only: serves attachments, which the dev server cannot route (see its file).
  'news-archive:attachments-dev',
  // Tells pages which part of a split build this is; in a part, writes its manifest once the rest is done.
  'news-archive:build-part',
  // Last: records that the build finished, so the next build may keep the folder.
  'news-archive:keep-output-finished',
] as const;

export function subIntegrations(settings: BuildSettings): AstroIntegration[] {
  const { contentDir } = settings;
  const reportFiles = reportFilesIntegration({
    components: [...REPORT_FORMATS.map((format) => `src/pages/news/[year]/[slug].${format.extension}.ts`), 'src/pages/news/[year]/[slug]/[attachment].ts'],
    codeInputs: ['src', 'astro.config.mjs', 'package-lock.json'],
    whenPagesWritten: () => {
      search.pagesWritten();
      // A part alone is not checked (see `alongside` below).
      if (settings.buildPart.kind === 'whole') completeness.pagesWritten();
    },
  });
  const completeness = completenessIntegration({ contentDir, feedSize: siteConfig.feedSize });
  const [keepOutputFolder, markOutputFinished] = keepOutput({
    producedElsewhere: () => reportFiles.producedFiles(),
    // Written again after the pages by the steps below.
    rewritten: (file) => HOSTING_FILES.includes(file) || /^sitemap-(index|\d+)\.xml$/.test(file) || file === PART_MANIFEST,
    // The search bundle is kept and pruned by its own step (src/search/build/search-bundle-files.ts).
    managedFolders: [SEARCH_BUNDLE_FOLDER],
  });
  const part = settings.buildPart;
  // The listings part lists every report page, which the partition parts build; they write no sitemap.
  let reportPages: string[] = [];
  const siteMap = sitemap({
    filter: (page) => !/\/404\/?$/.test(new URL(page).pathname),
    // A corrected or updated report's lastmod, from the reports.json written with the pages.
    serialize: sitemapLastmod(path.resolve(settings.root, settings.outDir, FEED_FILES.index)),
    // Read when the sitemap is written: its build:done, wrapped below, lists the reports first.
    get customPages() {
      return reportPages.length > 0 ? reportPages : undefined;
    },
  });
  const siteMapDone = siteMap.hooks['astro:build:done'];
  siteMap.hooks['astro:build:done'] = async (params) => {
    if (part.kind === 'partition') return;
    if (part.kind === 'listings' && settings.site) reportPages = await reportPageUrls(contentDir, settings.site, settings.base);
    await siteMapDone?.(params);
  };
  const search = pagefindIntegration({
    contentDir,
    ...(settings.searchPartitionYears ? { partitionYears: settings.searchPartitionYears } : {}),
    // A part alone is not a site: the merge of all parts checks it (src/build-parts/merge-cli.ts).
    alongside: (siteDir, logger) =>
      part.kind === 'whole' ? completeness.checkSite(siteDir, logger) : Promise.resolve(logger.info('completeness: checked on the merged site (npm run merge-parts)')),
    part,
    // Pagefind may start on the pages before keep-output prunes the folder only if there is nothing to prune.
    holdsOnlyThisBuild: () => keepOutputFolder.holdsOnlyThisBuild(),
  });
  return [
    keepOutputFolder,
    siteMap,
    contentStoreFromDisk(),
    reportFiles,
    search,
    completeness,
    hostingIntegration(),
    pagefindDevIntegration({ contentDir }),
    attachmentDevIntegration({ contentDir }),
    buildPartIntegration(settings),
    markOutputFinished,
  ];
}

export function newsArchive(settings: BuildSettings): AstroIntegration {
  return {
    name: 'news-archive',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig }) => {
        const refusal = envFileRefusal(process.env, settings.root, command === 'dev' ? 'dev' : 'build');
        if (refusal) throw refusal;
        updateConfig({
          // A content cache per kind of build, so rebuilds stay warm (see src/output/cache/build-cache.ts).
          // (A URL with a final slash, as Astro holds it once its own config is resolved.)
          cacheDir: pathToFileURL(`${buildCacheDirFor(settings)}${path.sep}`),
          // Stylesheets as hashed files: cacheable, and no inline styles for the Content-Security-Policy.
          // Pages are written eight at a time: one at a time, the build mostly waits on the disk.
          build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
          prerenderConflictBehavior: 'error',
          // Unchanged report pages are copied from the last build instead of rendered again (their
          // getStaticPaths cacheKey); pages without a key are always rendered.
          experimental: {
            incrementalBuild: true,
            // One store file while it provably fits in a JavaScript string, split files for very large archives.
            collectionStorage: collectionStorage(command, await measureReportSources(settings.contentDir, command)),
          },
          // Scripts as files, never inlined: cacheable, allowed by a strict CSP (script-src 'self'),
          // and Vite's dynamic-import helper is only resolved in emitted chunks.
          // And no environment variable in the code that decides whether a page is reused (whole-env-reads.ts).
          vite: { build: { assetsInlineLimit: 0 }, plugins: [wholeEnvReadsPlugin()] },
          markdown: {
            processor: unified(markdownProcessorOptions),
            // No Shiki: its colours are inline styles, which the sanitiser removes (and would report
            // as removed from every code block) and the Content-Security-Policy forbids. Code blocks
            // keep their `language-*` class.
            syntaxHighlight: false,
          },
          integrations: subIntegrations(settings),
        });
      },
    },
  };
}
