/**
 * A build split into parts that can run on separate machines and be merged by copying folders
 * (issue 14). The partitions are the search index's (src/search/build/search-partitions.ts):
 * ranges of years aligned on ARCHIVE_SEARCH_PARTITION_YEARS. ARCHIVE_BUILD_PART names one part:
 * - a partition (`2015-2019`): that range's report pages, report files, attachments, images and
 *   search partition;
 * - `listings`: everything else (home, listings, term and year pages, feeds, reports.json, the
 *   sitemap, the search page, hosting files), with no report page and no search indexing.
 * Every part reads and checks the front matter of every report (listings, neighbours and related
 * reports need it), but renders the Markdown only of the reports it publishes, and of the newest
 * few whose HTML the feeds carry. The pages without parameters (home, feeds, reports.json...)
 * cannot be left out of an Astro build, so every part writes them; they are small, and the merge
 * requires each part's copy to be byte-identical.
 * Pure: the build settings, the loader, pages and the merge command ask this module.
 */
import { compareIds } from '../archive/ordering.ts';
import { ConfigError } from '../urls/url-settings.ts';
import { rangeName, rangeOfYear } from '../search/build/search-partitions.ts';

export const BUILD_PART_VARIABLE = 'ARCHIVE_BUILD_PART';
export const LISTINGS_PART = 'listings';

export type BuildPart =
  | { kind: 'whole' }
  | { kind: 'listings'; name: typeof LISTINGS_PART }
  | { kind: 'partition'; name: string; from: number; to: number };

export const WHOLE_BUILD: BuildPart = { kind: 'whole' };

/** The search partitions of an archive whose reports fall in `years`, newest first (as the index names them). */
export function partitionNames(years: Iterable<number>, span: number): string[] {
  const ranges = new Map<number, string>();
  for (const year of years) {
    const { from, to } = rangeOfYear(year, span);
    ranges.set(from, rangeName(from, to));
  }
  return [...ranges.entries()].sort(([a], [b]) => b - a).map(([, name]) => name);
}

/** Every part of a split build: each partition, then the listings. */
export function allPartNames(years: Iterable<number>, span: number): string[] {
  return [...partitionNames(years, span), LISTINGS_PART];
}

/**
 * ARCHIVE_BUILD_PART, checked against the archive (the years its reports fall in) and the
 * partition span. Unset: the whole build.
 */
export function parseBuildPart(raw: string | undefined, span: number | undefined, years: readonly number[]): BuildPart {
  const value = raw?.trim() ?? '';
  if (value === '') return WHOLE_BUILD;
  if (span === undefined) {
    throw new ConfigError(
      `${BUILD_PART_VARIABLE}=${JSON.stringify(raw)} needs ARCHIVE_SEARCH_PARTITION_YEARS: a build is split along the search index's partitions. Set ARCHIVE_SEARCH_PARTITION_YEARS (e.g. 10) for every part and the merge, or unset ${BUILD_PART_VARIABLE} to build the whole archive.`,
    );
  }
  const names = partitionNames(years, span);
  if (names.length < 2) {
    throw new ConfigError(
      `${BUILD_PART_VARIABLE}=${JSON.stringify(raw)}: with ARCHIVE_SEARCH_PARTITION_YEARS=${span} the archive's reports all fall in one search partition${names[0] ? ` (${names[0]})` : ''}, so there is nothing to split. Use a smaller ARCHIVE_SEARCH_PARTITION_YEARS, or unset ${BUILD_PART_VARIABLE} to build the whole archive.`,
    );
  }
  if (value === LISTINGS_PART) return { kind: 'listings', name: LISTINGS_PART };
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
  if (match && names.includes(value)) {
    const from = Number(match[1]);
    return { kind: 'partition', name: value, from, to: match[2] ? Number(match[2]) : from };
  }
  throw new ConfigError(
    `${BUILD_PART_VARIABLE}=${JSON.stringify(raw)} is not a part of this archive. With ARCHIVE_SEARCH_PARTITION_YEARS=${span} its parts are: ${allPartNames(years, span).join(', ')}. Build each once (any order, any machine), then merge them with npm run merge-parts; or unset ${BUILD_PART_VARIABLE} to build the whole archive.`,
  );
}

/** Whether the part publishes the report of this year (its page, files and search record). */
export function publishesReport(part: BuildPart, year: number): boolean {
  if (part.kind === 'whole') return true;
  if (part.kind === 'listings') return false;
  return year >= part.from && year <= part.to;
}

/** Whether the part builds the listings (archive, year and term pages, the sitemap). */
export function buildsListings(part: BuildPart): boolean {
  return part.kind !== 'partition';
}

export interface DatedReport {
  id: string;
  year: number;
  date: Date;
}

/**
 * The reports whose Markdown the part renders: those it publishes, and the newest `feedSize`,
 * whose HTML the feeds carry (every part writes the feeds, see above). The order is the archive's
 * (src/archive/ordering.ts): newest first, ties by id.
 */
export function reportsToRender(part: BuildPart, reports: readonly DatedReport[], feedSize: number): Set<string> {
  if (part.kind === 'whole') return new Set(reports.map((r) => r.id));
  const newest = [...reports].sort((a, b) => b.date.getTime() - a.date.getTime() || compareIds(a.id, b.id)).slice(0, feedSize);
  return new Set([...reports.filter((r) => publishesReport(part, r.year)).map((r) => r.id), ...newest.map((r) => r.id)]);
}
