/**
 * Loads the compile-time Pagefind bundle from this site's base, whatever the hosting path, and
 * searches every language and every partition in it at once.
 *
 * Pagefind writes one index per `<html lang>` and by default searches only the index of the page
 * it runs on, so from the (English) search page a Chinese report would never be found. Readers of
 * this archive search across languages, so every other language of the bundle is merged in with
 * `mergeIndex(bundle, { language })`; each index keeps its own word segmentation (the query is
 * segmented per language with Intl.Segmenter). Pagefind skips a merge whose path is a prefix of
 * the primary bundle's path (to avoid counting one index twice), so the same bundle is addressed
 * through an equivalent URL (`.../pagefind/./`) that fetch resolves to the same files.
 *
 * A large archive's index is split into partitions by year (`partitions.json` lists them, newest
 * first: src/search/build/search-partitions.ts); each is merged in the same way, newest first,
 * tagged with a synthetic `partition` filter (`mergeFilter`) so a date-ordered search can ask one
 * partition at a time. Pagefind sums result and facet counts across merged indexes.
 */
import { mergeByDate } from './merge-by-date.ts';
import { partitionByLanguage, primaryLanguage } from './search-languages.ts';
import { SEARCH_BUNDLE_PATH, SEARCH_PARTITIONS_FILE } from '../../urls/site-paths.ts';

export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  anchor?: { element: string; id: string; text: string };
}

export interface PagefindResultData {
  url: string;
  /** HTML: the words of `raw_content` around the match, matched words in <mark> (see excerpt-text.ts). */
  excerpt: string;
  /** The page's indexed text as written, and the same with `<` and `>` escaped. */
  content?: string;
  raw_content?: string;
  meta: Record<string, string | undefined>;
  /** The page's filter values (`data-pagefind-filter`), by filter. */
  filters?: Record<string, string[] | undefined>;
  sub_results?: PagefindSubResult[];
}

export interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(url: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindSearch>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

/** What the search page reads of `partitions.json` (PartitionEntry in search-partitions.ts). */
interface PartitionsFile {
  partitions: { name: string; path: string; languages: Record<string, number> }[];
}

export interface SearchIndex {
  pagefind: Pagefind;
  /** Partition names, newest first; `['']` for an index in one piece. */
  partitions: string[];
}

/** The synthetic filter naming each merged index's partition (never shown as a facet). */
const PARTITION_FILTER = 'partition';

export function siteBase(): string {
  return import.meta.env.BASE_URL.replace(/\/?$/, '/');
}

let loading: Promise<SearchIndex> | undefined;

export function loadPagefind(): Promise<SearchIndex> {
  loading ??= (async () => {
    const base = siteBase();
    const bundle = `${base}${SEARCH_BUNDLE_PATH}`;
    const options = { baseUrl: base, excerptLength: 30 };
    const [pagefind, manifest] = await Promise.all([
      import(/* @vite-ignore */ `${bundle}pagefind.js`) as Promise<Pagefind>,
      fetch(`${bundle}${SEARCH_PARTITIONS_FILE}`).then((response) => {
        if (!response.ok) throw new Error(`${SEARCH_PARTITIONS_FILE}: HTTP ${response.status}`);
        return response.json() as Promise<PartitionsFile>;
      }),
    ]);
    const [first, ...older] = manifest.partitions;
    if (!first) throw new Error(`${SEARCH_PARTITIONS_FILE} lists no partition`);
    const tag = (name: string) => (older.length > 0 ? { mergeFilter: { [PARTITION_FILTER]: name } } : {});
    const firstPath = `${bundle}${first.path}`;
    await pagefind.options({ basePath: firstPath, ...options, ...tag(first.name) });
    await pagefind.init();
    const counts = (languages: Record<string, number>) => Object.fromEntries(Object.entries(languages).map(([l, n]) => [l, { page_count: n }]));
    const primary = primaryLanguage(document.documentElement.lang || 'unknown', counts(first.languages));
    const absolute = (path: string) => new URL(path, document.baseURI).href;
    await Promise.all(
      [first, ...older].flatMap((part, at) =>
        Object.keys(part.languages)
          .filter((language) => at > 0 || language !== primary)
          .map((language) =>
            pagefind.mergeIndex(absolute(at === 0 ? `${firstPath}./` : `${bundle}${part.path}`), { language, ...options, ...tag(part.name) }),
          ),
      ),
    );
    return { pagefind, partitions: manifest.partitions.map((part) => part.name) };
  })();
  // A failed load (offline, missing index) is retried by the next search, not remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** One list's results in date order across its languages (see merge-by-date.ts). */
function byDate(
  results: PagefindResult[],
  order: 'asc' | 'desc',
  load: (result: PagefindResult) => Promise<PagefindResultData>,
): AsyncGenerator<PagefindResult> {
  const groups = partitionByLanguage(results);
  return groups.length <= 1
    ? (async function* () { yield* results; })()
    : mergeByDate(groups, async (result) => (await load(result)).meta.date ?? '', order);
}

/**
 * The results in the order asked for, their data loaded on demand. Relevance keeps Pagefind's
 * order; a date order is re-established across languages (see merge-by-date.ts) and, with
 * partitions, by searching one partition at a time in date order (their years do not overlap),
 * only when the results shown so far run out.
 */
export function orderedResults(
  index: SearchIndex,
  search: PagefindSearch,
  request: { term: string | null; options: { filters: Record<string, string[]> } & Record<string, unknown> },
  order: 'relevance' | 'asc' | 'desc',
): AsyncGenerator<{ id: string; data: PagefindResultData }> {
  const data = new Map<PagefindResult, Promise<PagefindResultData>>();
  const load = (result: PagefindResult) => {
    let pending = data.get(result);
    if (!pending) data.set(result, (pending = result.data()));
    return pending;
  };
  return (async function* () {
    let sequence: AsyncGenerator<PagefindResult>;
    if (order === 'relevance') sequence = (async function* () { yield* search.results; })();
    else if (index.partitions.length <= 1) sequence = byDate(search.results, order, load);
    else {
      const names = order === 'desc' ? index.partitions : [...index.partitions].reverse();
      sequence = (async function* () {
        for (const name of names) {
          const { term, options } = request;
          const part = await index.pagefind.search(term, { ...options, filters: { ...options.filters, [PARTITION_FILTER]: [name] } });
          yield* byDate(part.results, order, load);
        }
      })();
    }
    for await (const result of sequence) yield { id: result.id, data: await load(result) };
  })();
}
