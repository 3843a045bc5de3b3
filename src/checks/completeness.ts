/**
 * Proof, after each build, that the archive is complete: every report has its page, is listed in
 * the archive (all-reports pages and its year page), in the sitemap (when a site URL is set), in
 * the JSON index, and, if among the newest, in every feed; every corrected report is on the
 * corrections page and, if among the newest corrections, in its feed; and every attachment and
 * lead image (its original, which feeds and link previews point at) the index lists was published, whole. Pure over a view of the built files,
 * so the integration reads the disk and the tests use a map. (The search-record count is checked
 * by the Pagefind integration itself.)
 */
import { compareIds } from '../archive/ordering.ts';
import { extractLinks } from './link-check.ts';
import { reportAttachmentPath, reportPath, yearPath } from '../urls/site-paths.ts';
import type { ArchiveIndex } from '../formats/machine-readable.ts';

export interface BuiltSite {
  exists(file: string): boolean;
  read(file: string): string | undefined;
  /** All files, relative to the site folder, with forward slashes. */
  files: readonly string[];
  /** Bytes of a file (undefined when it does not exist). */
  size?(file: string): number | undefined;
  /** The links of a built page, as extractLinks gives them, when already known (read from the page otherwise). */
  links?(file: string): readonly string[] | undefined;
}

export interface CompletenessInput {
  /** Report ids from the content folder. */
  ids: readonly string[];
  base: string;
  /** Absolute URL of a site path (or the path alone without a site URL). */
  absolute: (path: string) => string;
  /** Absolute URL of a site path as the feeds write it. */
  feedUrl: (path: string) => string;
  hasSiteUrl: boolean;
  feedSize: number;
  feedFiles: { rss: string; atom: string; json: string };
  indexFile: string;
  /** The corrections page (its index.html) and its feed. */
  corrections: { page: string; feed: string };
}

const REPORT_LINK = /\/news\/(\d{4}\/[a-z0-9]+(?:-[a-z0-9]+)*)\/$/;

/** The links of a page (none if it is missing). */
function linksOf(site: BuiltSite, file: string): readonly string[] {
  return site.links?.(file) ?? extractLinks(site.read(file) ?? '');
}

function linkedReportIds(links: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const link of links) {
    const match = REPORT_LINK.exec(link.split(/[?#]/)[0]!);
    if (match) ids.add(match[1]!);
  }
  return ids;
}

function missing(ids: Iterable<string>, found: Set<string>): string[] {
  return [...ids].filter((id) => !found.has(id));
}

function describe(what: string, ids: string[]): string[] {
  if (ids.length === 0) return [];
  const shown = ids.slice(0, 10).join(', ');
  return [`${ids.length} report(s) missing from ${what}: ${shown}${ids.length > 10 ? ', ...' : ''}`];
}

/** Attachments and lead images listed in the index that the output lacks, or holds with another size. */
function missingAttachments(site: BuiltSite, index: ArchiveIndex): string[] {
  const problems: string[] = [];
  for (const report of index.reports) {
    const files = [
      ...(report.attachments ?? []).map((a) => ({ ...a, what: 'attachment' })),
      ...(report.image ? [{ ...report.image, what: 'lead image' }] : []),
    ];
    for (const attachment of files) {
      const name = decodeURIComponent(new URL(attachment.url, 'http://x/').pathname.split('/').at(-1) ?? '');
      const file = reportAttachmentPath(report.id, name);
      if (!site.exists(file)) {
        problems.push(`the ${attachment.what} ${file} of ${report.id} was not published`);
        continue;
      }
      const size = site.size?.(file);
      if (size !== undefined && size !== attachment.bytes) {
        problems.push(`the ${attachment.what} ${file} of ${report.id} was published with ${size} bytes, not the ${attachment.bytes} of its file`);
      }
    }
  }
  return problems;
}

export function checkCompleteness(site: BuiltSite, input: CompletenessInput): string[] {
  const problems: string[] = [];
  const { ids } = input;

  problems.push(...describe('their own page', ids.filter((id) => !site.exists(`${reportPath(id)}index.html`))));

  const archivePages = site.files.filter((f) => /^news\/(?:page\/\d+\/)?index\.html$/.test(f));
  const listed = new Set<string>();
  for (const page of archivePages) for (const id of linkedReportIds(linksOf(site, page))) listed.add(id);
  problems.push(...describe('the archive listing (news/ and its pages)', missing(ids, listed)));

  const byYear = new Map<string, string[]>();
  for (const id of ids) {
    const year = id.slice(0, 4);
    if (!byYear.has(year)) byYear.set(year, []);
    byYear.get(year)!.push(id);
  }
  for (const [year, yearIds] of byYear) {
    const page = `${yearPath(year)}index.html`;
    problems.push(...describe(`the year page ${yearPath(year)}`, !site.exists(page) ? yearIds : missing(yearIds, linkedReportIds(linksOf(site, page)))));
  }

  if (input.hasSiteUrl) {
    const sitemaps = site.files.filter((f) => /^sitemap-\d+\.xml$/.test(f));
    const locs = new Set(sitemaps.flatMap((f) => [...(site.read(f) ?? '').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!)));
    problems.push(...describe('the sitemap', ids.filter((id) => !locs.has(input.absolute(reportPath(id))))));
  }

  const indexText = site.read(input.indexFile);
  let index: ArchiveIndex | undefined;
  try {
    index = indexText === undefined ? undefined : (JSON.parse(indexText) as ArchiveIndex);
  } catch (error) {
    problems.push(`${input.indexFile} is not valid JSON: ${(error as Error).message}`);
  }
  if (!index) {
    if (indexText === undefined) problems.push(`the JSON index ${input.indexFile} was not written`);
  } else {
    problems.push(...describe(`the JSON index ${input.indexFile}`, missing(ids, new Set(index.reports.map((r) => r.id)))));
    problems.push(...missingAttachments(site, index));
    // The index is now known to be complete; its dates give the newest reports the feeds must hold.
    const newest = [...index.reports]
      .sort((a, b) => b.date.localeCompare(a.date, 'en') || compareIds(a.id, b.id))
      .slice(0, input.feedSize);
    for (const [kind, file] of Object.entries(input.feedFiles)) {
      const text = site.read(file);
      if (text === undefined) {
        problems.push(`the ${kind} feed ${file} was not written`);
        continue;
      }
      problems.push(...describe(`the ${kind} feed ${file}`, newest.filter((r) => !text.includes(input.feedUrl(reportPath(r.id)))).map((r) => r.id)));
    }
    problems.push(...checkCorrections(site, input, index));
  }
  return problems;
}

/** The complete index names the corrected reports; the corrections page and feed must show them. */
function checkCorrections(site: BuiltSite, input: CompletenessInput, index: ArchiveIndex): string[] {
  const { page, feed } = input.corrections;
  const corrections = index.reports
    .flatMap((r) => (r.updates ?? []).filter((u) => u.kind === 'correction').map((u) => ({ id: r.id, date: u.date })))
    .sort((a, b) => b.date.localeCompare(a.date, 'en') || compareIds(a.id, b.id));
  const problems: string[] = [];
  if (!site.exists(page)) problems.push(`the corrections page ${page} was not written`);
  else problems.push(...describe(`the corrections page ${page}`, missing(new Set(corrections.map((c) => c.id)), linkedReportIds(linksOf(site, page)))));
  const text = site.read(feed);
  if (text === undefined) problems.push(`the corrections feed ${feed} was not written`);
  else {
    const newest = new Set(corrections.slice(0, input.feedSize).map((c) => c.id));
    problems.push(...describe(`the corrections feed ${feed}`, [...newest].filter((id) => !text.includes(input.feedUrl(reportPath(id))))));
  }
  return problems;
}
