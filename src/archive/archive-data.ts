/**
 * Everything listing and article pages derive from the reports, computed once per build (Astro
 * renders every route in one process) instead of once per route: year groups, topic /
 * organization / person indexes with their slugs, each report's neighbours by date, and its
 * related reports (computed on first request, from the term index).
 */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import path from 'node:path';
import { allReports, type Report } from '../reports/all-reports.ts';
import { groupByYear, type YearGroup } from './grouping.ts';
import { buildTaxonomy, type Taxonomy } from './taxonomy.ts';
import { relatedReports } from './related.ts';
import { siteConfig } from '../site.config.ts';
import { reportHtmlFolder } from 'virtual:news-archive/report-html';
import { isHtmlCacheKey } from '../output/cache/html-cache-key.ts';
import { readReportHtml } from '../output/cache/report-html-cache.ts';
import { render } from 'astro:content';
import { experimental_AstroContainer } from 'astro/container';
import { reportPath } from '../urls/site-paths.ts';
import { bodyUrlsFromPage } from '../formats/body-urls.ts';

export interface Archive {
  /** Newest first. */
  reports: Report[];
  years: YearGroup<Report>[];
  taxonomy: Taxonomy<Report>;
  /** Position of each report in `reports`. */
  position: Map<string, number>;
}

let cached: Promise<Archive> | undefined;

export function archive(): Promise<Archive> {
  cached ??= allReports().then((reports) => ({
    reports,
    years: groupByYear(reports),
    taxonomy: buildTaxonomy(reports),
    position: new Map(reports.map((r, i) => [r.id, i])),
  }));
  return cached;
}

/** The report published just before and just after this one (by date, then id). */
export async function neighbours(report: Report): Promise<{ older?: Report; newer?: Report }> {
  const { reports, position } = await archive();
  const i = position.get(report.id)!;
  return { newer: reports[i - 1], older: reports[i + 1] };
}

const relatedCache = new Map<string, Report[]>();

export async function related(report: Report): Promise<Report[]> {
  const { taxonomy } = await archive();
  let found = relatedCache.get(report.id);
  if (!found) {
    found = relatedReports(report, taxonomy, siteConfig.relatedReports);
    relatedCache.set(report.id, found);
  }
  return found;
}

/** Words in the report's body, counted when it was rendered (src/reports/render/render-report.ts). */
export function wordCount(report: Report): number {
  const words = report.rendered?.metadata?.words;
  if (typeof words !== 'number') throw new Error(`report ${report.id} has no word count: rebuild with its content cache removed`);
  return words;
}

/**
 * The report's body as HTML: from the build's HTML cache (src/output/cache/report-html-cache.ts), or from
 * the store, which keeps it in `astro dev`. Astro's image placeholders are still in it: pages
 * render it through `render()`, which resolves them; any other file publishes publishedReportHtml().
 */
export async function reportHtml(report: Report): Promise<string> {
  const key = report.rendered?.metadata?.htmlKey;
  // A part of a split build renders only what it publishes (src/build-parts/build-part.ts).
  if (report.rendered?.metadata?.renderedElsewhere) throw new Error(`${report.filePath}: this build part did not render the report, yet a page asks for its HTML: add it to reportsToRender (src/build-parts/build-part.ts)`);
  if (key === undefined) return report.rendered?.html ?? '';
  if (!isHtmlCacheKey(key) || reportHtmlFolder === undefined) throw new Error(`report ${report.id} has no readable HTML: rebuild with its content cache (node_modules/.astro/) removed`);
  try {
    return readReportHtml(reportHtmlFolder, key);
  } catch (error) {
    throw new Error(`${report.filePath}: its rendered HTML is missing from ${reportHtmlFolder} (${String(error)}): delete node_modules/.astro/ and build again`);
  }
}

/** What Astro's image step leaves in the cached HTML for each local image (see publishedReportHtml). */
export const IMAGE_PLACEHOLDER = '__ASTRO_IMAGE_';

let container: Promise<experimental_AstroContainer> | undefined;

/**
 * The report's body as every file other than its page publishes it (feeds, its JSON file): the
 * HTML of reportHtml() with Astro's image placeholders resolved exactly as on the page (same
 * files, sizes, srcset, alt, figure and caption), and every relative image and link address
 * resolved against the report's URL as `toUrl` makes it (feeds: always absolute; the JSON file:
 * as its other URLs; see src/formats/body-urls.ts).
 *
 * Astro resolves the placeholders only inside render() (its updateImageReferencesInBody is not
 * exported), and hands back a component: the container API turns that into the same string the
 * page embeds. Resolving calls Astro's getImage, so the build writes each image file the
 * feeds name even if no page rendered in this build asked for it.
 */
export async function publishedReportHtml(report: Report, toUrl: (path: string) => string): Promise<string> {
  let html = await reportHtml(report);
  if (html.includes(IMAGE_PLACEHOLDER)) {
    const { Content } = await render({ ...report, rendered: { ...report.rendered, html } });
    container ??= experimental_AstroContainer.create();
    html = await (await container).renderToString(Content);
  }
  return bodyUrlsFromPage(html, toUrl(reportPath(report.id)));
}

/** The report's Markdown body as the publisher wrote it, without its front matter. */
export async function reportMarkdown(report: Report): Promise<string> {
  return parseFrontmatter(await reportSource(report)).content.trim();
}

/** The report's file exactly as the publisher wrote it, front matter included. */
export async function reportSource(report: Report): Promise<string> {
  if (!report.filePath) throw new Error(`report ${report.id} has no source file path`);
  // Synchronously: read for two files of every report, a promise read costs several times more.
  return readFileSync(path.resolve(report.filePath), 'utf8');
}
