/**
 * Builds the Pagefind index at compile time and fails the build unless it holds exactly one
 * record per report, in each partition and in total. In a folder that started empty, each report
 * page is given to Pagefind as it is rendered (feed/page-feed.ts) and checked against the page
 * written; otherwise indexing reads the report pages from disk in astro:build:done (or, when
 * nothing of an earlier build can be among them, as soon as the pages are written:
 * `pagesWritten`). Either way pages are indexed in report id order (feed/feed-order.ts), so equal
 * sites have equal bundles, and the result is checked in astro:build:done. The index is split into
 * partitions by year when ARCHIVE_SEARCH_PARTITION_YEARS is set (src/search/build/search-partitions.ts):
 * each is its own Pagefind index, written and dropped from Pagefind's service before the next
 * (peak memory is about one partition's), and indexed only when the digest of its report pages
 * changed; unchanged partitions are kept as they are. `partitions.json` in the bundle folder lists
 * them for the search page, with their digests. Each bundle is kept between builds and pruned to
 * the files its index uses. Pagefind's service is always closed, even on failure, so a failed
 * build does not hang on its child process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from './pagefind-service.ts';
import { writePagefindFiles, type PagefindIndex } from './pagefind-service.ts';
import { countIndexedRecords, recordCountProblem, type PagefindEntryFile } from '../../checks/search-index-check.ts';
import { liveBundleFiles, missingBundleFiles, staleBundleFiles } from './search-bundle-files.ts';
import { readBundleEntry, UnknownBundleFormat } from './pagefind-format.ts';
import {
  indexedPart,
  indexesWholeSite,
  obsoletePartitions,
  parseManifest,
  partitionDigestInput,
  partitionReports,
  partitionSizeAdvice,
  partitionsToRebuild,
  type Partition,
  type PartitionedReport,
  type PartitionEntry,
  type PartitionManifest,
  type WordsIndexEntry,
} from './search-partitions.ts';
import { partitionWords, writeWordsIndex, WORDS_LAYOUT, WordsIndexProblem, type PartitionWords } from './words-index.ts';
import { filesUnder } from '../../output/files-under.ts';
import { stampFile } from '../../output/up-to-date/file-stamps.ts';
import { readCacheFile, writeCacheFile } from '../../output/cache/cache-file.ts';
import { pageDigests } from './page-digests.ts';
import { removeInside } from '../../output/remove-inside.ts';
import { listReportFiles } from '../../reports/content-dir.ts';
import { reportIdFromPath } from '../../reports/report-path.ts';
import { publishesReport, type BuildPart } from '../../build-parts/build-part.ts';
import { fedPagesProblem, pageFeed, pagePath, type FedPartition, type PageFeed } from './feed/page-feed.ts';
import { setActiveFeed } from './feed/page-feed-middleware.ts';
import { reportPath, searchPartitionPath, SEARCH_BUNDLE_FOLDER, SEARCH_PARTITIONS_FILE, SEARCH_WORDS_FOLDER } from '../../urls/site-paths.ts';

export interface PagefindOptions {
  /** The folder holding <year>/<slug>.md: the reports the index must hold, one record each. */
  contentDir: string;
  /** Years per partition (ARCHIVE_SEARCH_PARTITION_YEARS); undefined: one index. */
  partitionYears?: number;
  /** Work on the finished site to do while Pagefind indexes it in its own process (checks). */
  alongside?: (siteDir: string, logger: AstroIntegrationLogger) => Promise<void>;
  /** In one part of a split build (src/build-parts/build-part.ts): its partition only, or none. */
  part?: BuildPart;
  /**
   * True when the output folder holds no page but this build's: its folder started empty. Only
   * then may indexing start when the pages are written (see `pagesWritten`), before the build's
   * last steps, which remove pages of earlier builds (a removed report's page would be indexed).
   */
  holdsOnlyThisBuild?: () => boolean;
}

/** Pagefind's Node API reports failures in `errors` arrays instead of throwing. */
export function failOn(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n  ${errors.join('\n  ')}`);
}

/** The reports of report files with their years (bad names are the content loader's to report). */
export function reportsOf(files: readonly string[]): PartitionedReport[] {
  return files.flatMap((file) => {
    const entry = reportIdFromPath(file);
    return entry.ok ? [{ id: entry.id, year: entry.year }] : [];
  });
}

/**
 * Pagefind's index options, for the build and `astro dev` alike. They are part of each partition's
 * digest: a partition indexed with other options is indexed again.
 */
export const PAGEFIND_INDEX_OPTIONS: Parameters<typeof pagefind.createIndex>[0] = {};

const PAGEFIND_VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.resolve('pagefind'))), 'utf8')) as { version: string }).version;

/** The live hashed files of a bundle folder, or undefined when its layout is unknown or its entry missing. */
function liveFiles(dir: string, entry: PagefindEntryFile): Set<string> | undefined {
  try {
    return liveBundleFiles(entry, (file) => readFileSync(path.join(dir, file)));
  } catch (error) {
    if (error instanceof UnknownBundleFormat || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A kept bundle must still have every file its index uses, from this Pagefind version. */
async function isIntact(dir: string): Promise<boolean> {
  const entry = await readBundleEntry(dir).catch(() => undefined);
  if (!entry || entry.version !== PAGEFIND_VERSION) return false;
  const live = liveFiles(dir, entry);
  return live !== undefined && missingBundleFiles(await filesUnder(dir), live).length === 0;
}

/**
 * Removes the hashed files the new index no longer uses (see src/search/build/search-bundle-files.ts);
 * returns false when the bundle's layout is unknown, and the caller must write it afresh.
 */
async function pruneBundle(siteDir: string, folder: string, entry: PagefindEntryFile): Promise<number | false> {
  const dir = path.join(siteDir, folder);
  const live = liveFiles(dir, entry);
  if (!live) return false;
  // In the one-partition layout the bundle folder holds no partition folders; in the other, each
  // partition is pruned on its own.
  const present = await filesUnder(dir);
  const missing = missingBundleFiles(present, live);
  if (missing.length > 0) throw new Error(`The search bundle ${folder} is missing ${missing.length} file(s) its index uses, e.g. ${missing.slice(0, 3).join(', ')}`);
  const stale = staleBundleFiles(present, live);
  await Promise.all(stale.map((file) => removeInside(siteDir, `${folder}/${file}`)));
  return stale.length;
}

/** The folders of a bundle that hold a Pagefind index (partitions of earlier builds, listed or not). */
async function indexedFolders(bundleDir: string): Promise<string[]> {
  const entries = await readdir(bundleDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory() && existsSync(path.join(bundleDir, entry.name, 'pagefind-entry.json'))).map((entry) => entry.name);
}

/** What writing a partition's bundle gave: its entry file, and how many files of an earlier build it removed. */
interface WrittenBundle {
  entry: PagefindEntryFile;
  pruned: number;
  /** Its words for the words index, being read since it was written (fed partitions of a partitioned index). */
  words?: Promise<PartitionWords>;
}

async function createPagefindIndex(): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex(PAGEFIND_INDEX_OPTIONS);
  failOn('createIndex', errors);
  if (!index) throw new Error('Pagefind createIndex returned no index');
  return index;
}

/**
 * How pages are given to Pagefind, part of every partition's digest: a bundle indexed another way
 * (before 2026-12: Pagefind's addDirectory, whole pages in the file system's order) has other
 * bytes for the same pages, and is indexed again rather than kept beside a clean build's.
 */
const PAGES_GIVEN = 'indexed parts, in report id order';

/** A partition's digest (search-partitions.ts) from the digests of its pages' indexed parts. */
function partitionDigest(partition: Partition, pageDigest: (page: string) => string): string {
  const pages = partition.ids.map((id) => ({ path: pagePath(id), digest: pageDigest(pagePath(id)) }));
  const indexer = `pagefind ${PAGEFIND_VERSION} ${JSON.stringify(PAGEFIND_INDEX_OPTIONS)} ${PAGES_GIVEN}`;
  return createHash('sha256').update(partitionDigestInput(pages, indexer)).digest('hex');
}

/** A partition's bundle folder, relative to the site. */
function bundleFolder(partition: Partition, single: boolean): string {
  return single ? SEARCH_BUNDLE_FOLDER : `${SEARCH_BUNDLE_FOLDER}/${partition.name}`;
}

/** Writes an index's bundle into its folder, over last build's: files that already exist are not written again. */
async function writeBundle(index: PagefindIndex, siteDir: string, folder: string): Promise<WrittenBundle> {
  const outputPath = path.join(siteDir, folder);
  failOn('writeFiles', (await writePagefindFiles(index, outputPath)).errors);
  let entry = await readBundleEntry(outputPath);
  let pruned = await pruneBundle(siteDir, folder, entry);
  if (pruned === false) {
    await removeInside(siteDir, folder, { recursive: true });
    failOn('writeFiles', (await writePagefindFiles(index, outputPath)).errors);
    entry = await readBundleEntry(outputPath);
    pruned = 0;
  }
  return { entry, pruned };
}

/**
 * A page's text, or undefined when it is missing. Synchronously: the completeness check runs
 * alongside and yields to the event loop only now and then, so a promise read waited a turn of
 * it for each step of each page, and Pagefind sat idle in the meantime.
 */
function readPageIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Indexes one partition from its report pages on disk, in the feed's order (feed/feed-order.ts),
 * into its folder with a Pagefind service of its own, closed afterwards. (Pagefind's own
 * addDirectory takes pages in the order the file system lists them, so an index made by a
 * rebuild would differ from a clean build's.) A missing page is left out: the record count
 * check reports it.
 */
async function indexPartition(siteDir: string, partition: Partition, single: boolean): Promise<WrittenBundle> {
  try {
    const index = await createPagefindIndex();
    const pending: Promise<void>[] = [];
    // Every answer awaited before a failure is reported: a rejection left unawaited would end the process.
    const settle = async () => {
      const failed = (await Promise.allSettled(pending.splice(0))).find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    };
    for (const id of partition.ids) {
      const sourcePath = pagePath(id);
      const content = readPageIfThere(path.join(siteDir, sourcePath));
      if (content === undefined) continue;
      pending.push(index.addHTMLFile({ sourcePath, content: indexedPart(content) }).then(({ errors }) => failOn(`addHTMLFile ${sourcePath}`, errors)));
      // Pagefind answers in order; a few dozen pages in its pipe keep it busy without holding the partition in memory.
      if (pending.length >= 64) await settle();
    }
    await settle();
    return await writeBundle(index, siteDir, bundleFolder(partition, single));
  } finally {
    // Each partition's memory is given back before the next one is indexed.
    await pagefind.close();
  }
}

/**
 * The fed partitions, once all are written; then Pagefind's service is closed at once: it keeps
 * the memory of its largest partition (300-450 MB at 10,000 reports) until it exits, while this
 * process renders the report files at its own peak.
 */
async function finishFeed(feed: PageFeed<WrittenBundle>): Promise<Map<string, FedPartition<WrittenBundle>>> {
  try {
    return await feed.finish();
  } finally {
    await pagefind.close();
  }
}

/**
 * Feeds the report pages of `partitions` to Pagefind as they are rendered (feed/page-feed.ts),
 * each partition's bundle written into its folder as soon as its last page is indexed.
 */
function feedPartitions(siteDir: string, partitions: readonly Partition[], single: boolean, wordsCacheDir?: string): PageFeed<WrittenBundle> {
  return pageFeed(partitions, {
    createIndex: createPagefindIndex,
    release: () => pagefind.close(),
    write: async (index, partition, digests) => {
      const written = await writeBundle(index, siteDir, bundleFolder(partition, single));
      if (single || wordsCacheDir === undefined) return written;
      // Read on a thread of its own (words-thread.ts) while the pages of the next partitions are rendered.
      const words = readWords(siteDir, partition.name, partitionDigest(partition, (page) => digests.get(page) ?? 'missing'), wordsCacheDir);
      words.catch(() => {});
      return { ...written, words };
    },
  });
}

export interface WordsIndexResult {
  /** What partitions.json says about it; undefined when there is none. */
  entry?: WordsIndexEntry;
  rebuilt: boolean;
  /** Time taken to read the partitions' words, write and check it. */
  ms: number;
  /** Why there is none, although the index has several partitions. */
  problem?: string;
}

/** A partition's words, read from its bundle in `siteDir` or from `cacheDir`. */
function readWords(siteDir: string, name: string, digest: string, cacheDir: string | undefined): Promise<PartitionWords> {
  return partitionWords(path.join(siteDir, searchPartitionPath(name)), name, digest, cacheDir ? path.join(cacheDir, `${name}.json`) : undefined);
}

/**
 * Brings the words index (partition-words.ts) of a partitioned index up to date with its
 * partitions (`entries`, newest first): kept when built from the same partitions and intact,
 * else written again from each partition's words (`readAlready`, started as each partition was
 * indexed; or read from its bundle, or from `cacheDir` when its digest is unchanged). When it
 * cannot be written or does not check out, it is removed and the search page searches every
 * partition: `problem` says why.
 */
export async function updateWordsIndex(
  siteDir: string,
  entries: readonly PartitionEntry[],
  previous: WordsIndexEntry | undefined,
  cacheDir: string | undefined,
  readAlready: ReadonlyMap<string, Promise<PartitionWords>> = new Map(),
): Promise<WordsIndexResult> {
  const folder = `${SEARCH_BUNDLE_FOLDER}/${SEARCH_WORDS_FOLDER}`;
  const outputPath = path.join(siteDir, folder);
  const digest = createHash('sha256')
    .update([`words ${WORDS_LAYOUT} pagefind ${PAGEFIND_VERSION} ${JSON.stringify(PAGEFIND_INDEX_OPTIONS)}`, ...entries.map((entry) => `${entry.name} ${entry.digest}`)].join('\n'))
    .digest('hex');
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  if (previous?.digest === digest && (await isIntact(outputPath))) return { entry: previous, rebuilt: false, ms: ms() };
  try {
    const words: PartitionWords[] = [];
    for (const entry of entries) words.push(await (readAlready.get(entry.name) ?? readWords(siteDir, entry.name, entry.digest, cacheDir)));
    const languages = await writeWordsIndex(outputPath, words, PAGEFIND_INDEX_OPTIONS);
    if ((await pruneBundle(siteDir, folder, await readBundleEntry(outputPath))) === false) throw new UnknownBundleFormat('the words index bundle');
    return { entry: { path: `${SEARCH_WORDS_FOLDER}/`, languages, digest }, rebuilt: true, ms: ms() };
  } catch (error) {
    if (!(error instanceof WordsIndexProblem || error instanceof UnknownBundleFormat)) throw error;
    await removeInside(siteDir, folder, { recursive: true });
    return { rebuilt: true, ms: ms(), problem: `the search words index was not written (${error.message}): each search loads every partition` };
  }
}

export interface PartitionResult {
  name: string;
  reports: number;
  records: number;
  rebuilt: boolean;
  /** Indexed from its pages as they were rendered (feed/page-feed.ts), not read from disk. */
  fed?: boolean;
}

export interface SearchIndexResult {
  records: number;
  outputPath: string;
  pruned: number;
  partitions: PartitionResult[];
  /** The words index, with several partitions (none in one part of a split build). */
  words?: WordsIndexResult;
  /** Set when a partition is larger than Pagefind indexes comfortably. */
  advice?: string;
}

/**
 * Indexes the site's report pages into `pagefind/` (one partition) or `pagefind/<years>/` (several),
 * rebuilding only partitions whose pages changed unless `force`.
 */
export async function buildSearchIndex(
  siteDir: string,
  reports: readonly PartitionedReport[],
  options: {
    partitionYears?: number;
    force?: boolean;
    only?: string;
    digestCacheFile?: string;
    wordsCacheDir?: string;
    /** Partitions indexed from their pages as they were rendered (pageFeed), checked against the pages on disk here. */
    fed?: ReadonlyMap<string, FedPartition<WrittenBundle>>;
  } = {},
): Promise<SearchIndexResult> {
  const outputPath = path.join(siteDir, SEARCH_BUNDLE_FOLDER);
  const manifestPath = path.join(outputPath, SEARCH_PARTITIONS_FILE);
  const archivePartitions = partitionReports(reports, options.partitionYears);
  const single = indexesWholeSite(archivePartitions);
  // One part of a split build indexes its own partition, in the layout of the whole archive's.
  const partitions = options.only === undefined ? archivePartitions : archivePartitions.filter((p) => p.name === options.only);
  let previous: PartitionManifest | undefined = parseManifest(await readFile(manifestPath, 'utf8').catch(() => undefined));
  const previousSingle = previous ? previous.partitions.length === 1 && previous.partitions[0]!.name === '' : existsSync(path.join(outputPath, 'pagefind-entry.json'));
  if (existsSync(outputPath) && previousSingle !== single) {
    // The layout changes (an archive grows past one partition, or the setting changed): anew.
    await removeInside(siteDir, SEARCH_BUNDLE_FOLDER, { recursive: true });
    previous = undefined;
  }
  for (const name of obsoletePartitions(partitions, previous, await indexedFolders(outputPath))) {
    if (name !== '') await removeInside(siteDir, `${SEARCH_BUNDLE_FOLDER}/${name}`, { recursive: true });
  }
  const folderOf = (name: string) => path.join(siteDir, searchPartitionPath(name));
  const digests = new Map<string, string>();
  const pageDigestOf = new Map<string, string>();
  // Synchronously: a promise stat or read of a small file costs several times the time and CPU.
  const pages = pageDigests(
    readCacheFile(options.digestCacheFile),
    (page) => stampFile(path.join(siteDir, page)),
    (page) => readFileSync(path.join(siteDir, page), 'utf8'),
  );
  for (const partition of partitions) {
    digests.set(
      partition.name,
      partitionDigest(partition, (page) => {
        const digest = pages.digest(page);
        pageDigestOf.set(page, digest);
        return digest;
      }),
    );
  }
  writeCacheFile(options.digestCacheFile, pages.toCache());
  const intact = new Map<string, boolean>();
  for (const partition of partitions) intact.set(partition.name, await isIntact(folderOf(partition.name)));
  const rebuild = options.force
    ? new Set(partitions.map((p) => p.name))
    : partitionsToRebuild(partitions.map((p) => ({ name: p.name, digest: digests.get(p.name)! })), previous, (name) => intact.get(name)!);

  let pruned = 0;
  const entries: PartitionEntry[] = [];
  const results: PartitionResult[] = [];
  const withWords = !single && options.only === undefined;
  const wordsRead = new Map<string, Promise<PartitionWords>>();
  // One after another: each partition's Pagefind process exits before the next starts.
  for (const partition of partitions) {
    const rebuilt = rebuild.has(partition.name);
    let entry: PagefindEntryFile;
    if (rebuilt) {
      const fed = options.fed?.get(partition.name);
      const problem = fed && fedPagesProblem(fed, partition, (page) => pageDigestOf.get(page) ?? 'missing');
      if (problem) throw new Error(problem);
      const done = fed ? fed.bundle : await indexPartition(siteDir, partition, single);
      entry = done.entry;
      pruned += done.pruned;
      if (withWords) {
        // Read while Pagefind, in its own process, indexes the next partition.
        const reading = done.words ?? readWords(siteDir, partition.name, digests.get(partition.name)!, options.wordsCacheDir);
        reading.catch(() => {});
        wordsRead.set(partition.name, reading);
      }
    } else {
      entry = await readBundleEntry(folderOf(partition.name));
    }
    const records = countIndexedRecords(entry);
    results.push({ name: partition.name, reports: partition.ids.length, records, rebuilt, fed: rebuilt && options.fed?.has(partition.name) === true });
    entries.push({
      name: partition.name,
      path: partition.name === '' ? '' : `${partition.name}/`,
      from: partition.from,
      to: partition.to,
      records,
      languages: Object.fromEntries(Object.entries(entry.languages ?? {}).map(([language, info]) => [language, info.page_count ?? 0])),
      digest: digests.get(partition.name)!,
    });
  }
  if (!single) {
    // The search page imports Pagefind's script from the bundle folder whatever the partitions.
    const script = path.join(folderOf(partitions[0]!.name), 'pagefind.js');
    const target = path.join(outputPath, 'pagefind.js');
    const bytes = await readFile(script);
    if (!(await readFile(target).catch(() => undefined))?.equals(bytes)) await writeFile(target, bytes);
  }
  // One part of a split build has one partition: the merge writes the words index of them all
  // (one left by an earlier build into this folder would be copied with the part).
  if (options.only !== undefined) await removeInside(siteDir, `${SEARCH_BUNDLE_FOLDER}/${SEARCH_WORDS_FOLDER}`, { recursive: true });
  const words = withWords ? await updateWordsIndex(siteDir, entries, previous?.words, options.wordsCacheDir, wordsRead) : undefined;
  const manifest = `${JSON.stringify({ partitions: entries, ...(words?.entry ? { words: words.entry } : {}) } satisfies PartitionManifest)}\n`;
  if ((await readFile(manifestPath, 'utf8').catch(() => undefined)) !== manifest) await writeFile(manifestPath, manifest);
  return {
    records: results.reduce((sum, p) => sum + p.records, 0),
    outputPath,
    pruned,
    partitions: results,
    ...(words ? { words } : {}),
    advice: partitionSizeAdvice(archivePartitions, options.partitionYears),
  };
}

/** Every partition holds exactly its reports, and the index all of them. */
export function partitionCountProblem(result: SearchIndexResult, reports: number): string | undefined {
  for (const partition of result.partitions) {
    if (partition.name === '' || partition.records === partition.reports) continue;
    return `The search partition ${partition.name} ${recordCountProblem(partition.records, partition.reports)!.replace(/^The search index /, '')}`;
  }
  return recordCountProblem(result.records, reports);
}

interface Indexed {
  started: number;
  /** Started as the pages were written (pagesWritten), not in astro:build:done. */
  early: boolean;
  /** The reports the index must hold. */
  reports: PartitionedReport[];
  result: SearchIndexResult;
}

export default function pagefindIntegration(options: PagefindOptions): AstroIntegration & { pagesWritten: () => void } {
  let digestCacheFile: string | undefined;
  let wordsCacheDir: string | undefined;
  let outDir = '';
  /** The index started as the pages were written. */
  let early: Promise<Indexed> | undefined;
  /** In a folder that started empty: the report pages, fed to Pagefind as they are rendered. */
  let feed: PageFeed<WrittenBundle> | undefined;
  const part = options.part;

  async function indexSite(siteDir: string, asPagesAreWritten: boolean, fed?: PageFeed<WrittenBundle>): Promise<Indexed> {
    const started = performance.now();
    const reports = reportsOf(await listReportFiles(options.contentDir));
    const only = part?.kind === 'partition' ? { only: part.name } : {};
    const fedPartitions = fed ? { fed: await finishFeed(fed) } : {};
    const result = await buildSearchIndex(siteDir, reports, { partitionYears: options.partitionYears, digestCacheFile, wordsCacheDir, ...only, ...fedPartitions });
    return { started, early: asPagesAreWritten, reports, result };
  }

  /** Stops feeding rendered pages to Pagefind and hands over the feed, if there was one. */
  function endFeed(): PageFeed<WrittenBundle> | undefined {
    setActiveFeed(undefined);
    const ended = feed;
    feed = undefined;
    return ended;
  }

  return {
    name: 'news-archive:pagefind',
    /**
     * Called once every page is written, before the report files (src/output/report-files-integration.ts):
     * the index is then finished (fed pages) or made from the pages on disk by Pagefind in its own
     * process, while this process writes the report files and runs the build's last steps.
     */
    pagesWritten() {
      const fed = endFeed();
      if (part?.kind === 'listings' || !options.holdsOnlyThisBuild?.()) return;
      early = indexSite(outDir, true, fed);
      // Awaited in astro:build:done; if the build fails before that, its own error is the one to report.
      early.catch(() => {});
    },
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'build') addMiddleware({ entrypoint: new URL('./feed/page-feed-middleware.ts', import.meta.url), order: 'post' });
      },
      'astro:config:done': ({ config }) => {
        // Beside the content store: one per kind of build (src/output/cache/build-cache.ts).
        digestCacheFile = fileURLToPath(new URL('search/page-digests.json', config.cacheDir));
        wordsCacheDir = fileURLToPath(new URL('search/partition-words/', config.cacheDir));
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': async () => {
        // A failed build in this process may have left its indexing running: it shares Pagefind's
        // service, and would write into the folder this build is about to use.
        const leftover = endFeed();
        if (leftover) await finishFeed(leftover).catch(() => {});
        await early?.catch(() => {});
        early = undefined;
        // Only into a folder that started empty: there every report page is rendered (none is
        // kept from an earlier build), so each partition is fed whole.
        if (part?.kind === 'listings' || !options.holdsOnlyThisBuild?.()) return;
        const archivePartitions = partitionReports(reportsOf(await listReportFiles(options.contentDir)), options.partitionYears);
        const fed = part?.kind === 'partition' ? archivePartitions.filter((p) => p.name === part.name) : archivePartitions;
        // One part of a split build writes no words index (the merge writes it from every part's).
        feed = feedPartitions(outDir, fed, indexesWholeSite(archivePartitions), part?.kind === 'partition' ? undefined : wordsCacheDir);
        setActiveFeed(feed);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        if (part?.kind === 'listings') {
          // A bundle left by an earlier build into this folder would be merged with the parts' bundles.
          await removeInside(siteDir, SEARCH_BUNDLE_FOLDER, { recursive: true });
          logger.info('search index: none in the listings part (each partition part builds its own)');
          return;
        }
        if (early && path.resolve(siteDir) !== path.resolve(outDir)) throw new Error(`The search index was started in ${outDir}, but the build finished in ${siteDir}`);
        const startedEarly = early;
        const unfinishedFeed = endFeed();
        const indexed = startedEarly ?? indexSite(siteDir, false, unfinishedFeed);
        const [{ started, reports, result, early: wasEarly }] = await Promise.all([indexed, options.alongside?.(siteDir, logger)]);
        const problem = partitionCountProblem(result, reports.filter((r) => !part || publishesReport(part, r.year)).length);
        if (problem) throw new Error(problem);
        if (result.advice) logger.warn(result.advice);
        if (result.words?.problem) logger.warn(result.words.problem);
        const removed = result.pruned > 0 ? `; ${result.pruned} file(s) the index no longer uses removed` : '';
        const rebuilt = result.partitions.filter((p) => p.rebuilt);
        const parts =
          result.partitions.length > 1
            ? `; ${result.partitions.length} partitions, ${rebuilt.length} indexed${rebuilt.length > 0 ? ` (${rebuilt.map((p) => p.name).join(', ')})` : ''}`
            : rebuilt.length === 0
              ? '; unchanged, kept'
              : '';
        const words = result.words?.entry ? `; words index ${result.words.rebuilt ? `written in ${result.words.ms} ms` : 'unchanged, kept'}` : '';
        const fed = result.partitions.filter((p) => p.fed).length;
        const fedWhich = result.partitions.length === 1 ? '' : fed === result.partitions.length ? ' every partition' : ` ${fed} partition(s)`;
        const when = fed > 0 ? `;${fedWhich} indexed as the pages were rendered` : wasEarly ? '; started as the pages were written' : '';
        logger.info(`search index: ${result.records} records in ${Math.round(performance.now() - started)} ms${parts}${words}${removed}${when}`);
      },
    },
  };
}
