/**
 * Loads the compile-time Pagefind bundle from this site's base, whatever the hosting path, and
 * searches every language in it at once.
 *
 * Pagefind writes one index per `<html lang>` and by default searches only the index of the page
 * it runs on, so from the (English) search page a Chinese report would never be found. Readers of
 * this archive search across languages, so every other language of the bundle is merged in with
 * `mergeIndex(bundle, { language })`; each index keeps its own word segmentation (the query is
 * segmented per language with Intl.Segmenter). Pagefind skips a merge whose path is a prefix of
 * the primary bundle's path (to avoid counting one index twice), so the same bundle is addressed
 * through an equivalent URL (`.../pagefind/./`) that fetch resolves to the same files.
 */
import { mergeByDate } from './merge-by-date.ts';
import { partitionByLanguage, primaryLanguage } from './search-languages.ts';
import { SEARCH_BUNDLE_PATH } from '../../urls/site-paths.ts';

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

interface PagefindEntry {
  languages?: Record<string, { page_count?: number }>;
}

export function siteBase(): string {
  return import.meta.env.BASE_URL.replace(/\/?$/, '/');
}

let loading: Promise<Pagefind> | undefined;

export function loadPagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const base = siteBase();
    const bundle = `${base}${SEARCH_BUNDLE_PATH}`;
    const options = { baseUrl: base, excerptLength: 30 };
    const [pagefind, entry] = await Promise.all([
      import(/* @vite-ignore */ `${bundle}pagefind.js`) as Promise<Pagefind>,
      fetch(`${bundle}pagefind-entry.json`).then((response) => response.json() as Promise<PagefindEntry>),
    ]);
    await pagefind.options({ basePath: bundle, ...options });
    await pagefind.init();
    const languages = entry.languages ?? {};
    const primary = primaryLanguage(document.documentElement.lang || 'unknown', languages);
    const sameBundle = new URL(`${bundle}./`, document.baseURI).href;
    await Promise.all(
      Object.keys(languages)
        .filter((language) => language !== primary)
        .map((language) => pagefind.mergeIndex(sameBundle, { language, ...options })),
    );
    return pagefind;
  })();
  // A failed load (offline, missing index) is retried by the next search, not remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * The results in the order asked for, their data loaded on demand. Relevance keeps Pagefind's
 * order; a date order is re-established across languages (see merge-by-date.ts).
 */
export function orderedResults(
  search: PagefindSearch,
  order: 'relevance' | 'asc' | 'desc',
): AsyncGenerator<{ id: string; data: PagefindResultData }> {
  const data = new Map<PagefindResult, Promise<PagefindResultData>>();
  const load = (result: PagefindResult) => {
    let pending = data.get(result);
    if (!pending) data.set(result, (pending = result.data()));
    return pending;
  };
  return (async function* () {
    const groups = order === 'relevance' ? [search.results] : partitionByLanguage(search.results);
    const sequence =
      groups.length <= 1
        ? (async function* () { yield* search.results; })()
        : mergeByDate(groups, async (result) => (await load(result)).meta.date ?? '', order === 'asc' ? 'asc' : 'desc');
    for await (const result of sequence) yield { id: result.id, data: await load(result) };
  })();
}
