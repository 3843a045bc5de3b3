/**
 * Every shape of URL the site publishes, as site paths before the base: pages end in `/`
 * (directory URLs any static server resolves to index.html), files do not. Pages, feeds, checks,
 * hosting and the search client all read their paths here; base-urls.ts puts the base in front.
 * Changing a shape here changes it everywhere, so published URLs, which readers cite and link,
 * must only ever change on purpose.
 */

/** Every report, newest first, page 1. */
export const ARCHIVE_PATH = 'news/';
export const YEARS_PATH = 'years/';
export const SEARCH_PATH = 'search/';
/** Pagefind's bundle folder (index, fragments, its scripts), at the top of the output folder. */
export const SEARCH_BUNDLE_FOLDER = 'pagefind';
export const SEARCH_BUNDLE_PATH = `${SEARCH_BUNDLE_FOLDER}/`;
/**
 * The list of the search index's partitions (src/search/build/search-partitions.ts), in the
 * bundle folder. With one partition, that partition is the bundle folder itself.
 */
export const SEARCH_PARTITIONS_FILE = 'partitions.json';

/**
 * The words index of a partitioned search index (src/search/build/partition-words.ts): which
 * partitions hold a search's words. Its own Pagefind bundle, inside the bundle folder.
 */
export const SEARCH_WORDS_FOLDER = 'words';

/** A search partition's own Pagefind bundle, inside the bundle folder: `pagefind/2020-2024/`. */
export function searchPartitionPath(name: string): string {
  return name === '' ? SEARCH_BUNDLE_PATH : `${SEARCH_BUNDLE_PATH}${name}/`;
}

/** The archive's feeds and its JSON index of every report. */
export const FEED_FILES = {
  rss: 'feed.xml',
  atom: 'atom.xml',
  json: 'feed.json',
  index: 'reports.json',
} as const;

/** Every correction of every report, newest first, and its Atom feed beside it. */
export const CORRECTIONS_PATH = 'corrections/';
export const CORRECTIONS_FEED = `${CORRECTIONS_PATH}atom.xml`;

/** A report's page: `news/2020/casic-holds/` for the id `2020/casic-holds`. */
export function reportPath(id: string): string {
  return `${ARCHIVE_PATH}${id}/`;
}

/** One of a report's own files (see formats/report-formats.ts): `news/2020/casic-holds.bib`. */
export function reportFilePath(id: string, extension: string): string {
  return `${ARCHIVE_PATH}${id}.${extension}`;
}

/**
 * A file attached to a report, under the report's own address, by its file name:
 * `news/2020/casic-holds/release.pdf`. (The page itself is that folder's index.html, a name no
 * attachment can take: HTML is never attached.)
 */
export function reportAttachmentPath(id: string, name: string): string {
  return `${reportPath(id)}${name}`;
}

/** A year's reports: `news/2020/`. */
export function yearPath(year: number | string): string {
  return `${ARCHIVE_PATH}${year}/`;
}

/** The id of a month's section on its year page (1-12): `news/2020/#m7` is July 2020. */
export function monthAnchor(month: number): string {
  return `m${month}`;
}

/** The index of one kind of term (topics, organizations, people), and each term's first page. */
export const TERM_FOLDERS = { topic: 'topics/', organization: 'organizations/', person: 'people/' } as const;

export function termPath(kind: keyof typeof TERM_FOLDERS, slug: string): string {
  return `${TERM_FOLDERS[kind]}${slug}/`;
}

/** Page n of a paginated listing whose first page is at `firstPage`: `news/page/2/`. */
export function listingPagePath(firstPage: string, number: number): string {
  return number === 1 ? firstPage : `${firstPage}${listingPageParam(number)}/`;
}

/** The route parameter Astro's `[...page]` routes take for page n (none for page 1). */
export function listingPageParam(number: number): string | undefined {
  return number === 1 ? undefined : `page/${number}`;
}
