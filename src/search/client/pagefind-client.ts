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
 * first: src/search/build/search-partitions.ts). Pagefind loads an index's whole per-page metadata
 * (about 9 bytes a page) before it can search it, and a search loads the word's chunk from every
 * index merged in, so the newest partition is a Pagefind instance of its own (`createInstance`),
 * searched first and alone, and the older partitions are merged into a second instance, opened
 * after the newest partition's results are shown; each of its partitions is tagged with a
 * synthetic `partition` filter (`mergeFilter`) so a date-ordered search can ask one at a time.
 * The two instances' answers are merged as Pagefind merges indexes (merge-partitions.ts). Two
 * instances, not one per partition: each instance loads Pagefind's WebAssembly (60 KB) again.
 *
 * Before a word search loads a partition, the words index (a third instance, when
 * `partitions.json` lists one: src/search/build/partition-words.ts) names the partitions that
 * hold words beginning with its words; the others are not loaded, and answer nothing. Older
 * partitions are merged into their instance as searches first need them, and a search of it
 * asks only the partitions named.
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
  preload(term: string): Promise<void>;
  destroy?(): Promise<void>;
}

interface PagefindModule {
  createInstance(options: Record<string, unknown>): Pagefind;
}

/** What the search page reads of `partitions.json` (PartitionManifest in search-partitions.ts). */
interface PartitionsFile {
  partitions: Part[];
  words?: Omit<Part, 'name'>;
}

interface Part {
  name: string;
  path: string;
  languages: Record<string, number>;
}

export interface SearchIndex {
  /** Partition names, newest first; `['']` for an index in one piece. */
  partitions: string[];
  /** The newest partition's instance. */
  newest(): Promise<Pagefind>;
  /**
   * The older partitions' instance, with at least `names` merged in (every older partition
   * without `names`); undefined without older partitions.
   */
  older: ((names?: readonly string[]) => Promise<Pagefind>) | undefined;
  /**
   * The partitions that may hold results for `term` (see src/search/build/partition-words.ts);
   * undefined when every partition must be searched (no words index, or no words to look up).
   */
  holding(term: string | null): Promise<ReadonlySet<string> | undefined>;
}

export type SearchRequest = { term: string | null; options: { filters: Record<string, string[]> } & Record<string, unknown> };

/** The synthetic filter naming each of the older instance's partitions (never shown as a facet). */
const PARTITION_FILTER = 'partition';
/** The words index's filter naming each record's partition (PARTITION_FILTER of partition-words.ts). */
const WORDS_PARTITION_FILTER = 'partition';

/**
 * Letters a stem may drop from the end of a word: a few for most words (`running` -> `run`), up
 * to 9 for long ones (`generalization` -> `gener`). Beginnings shorter than MIN_PROBE letters are
 * not probed: they sort far from the word, and would load chunks for nothing.
 */
const stemDrops = (letters: number) => (letters >= 10 ? 9 : 4);
const MIN_PROBE = 3;
/** A character after every other one: a word followed by it sorts after all the words it begins. */
const AFTER_ALL = '\u{10FFFF}';

/**
 * The terms whose index chunks the words index must have loaded before it is asked for `words`:
 * for each word, the word itself, its shorter beginnings (where its stem sorts) and the point
 * after every word it begins (where its last extension sorts). Pure.
 */
export function routingProbes(words: string): string[] {
  const probes = new Set<string>();
  for (const word of words.toLowerCase().split(/\s+/).filter(Boolean)) {
    const letters = [...word];
    const shortest = Math.min(letters.length, Math.max(MIN_PROBE, letters.length - stemDrops(letters.length)));
    for (let length = letters.length; length >= shortest; length--) probes.add(letters.slice(0, length).join(''));
    probes.add(word + AFTER_ALL);
  }
  return [...probes];
}

/**
 * The partitions the words index (`wordsIndex`, an instance of `pagefind/words/`) names for
 * `words` (without quotes). Pagefind matches a word only among the index chunks it has loaded,
 * and loads the one where the word itself sorts: a partition's words that extend it (or its
 * stem, a few letters shorter) can sort into a neighbouring chunk of the words index, so those
 * chunks are loaded first (routingProbes).
 */
export async function partitionsHolding(wordsIndex: Pagefind, words: string): Promise<Set<string>> {
  await wordsIndex.filters();
  // Each preload is a round trip to Pagefind's worker (and a chunk request the first time): asked
  // together, they cost about one.
  await Promise.all(routingProbes(words).map((probe) => wordsIndex.preload(probe)));
  const counts = (await wordsIndex.search(words)).filters[WORDS_PARTITION_FILTER] ?? {};
  return new Set(Object.keys(counts).filter((name) => (counts[name] ?? 0) > 0));
}

/** A search's answer where a partition cannot hold the words: nothing, as Pagefind would answer. */
const NOTHING: PagefindSearch = { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {} };

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
    const [first, ...older] = manifest.partitions;
    if (!first) throw new Error(`${SEARCH_PARTITIONS_FILE} lists no partition`);
    const pageLanguage = document.documentElement.lang || 'unknown';
    const absolute = (path: string) => new URL(path, document.baseURI).href;
    // Pagefind's WebAssembly glue is one module per worker, shared by its instances: two instances
    // initialising at the same time would each instantiate it, and the one whose memory was
    // replaced fails ("memory access out of bounds"). Instances are created one at a time.
    let creating: Promise<unknown> = Promise.resolve();
    const oneAtATime = <T>(create: () => Promise<T>): Promise<T> => {
      const created = creating.then(create, create);
      creating = created.catch(() => {});
      return created;
    };
    /** Merges `part`'s languages into `instance` (of the partition `own`, whose primary language is its own index). */
    const mergePart = (instance: Pagefind, own: Part, part: Part, tagged: boolean, primary: string | undefined) => {
      const tag = tagged ? { mergeFilter: { [PARTITION_FILTER]: part.name } } : {};
      return Promise.all(
        Object.keys(part.languages)
          .filter((language) => part !== own || language !== primary)
          // The same bundle through an equivalent URL: Pagefind skips a merge whose path is a prefix of its own.
          .map((language) => instance.mergeIndex(absolute(part === own ? `${bundle}${own.path}./` : `${bundle}${part.path}`), { language, ...options, ...tag })),
      );
    };
    /**
     * An instance over `parts`, created on first use with the first partition asked for as its
     * own index; the others are merged in as they are asked for (all of them without names).
     * Pagefind keeps a merged index that failed to load, and every later search of the instance
     * fails with it: an instance with a failed merge is thrown away, and the next use starts anew.
     */
    const partsInstance = (parts: readonly Part[], tagged: boolean) => {
      type Opened = { instance: Pagefind; own: Part; primary: string | undefined; merged: Map<string, Promise<unknown>> };
      let created: Promise<Opened> | undefined;
      return async (names?: readonly string[]): Promise<Pagefind> => {
        const wanted = names ? parts.filter((part) => names.includes(part.name)) : parts;
        const own = wanted[0] ?? parts[0]!;
        const opened = (created ??= oneAtATime(async () => {
          const tag = tagged ? { mergeFilter: { [PARTITION_FILTER]: own.name } } : {};
          const instance = pagefind.createInstance({ basePath: `${bundle}${own.path}`, ...options, ...tag });
          await instance.init();
          // Rejects when its files could not be loaded (init does not), before anything is merged
          // into it: a merge waits for the instance's WebAssembly, forever if it never loads.
          await instance.search('');
          const counts = Object.fromEntries(Object.entries(own.languages).map(([l, n]) => [l, { page_count: n }]));
          return { instance, own, primary: primaryLanguage(pageLanguage, counts), merged: new Map() };
        }));
        try {
          const { instance, own: ownPart, primary, merged } = await opened;
          for (const part of wanted) {
            if (!merged.has(part.name)) merged.set(part.name, mergePart(instance, ownPart, part, tagged, primary));
          }
          await Promise.all(wanted.map((part) => merged.get(part.name)));
          // Resolves once the instance has its metadata and WASM (a search without words stops there).
          await instance.search('');
          return instance;
        } catch (error) {
          if (created === opened) {
            created = undefined;
            void opened.then(({ instance }) => instance.destroy?.()).catch(() => {});
          }
          throw error;
        }
      };
    };
    const newest = partsInstance([first], false);
    const olderInstance = older.length > 0 ? partsInstance(older, true) : undefined;
    const wordsIndex = manifest.words ? partsInstance([{ name: '', ...manifest.words }], false) : undefined;
    const holdingByTerm = new Map<string, Promise<ReadonlySet<string>>>();
    const holding = (term: string | null): Promise<ReadonlySet<string> | undefined> => {
      if (!wordsIndex || term === null) return Promise.resolve(undefined);
      // A phrase's partitions hold each of its words: the words index is asked for the words alone.
      const wordsOnly = term.replaceAll('"', '');
      let found = holdingByTerm.get(wordsOnly);
      if (!found) {
        found = (async () => partitionsHolding(await wordsIndex(), wordsOnly))();
        holdingByTerm.set(wordsOnly, found);
      }
      // Without the words index (not uploaded, a failed request), every partition is searched,
      // and the next search asks it again.
      return found.catch((error: unknown) => {
        holdingByTerm.delete(wordsOnly);
        console.warn('The search words index could not be read; searching every partition.', error);
        return undefined;
      });
    };
    return {
      partitions: manifest.partitions.map((part) => part.name),
      newest: () => newest(),
      older: olderInstance,
      holding,
    };
  })();
  // A failed load (offline, missing index) is retried by the next search, not remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * One partition's answer. `withFacets`: with counts for every facet, which Pagefind gives only
 * for the filters whose index is loaded (a search loads only those it filters by); the facets
 * list every value, so every partition is searched. Without facets, a partition that cannot hold
 * the words is not loaded (SearchIndex.holding).
 */
export async function searchPartition(index: SearchIndex, request: SearchRequest, name: string, withFacets: boolean): Promise<PagefindSearch> {
  const { term, options } = request;
  const holding = withFacets ? undefined : await index.holding(term);
  if (holding && !holding.has(name)) return NOTHING;
  const isNewest = name === index.partitions[0];
  const instance = await (isNewest || !index.older ? index.newest() : index.older([name]));
  if (withFacets) await instance.filters();
  if (isNewest || !index.older) return instance.search(term, options);
  return instance.search(term, { ...options, filters: { ...options.filters, [PARTITION_FILTER]: [name] } });
}

/**
 * Every partition's answer as one, ranked as Pagefind ranks merged indexes. `newestAnswer`: the
 * newest partition's answer to the same request, when already in hand. Older partitions that
 * cannot hold the words are not loaded; those loaded for earlier searches answer nothing.
 */
export async function searchAll(index: SearchIndex, request: SearchRequest, withFacets: boolean, newestAnswer?: PagefindSearch): Promise<PagefindSearch> {
  const newest = newestAnswer ?? (await searchPartition(index, request, index.partitions[0]!, withFacets));
  if (!index.older) return newest;
  const holding = withFacets ? undefined : await index.holding(request.term);
  const names = holding ? index.partitions.slice(1).filter((name) => holding.has(name)) : undefined;
  if (names?.length === 0) return newest;
  const older = await index.older(names);
  if (withFacets) await older.filters();
  // Partitions merged for earlier searches answer too (a word Pagefind finds nothing extending
  // matches the longest word it begins with): only the partitions named answer this one.
  const options = names ? { ...request.options, filters: { ...request.options.filters, [PARTITION_FILTER]: { any: names } } } : request.options;
  return mergePartitionAnswers([newest, await older.search(request.term, options)]);
}

/** Facet counts over the whole archive (every filter index: for the facets panel only). */
export async function allFilterCounts(index: SearchIndex): Promise<Record<string, Record<string, number>>> {
  const newest = await (await index.newest()).filters();
  return index.older ? sumFilterCounts([newest, await (await index.older()).filters()]) : newest;
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
 * The results in the order asked for, their data loaded on demand. Relevance keeps the order of
 * `shown`. A date order walks `walk`, the partitions in that order (their years do not overlap):
 * `shown` is the first partition's answer, and each next partition is searched only when the
 * results shown so far run out. Within a partition, a date order is re-established across
 * languages (see merge-by-date.ts).
 */
export function orderedResults(
  index: SearchIndex,
  shown: PagefindSearch,
  request: SearchRequest,
  order: 'relevance' | 'asc' | 'desc',
  walk: readonly string[],
): AsyncGenerator<{ id: string; data: PagefindResultData }> {
  const data = new Map<PagefindResult, Promise<PagefindResultData>>();
  const load = (result: PagefindResult) => {
    let pending = data.get(result);
    if (!pending) data.set(result, (pending = result.data()));
    return pending;
  };
  return (async function* () {
    let sequence: AsyncGenerator<PagefindResult>;
    if (order === 'relevance') sequence = (async function* () { yield* shown.results; })();
    else {
      sequence = (async function* () {
        for (const [at, name] of walk.entries()) {
          const part = at === 0 ? shown : await searchPartition(index, request, name, false);
          yield* byDate(part.results, order, load);
        }
      })();
    }
    for await (const result of sequence) yield { id: result.id, data: await load(result) };
  })();
}
