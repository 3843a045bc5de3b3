/**
 * After every build, proves the archive is complete and its links whole, and fails the build
 * otherwise: every report has its page, is in the archive listings, the sitemap, the JSON index
 * and (if among the newest) the feeds, and every corrected report is on the corrections page;
 * every attachment is published; no page links to a file the site lacks; and no page, feed or
 * JSON file holds an image Astro left unresolved (src/checks/image-placeholders.ts). The check
 * reads only the pages and files Astro wrote, so it runs while Pagefind indexes them (see
 * `alongside` in src/search/build/pagefind-integration.ts, which checks the search-record count itself).
 * The pages are read earlier still, on a thread of their own, once told they are written
 * (`pagesWritten`, early-pages.ts): the check then takes those readings of pages unchanged since.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { checkCompleteness } from './completeness.ts';
import { brokenLinks } from './link-check.ts';
import { imagePlaceholderProblem, mayHoldReportHtml } from './image-placeholders.ts';
import { readSiteFile } from './read-site-file.ts';
import { readPagesEarly, type EarlyPages } from './early-pages.ts';
import { stampFile } from '../output/up-to-date/file-stamps.ts';
import { readCacheFile, writeCacheFile } from '../output/cache/cache-file.ts';
import { absoluteUrl, feedUrl, normalizeBase } from '../urls/base-urls.ts';
import { reportIdFromPath } from '../reports/report-path.ts';
import { CORRECTIONS_FEED, CORRECTIONS_PATH, FEED_FILES, SEARCH_BUNDLE_FOLDER } from '../urls/site-paths.ts';
import { listReportFiles } from '../reports/content-dir.ts';
import { filesUnder } from '../output/files-under.ts';
import { pageLinks } from './page-links.ts';
import { codeFingerprint } from '../output/cache/code-fingerprint.ts';

/** Files read between two turns of the event loop (see checkSite). */
const YIELD_EVERY = 100;

export interface CompletenessOptions {
  contentDir: string;
  feedSize: number;
}

function report(problems: string[], heading: string): string {
  const shown = problems.slice(0, 30);
  return `${heading}:\n  ${shown.join('\n  ')}${problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : ''}`;
}

export default function completenessIntegration(
  options: CompletenessOptions,
): AstroIntegration & {
  checkSite: (siteDir: string, logger: AstroIntegrationLogger) => Promise<void>;
  /**
   * Every page of the build is written: their reading starts, for the check to take those still
   * there and unchanged. Returned for the tests; the build does not wait for it (none outside a build).
   */
  pagesWritten: () => EarlyPages | undefined;
} {
  let base = '/';
  let site: string | undefined;
  let cacheFile: string | undefined;
  let outDir: string | undefined;
  /** The link extractor's fingerprint (the cache's identity), once per build. */
  let extractor: Promise<string> | undefined;
  /** The pages being read since they were written. */
  let early: EarlyPages | undefined;
  const extractorFingerprint = () => (extractor ??= codeFingerprint(new URL('./link-check.ts', import.meta.url)));
  return {
    name: 'news-archive:completeness',
    pagesWritten() {
      if (!outDir) return undefined;
      early?.end();
      early = readPagesEarly(outDir, cacheFile, extractorFingerprint());
      return early;
    },
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normalizeBase(config.base);
        site = config.site;
        // Beside the content store: one per kind of build (src/output/cache/build-cache.ts). None when
        // the check runs outside a build (merge-parts checks a merged folder from nothing).
        cacheFile = config.cacheDir ? fileURLToPath(new URL('link-check/page-links.json', config.cacheDir)) : undefined;
        outDir = config.outDir ? fileURLToPath(config.outDir) : undefined;
      },
      'astro:build:start': () => {
        // A build in this process that failed before its check may have left its reading running.
        early?.end();
        early = undefined;
        extractor = undefined;
      },
    },
    async checkSite(siteDir, logger) {
      const started = performance.now();
      const readEarly = early && path.resolve(early.siteDir) === path.resolve(siteDir) ? early : undefined;
      if (!readEarly) early?.end();
      early = undefined;
      // Not the search bundle: the search step, running alongside, writes and prunes it, and checks
      // its record count itself.
      const [files, sources, extractor, pagesReadEarly] = await Promise.all([
        filesUnder(siteDir, new Set([SEARCH_BUNDLE_FOLDER])),
        listReportFiles(options.contentDir),
        extractorFingerprint(),
        readEarly?.readings(),
      ]).finally(() => readEarly?.end());
      const fileSet = new Set(files);
      const read = (file: string) => (fileSet.has(file) ? readFileSync(path.join(siteDir, file), 'utf8') : undefined);
      const ids = sources.map((file) => {
        const result = reportIdFromPath(file);
        if (!result.ok) throw new Error(`${file}: ${result.problem}`);
        return result.id;
      });
      if (!site) logger.warn('SITE_URL is not set: no sitemap is written and feeds link to the local preview origin. Set it for production builds.');

      const htmlFiles = files.filter((f) => f.endsWith('.html'));
      // Pages, feeds, sitemaps and JSON records (a report's .json carries its HTML): each is read
      // unless its stamp says it is as when last read and found clean, and searched for image
      // placeholders; a page's links come with it, parsed only when its bytes are new (page-links.ts).
      // A page read since it was written (early-pages.ts) and stamped the same is not read again.
      const known = pageLinks(readCacheFile(cacheFile), extractor);
      const linksByPage = new Map<string, readonly string[]>();
      const unresolvedImages: string[] = [];
      let reread = 0;
      let checked = 0;
      for (const file of files) {
        if (!mayHoldReportHtml(file)) continue;
        const page = file.endsWith('.html');
        // Reads are synchronous (several times cheaper than promise reads of small files), so the
        // loop lets the event loop run now and then: Pagefind's answers, alongside, wait on it,
        // and its process would otherwise sit idle until the whole site was read.
        if (++checked % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        const full = path.join(siteDir, file);
        const stamp = stampFile(full);
        const unchanged = known.unchanged(file, stamp);
        if (unchanged) {
          if (page) linksByPage.set(file, unchanged);
          continue;
        }
        reread++;
        const earlier = page ? pagesReadEarly?.get(file) : undefined;
        const reading =
          earlier?.stamp === stamp
            ? { page: { digest: earlier.digest, links: known.adopt(earlier.digest, earlier.links) }, placeholder: earlier.placeholder }
            : readSiteFile(full, page, known);
        if (reading.page) linksByPage.set(file, reading.page.links);
        if (reading.placeholder) unresolvedImages.push(imagePlaceholderProblem(file));
        else known.vouch(file, stamp, reading.page?.digest);
      }
      writeCacheFile(cacheFile, known.toCache());

      const missing = checkCompleteness(
        { files, exists: (f) => fileSet.has(f), read, links: (f) => linksByPage.get(f), size: (f) => (fileSet.has(f) ? statSync(path.join(siteDir, f)).size : undefined) },
        {
          ids,
          base,
          absolute: (p) => absoluteUrl(site, base, p),
          feedUrl: (p) => feedUrl(site, base, p),
          hasSiteUrl: Boolean(site),
          feedSize: options.feedSize,
          feedFiles: { rss: FEED_FILES.rss, atom: FEED_FILES.atom, json: FEED_FILES.json },
          indexFile: FEED_FILES.index,
          corrections: { page: `${CORRECTIONS_PATH}index.html`, feed: CORRECTIONS_FEED },
        },
      );
      const pages = htmlFiles.map((file) => ({ file, links: linksByPage.get(file)! }));
      const broken = brokenLinks(pages, (f) => fileSet.has(f), base, site ? new URL(site).origin : undefined).map(
        (b) => `${b.page}: ${b.link} (${b.problem})`,
      );
      const problems = [
        ...(missing.length ? [report(missing, 'The archive is incomplete')] : []),
        ...(broken.length ? [report(broken, `${broken.length} broken internal link(s)`)] : []),
        ...(unresolvedImages.length ? [report(unresolvedImages, `${unresolvedImages.length} file(s) with an unresolved image`)] : []),
      ];
      if (problems.length) throw new Error(problems.join('\n'));
      logger.info(
        `completeness: ${ids.length} reports listed, indexed and fed; ${htmlFiles.length} pages' links whole (${reread} of ${checked} file(s) read, the rest unchanged since they were last read; ${known.extracted} page(s) parsed); no unresolved image, in ${Math.round(performance.now() - started)} ms`,
      );
    },
  };
}
