/**
 * Loads the compile-time Pagefind bundle from this site's base, whatever the hosting path, and
 * searches every language and every partition in it.
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
 * first: src/search/build/search-partitions.ts). Each partition is a Pagefind instance of its own
 * (`createInstance`), opened only when a search first needs it: Pagefind loads an index's whole
 * per-page metadata (about 9 bytes a page) before it can search it, so one merged instance made
 * the first search wait for every partition's metadata. The search page searches the newest
 * partition first and shows its results while the older ones load (search-page.ts); their
 * answers are merged as Pagefind merges indexes (merge-partitions.ts).
 */
import { mergeByDate } from './merge-by-date.ts';
import { mergePartitionAnswers, sumFilterCounts } from './merge-partitions.ts';
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
  excerpt: string;
  meta: Record<string, string | undefined>;
  /** The page's filter values (`data-pagefind-filter`), by filter. */
  filters?: Record<string, string[] | undefined>;
  sub_results?: PagefindSubResult[];
}

export interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

/** A Pagefind instance (`createInstance` of pagefind.js). */
export interface Pagefind {
  init(): Promise<void>;
  mergeIndex(url: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindSearch>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

interface PagefindModule {
  createInstance(options: Record<string, unknown>): Pagefind;
}

/** What the search page reads of `partitions.json` (PartitionEntry in search-partitions.ts). */
interface PartitionsFile {
  partitions: { name: string; path: string; languages: Record<string, number> }[];
}

export interface SearchPartition {
  name: string;
  /** This partition's Pagefind instance, loaded on first use (its metadata, WASM, languages). */
  open(): Promise<Pagefind>;
}

export interface SearchIndex {
  /** Newest first; one, named `''`, for an index in one piece. */
  partitions: SearchPartition[];
}

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
      import(/* @vite-ignore */ `${bundle}pagefind.js`) as Promise<PagefindModule>,
      fetch(`${bundle}${SEARCH_PARTITIONS_FILE}`).then((response) => {
        if (!response.ok) throw new Error(`${SEARCH_PARTITIONS_FILE}: HTTP ${response.status}`);
        return response.json() as Promise<PartitionsFile>;
      }),
    ]);
    if (manifest.partitions.length === 0) throw new Error(`${SEARCH_PARTITIONS_FILE} lists no partition`);
    const pageLanguage = document.documentElement.lang || 'unknown';
    const absolute = (path: string) => new URL(path, document.baseURI).href;
    const openPartition = async (part: PartitionsFile['partitions'][number]): Promise<Pagefind> => {
      const path = `${bundle}${part.path}`;
      const instance = pagefind.createInstance({ basePath: path, ...options });
      await instance.init();
      const counts = Object.fromEntries(Object.entries(part.languages).map(([l, n]) => [l, { page_count: n }]));
      const primary = primaryLanguage(pageLanguage, counts);
      await Promise.all(
        Object.keys(part.languages)
          .filter((language) => language !== primary)
          .map((language) => instance.mergeIndex(absolute(`${path}./`), { language, ...options })),
      );
      return instance;
    };
    return {
      partitions: manifest.partitions.map((part) => {
        let opened: Promise<Pagefind> | undefined;
        const open = () => {
          opened ??= openPartition(part);
          opened.catch(() => (opened = undefined));
          return opened;
        };
        return { name: part.name, open };
      }),
    };
  })();
  // A failed load (offline, missing index) is retried by the next search, not remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Facet counts over the whole archive (every partition's filter indexes: only for the facets panel). */
export async function allFilterCounts(index: SearchIndex): Promise<Record<string, Record<string, number>>> {
  const counts = await Promise.all(index.partitions.map(async (part) => (await part.open()).filters()));
  return sumFilterCounts(counts);
}

/**
 * One partition's answer to a search. `withFacets`: with counts for every facet, which Pagefind
 * gives only for the filters whose index is loaded (a search loads only those it filters by).
 */
export async function searchPartition(
  part: SearchPartition,
  request: { term: string | null; options: Record<string, unknown> },
  withFacets: boolean,
): Promise<PagefindSearch> {
  const instance = await part.open();
  if (withFacets) await instance.filters();
  return instance.search(request.term, request.options);
}

/** The partitions' answers (newest partition first) as one, ranked as Pagefind ranks merged indexes. */
export function mergeAnswers(answers: readonly PagefindSearch[]): PagefindSearch {
  return mergePartitionAnswers(answers);
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
 * The results in the order asked for, their data loaded on demand. `answers` come in the order
 * they are shown: for relevance one answer (Pagefind's order kept); for a date order one per
 * partition, newest partition first for newest first, oldest first for oldest first (their years
 * do not overlap), each awaited only when the results shown so far run out. Within an answer a
 * date order is re-established across languages (see merge-by-date.ts).
 */
export function orderedResults(
  answers: Iterable<Promise<PagefindSearch>>,
  order: 'relevance' | 'asc' | 'desc',
): AsyncGenerator<{ id: string; data: PagefindResultData }> {
  const data = new Map<PagefindResult, Promise<PagefindResultData>>();
  const load = (result: PagefindResult) => {
    let pending = data.get(result);
    if (!pending) data.set(result, (pending = result.data()));
    return pending;
  };
  return (async function* () {
    for (const answer of answers) {
      const { results } = await answer;
      const sequence = order === 'relevance' ? results : byDate(results, order, load);
      for await (const result of sequence) yield { id: result.id, data: await load(result) };
    }
  })();
}
