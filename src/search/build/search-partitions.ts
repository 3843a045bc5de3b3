/**
 * Search index partitions. Pagefind holds about 160 MB per 1,000 pages while indexing and re-reads
 * every page on every build, so a large archive's index is split into partitions by publication
 * year, each its own Pagefind bundle (`pagefind/2020-2024/`), built one after another (peak memory
 * is one partition's) and only when one of its report pages changed. The search page merges them.
 *
 * The rule is a function of a report's year alone (the year of its date, which the loader holds
 * equal to its folder) and of the span setting: years are cut into ranges of `span` years aligned
 * on multiples of `span` (span 5: 2015-2019, 2020-2024), so a report changes partition only when
 * its date does, never because other reports were added. Without a span, or when every report
 * falls into one range, there is one partition and the bundle keeps Pagefind's plain layout.
 * Pure: the integration reads the files and the manifest.
 */
import { compareIds } from './feed/feed-order.ts';

export interface PartitionedReport {
  /** `2020/casic-holds` */
  id: string;
  year: number;
}

export interface Partition {
  /** The folder name inside the bundle (`2015-2019`, `2020` for a span of 1); `''` for one partition. */
  name: string;
  /** First and last year of the range (for one partition: of the reports). */
  from: number;
  to: number;
  /** Its reports' ids, sorted. */
  ids: string[];
}

/** What `partitions.json` says about one partition: the client reads `path` and `languages`. */
export interface PartitionEntry {
  name: string;
  /** Relative to the bundle folder: `2020-2024/`, or `` for one partition. */
  path: string;
  from: number;
  to: number;
  records: number;
  /** Records per language (Pagefind's `page_count`). */
  languages: Record<string, number>;
  /** What the partition was built from (partitionDigest); unchanged means it is kept as it is. */
  digest: string;
}

/** What `partitions.json` says about the words index (partition-words.ts). */
export interface WordsIndexEntry {
  /** Relative to the bundle folder: `words/`. */
  path: string;
  /** Records (one per partition holding words) per language. */
  languages: Record<string, number>;
  /** What it was built from (the partitions' digests); unchanged means it is kept as it is. */
  digest: string;
}

export interface PartitionManifest {
  /** Newest first: the order the search page merges them in. */
  partitions: PartitionEntry[];
  /** Absent with one partition, and when it could not be built (the search page then searches every partition). */
  words?: WordsIndexEntry;
}

/** Above this many reports in one partition, the build suggests a span (Pagefind's memory). */
export const PARTITION_REPORTS_ADVISED = 10_000;

export function rangeOfYear(year: number, span: number): { from: number; to: number } {
  const from = year - (((year % span) + span) % span);
  return { from, to: from + span - 1 };
}

export function rangeName(from: number, to: number): string {
  return from === to ? String(from) : `${from}-${to}`;
}

/**
 * One partition keeps Pagefind's own layout (the bundle folder is the index); several are a
 * folder each. Either way only report pages are indexed.
 */
export function indexesWholeSite(partitions: readonly Partition[]): boolean {
  return partitions.length <= 1;
}

/** The partitions of an archive, newest first. `span` undefined: one partition. */
export function partitionReports(reports: readonly PartitionedReport[], span: number | undefined): Partition[] {
  if (reports.length === 0) return [];
  const ranges = new Map<number, PartitionedReport[]>();
  for (const report of reports) {
    const key = span ? rangeOfYear(report.year, span).from : 0;
    let list = ranges.get(key);
    if (!list) ranges.set(key, (list = []));
    list.push(report);
  }
  const years = reports.map((report) => report.year);
  if (ranges.size === 1) {
    return [{ name: '', from: Math.min(...years), to: Math.max(...years), ids: reports.map((r) => r.id).sort(compareIds) }];
  }
  return [...ranges.entries()]
    .sort(([a], [b]) => b - a)
    .map(([from, list]) => {
      const to = from + span! - 1;
      return { name: rangeName(from, to), from, to, ids: list.map((r) => r.id).sort(compareIds) };
    });
}

/**
 * A partition's digest: its pages (path and the digest of its bytes, in path order) and what
 * indexes them (Pagefind's version, the layout), so any edit, addition, deletion or upgrade
 * changes it. `pageDigests` are hex digests of each page's bytes.
 */
export function partitionDigestInput(pages: readonly { path: string; digest: string }[], indexer: string): string {
  const sorted = [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [`indexer ${indexer}`, ...sorted.map((page) => `${page.path} ${page.digest}`)].join('\n');
}

/**
 * The part of a report page Pagefind reads: the `<html>` tag (its `lang` picks the index) and the
 * `data-pagefind-body` element to the end of the last `</article>`. Neighbours and related
 * reports, outside it, change when other reports are added, and must not make a partition be
 * indexed again. (Anything Pagefind should read outside the article would have to be added here.)
 * A page without a body element is taken whole.
 */
export function indexedPart(html: string): string {
  const body = html.indexOf('data-pagefind-body');
  const start = body === -1 ? -1 : html.lastIndexOf('<', body);
  const end = html.lastIndexOf('</article>');
  if (start === -1 || end < start) return html;
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '';
  return `${htmlTag}\n${html.slice(start, end + '</article>'.length)}`;
}

/**
 * Which partitions must be indexed again: those new, changed (another digest) or whose bundle is
 * damaged (`intact` false). The rest are kept as they are.
 */
export function partitionsToRebuild(
  current: readonly { name: string; digest: string }[],
  previous: PartitionManifest | undefined,
  intact: (name: string) => boolean,
): Set<string> {
  const before = new Map((previous?.partitions ?? []).map((entry) => [entry.name, entry.digest]));
  return new Set(current.filter((p) => before.get(p.name) !== p.digest || !intact(p.name)).map((p) => p.name));
}

/** A partition folder's name: `2020`, `2020-2024`. */
export const PARTITION_NAME = /^\d{4}(-\d{4})?$/;

/**
 * Partition folders of earlier builds that this build has no partition for: those the previous
 * list names, and `present` ones (partition-named folders of the bundle holding a Pagefind index),
 * so that a lost or damaged `partitions.json` does not leave an old partition published.
 */
export function obsoletePartitions(current: readonly { name: string }[], previous: PartitionManifest | undefined, present: readonly string[] = []): string[] {
  const names = new Set(current.map((p) => p.name));
  const earlier = new Set([...(previous?.partitions ?? []).map((entry) => entry.name), ...present.filter((name) => PARTITION_NAME.test(name))]);
  return [...earlier].filter((name) => !names.has(name));
}

/** Reads a `partitions.json`; anything unexpected reads as no manifest (everything is rebuilt). */
export function parseManifest(text: string | undefined): PartitionManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as PartitionManifest;
    const ok =
      Array.isArray(value?.partitions) &&
      value.partitions.every((p) => typeof p?.name === 'string' && (p.name === '' || PARTITION_NAME.test(p.name)) && typeof p.digest === 'string');
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The build's advice when a partition is too large for Pagefind's memory. */
export function partitionSizeAdvice(partitions: readonly Partition[], span: number | undefined): string | undefined {
  const largest = [...partitions].sort((a, b) => b.ids.length - a.ids.length)[0];
  if (!largest || largest.ids.length <= PARTITION_REPORTS_ADVISED) return undefined;
  const perYear = largest.ids.length / Math.max(1, Math.min(span ?? Infinity, largest.to - largest.from + 1));
  const suggested = Math.max(1, Math.floor(PARTITION_REPORTS_ADVISED / perYear));
  const what = largest.name ? `search partition ${largest.name}` : 'the search index';
  return `${what} holds ${largest.ids.length} reports; Pagefind needs about ${((largest.ids.length * 0.16) / 1000).toFixed(1)} GB to index it. ARCHIVE_SEARCH_PARTITION_YEARS=${suggested} would split the index into partitions of about ${PARTITION_REPORTS_ADVISED.toLocaleString('en-US')} reports or fewer${span === suggested ? ' (a single year holds more: a finer rule is not available)' : ''}.`;
}
