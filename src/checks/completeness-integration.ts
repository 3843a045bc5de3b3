/**
 * After every build, proves the archive is complete and its links whole, and fails the build
 * otherwise: every report has its page, is in the archive listings, the sitemap, the JSON index
 * and (if among the newest) the feeds, and every corrected report is on the corrections page;
 * every attachment is published; no page links to a file the site lacks; and no page, feed or
 * JSON file holds an image Astro left unresolved (src/checks/image-placeholders.ts). The check
 * reads only the pages and files Astro wrote, so it runs while Pagefind indexes them (see
 * `alongside` in src/search/build/pagefind-integration.ts, which checks the search-record count itself).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { checkCompleteness } from './completeness.ts';
import { findBrokenLinks } from './link-check.ts';
import { findImagePlaceholders, hasImagePlaceholder, imagePlaceholderProblem, mayHoldReportHtml } from './image-placeholders.ts';
import { absoluteUrl, feedUrl, normalizeBase } from '../urls/base-urls.ts';
import { reportIdFromPath } from '../reports/report-path.ts';
import { CORRECTIONS_FEED, CORRECTIONS_PATH, FEED_FILES, SEARCH_BUNDLE_FOLDER } from '../urls/site-paths.ts';
import { listReportFiles } from '../reports/reports-loader.ts';
import { filesUnder } from '../output/files-under.ts';

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
): AstroIntegration & { checkSite: (siteDir: string, logger: AstroIntegrationLogger) => Promise<void> } {
  let base = '/';
  let site: string | undefined;
  return {
    name: 'news-archive:completeness',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normalizeBase(config.base);
        site = config.site;
      },
    },
    async checkSite(siteDir, logger) {
      const started = performance.now();
      // Not the search bundle: the search step, running alongside, writes and prunes it, and checks
      // its record count itself.
      const [files, sources] = await Promise.all([filesUnder(siteDir, new Set([SEARCH_BUNDLE_FOLDER])), listReportFiles(options.contentDir)]);
      const fileSet = new Set(files);
      const read = (file: string) => (fileSet.has(file) ? readFileSync(path.join(siteDir, file), 'utf8') : undefined);
      const ids = sources.map((file) => {
        const result = reportIdFromPath(file);
        if (!result.ok) throw new Error(`${file}: ${result.problem}`);
        return result.id;
      });
      if (!site) logger.warn('SITE_URL is not set: no sitemap is written and feeds link to the local preview origin. Set it for production builds.');

      const missing = checkCompleteness(
        { files, exists: (f) => fileSet.has(f), read, size: (f) => (fileSet.has(f) ? statSync(path.join(siteDir, f)).size : undefined) },
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
      const htmlFiles = files.filter((f) => f.endsWith('.html'));
      const unresolvedImages: string[] = [];
      // One page in memory at a time: a 10,000-report site has hundreds of megabytes of HTML.
      // Each page, read once for its links, is searched for image placeholders on the way.
      const pages = (function* () {
        for (const file of htmlFiles) {
          const html = readFileSync(path.join(siteDir, file), 'utf8');
          if (hasImagePlaceholder(html)) unresolvedImages.push(imagePlaceholderProblem(file));
          yield { file, html };
        }
      })();
      const broken = findBrokenLinks(pages, (f) => fileSet.has(f), base, site ? new URL(site).origin : undefined).map(
        (b) => `${b.page}: ${b.link} (${b.problem})`,
      );
      const otherTextFiles = (function* () {
        for (const file of files) if (!file.endsWith('.html') && mayHoldReportHtml(file)) yield { file, text: readFileSync(path.join(siteDir, file), 'utf8') };
      })();
      unresolvedImages.push(...findImagePlaceholders(otherTextFiles));
      const problems = [
        ...(missing.length ? [report(missing, 'The archive is incomplete')] : []),
        ...(broken.length ? [report(broken, `${broken.length} broken internal link(s)`)] : []),
        ...(unresolvedImages.length ? [report(unresolvedImages, `${unresolvedImages.length} file(s) with an unresolved image`)] : []),
      ];
      if (problems.length) throw new Error(problems.join('\n'));
      logger.info(
        `completeness: ${ids.length} reports listed, indexed and fed; ${htmlFiles.length} pages' links whole; no unresolved image, in ${Math.round(performance.now() - started)} ms`,
      );
    },
  };
}
