/**
 * Reads each partition's words from its Pagefind bundle, writes the words index
 * (`pagefind/words/`, see partition-words.ts) with a Pagefind service of its own, and checks that
 * each of its records holds exactly its partition's words. A partition's words are read once per
 * digest: the build keeps them in its cache folder, so a rebuild reads only changed partitions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { readCacheFile, writeCacheFile } from '../../output/cache/cache-file.ts';
import { KNOWN_INDEX_CHUNK_VERSION, readBundleEntry, readFragment, readIndexChunk, readMetadata, UnknownBundleFormat, type PagefindFragment } from './pagefind-format.ts';
import { contentTokens, PARTITION_FILTER, recordContent, recordUrl, wordsProblem } from './partition-words.ts';

/** One partition's pieces of text (tokens) and index words, per language. */
export interface PartitionWords {
  /** What reads them (WORDS_LAYOUT): words read by other code are read again. */
  layout: number;
  name: string;
  /** The partition's digest (search-partitions.ts) when these were read. */
  digest: string;
  languages: Record<string, { tokens: string[]; meta: Record<string, string[]>; words: string[] }>;
}

/**
 * The version of how a partition's words are read and made into records: a change to either
 * (contentTokens, the meta read, the record's fields) must change it, so that cached words and a
 * kept words index are not taken for this code's.
 */
export const WORDS_LAYOUT = 1;

/** The words index could not be written or did not check out: the search page searches every partition. */
export class WordsIndexProblem extends Error {}

/** Lets Pagefind's service, which talks to this process, be answered while thousands of files are read. */
const YIELD_EVERY = 200;
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/** Each language's metadata of a bundle whose index chunks this reads. */
async function languagesOf(dir: string): Promise<[string, ReturnType<typeof readMetadata>][]> {
  const entry = await readBundleEntry(dir);
  if (!entry.version || !KNOWN_INDEX_CHUNK_VERSION.test(entry.version)) throw new UnknownBundleFormat(`index chunks of Pagefind ${entry.version ?? '(no version)'}`);
  return Object.entries(entry.languages ?? {}).map(([language, info]) => {
    if (!info.hash) throw new UnknownBundleFormat('a language without a metadata hash');
    return [language, readMetadata(readFileSync(path.join(dir, `pagefind.${info.hash}.pf_meta`)))];
  });
}

/**
 * Every word of a bundle's index for one language, with the pages holding it: each folded word
 * (`a`) and each of its forms as written (`a à`, after a space, which no word holds).
 */
async function indexWords(dir: string, chunks: readonly string[]): Promise<{ word: string; pages: number[] }[]> {
  const words: { word: string; pages: number[] }[] = [];
  for (const [at, hash] of chunks.entries()) {
    if (at % YIELD_EVERY === YIELD_EVERY - 1) await breathe();
    for (const { word, pages, forms } of readIndexChunk(readFileSync(path.join(dir, 'index', `${hash}.pf_index`)))) {
      words.push({ word, pages: [...pages, ...forms.flatMap((form) => form.pages)] });
      for (const form of forms) words.push({ word: `${word} ${form.form}`, pages: form.pages });
    }
  }
  return words;
}

/** A partition's tokens and words, read from its bundle folder. */
export async function readPartitionWords(dir: string, name: string, digest: string): Promise<PartitionWords> {
  const languages: PartitionWords['languages'] = {};
  for (const [language, meta] of await languagesOf(dir)) {
    const tokens = new Set<string>();
    const metaTokens = new Map<string, Set<string>>();
    const take = (fragment: PagefindFragment) => {
      for (const token of contentTokens(fragment.content)) tokens.add(token);
      for (const [key, value] of Object.entries(fragment.meta)) {
        let set = metaTokens.get(key);
        if (!set) metaTokens.set(key, (set = new Set()));
        for (const token of value.split(' ')) if (token) set.add(token);
      }
    };
    for (const [at, hash] of meta.pages.entries()) {
      if (at % YIELD_EVERY === YIELD_EVERY - 1) await breathe();
      take(readFragment(readFileSync(path.join(dir, 'fragment', `${hash}.pf_fragment`))));
    }
    tokens.delete('');
    const words = new Set((await indexWords(dir, meta.indexChunks)).map((entry) => entry.word));
    languages[language] = {
      tokens: [...tokens].sort(),
      meta: Object.fromEntries([...metaTokens].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, set]) => [key, [...set].sort()])),
      words: [...words].sort(),
    };
  }
  return { layout: WORDS_LAYOUT, name, digest, languages };
}

/** A partition's words from the cache when its digest is unchanged, else from its bundle (and cached). */
export async function partitionWords(dir: string, name: string, digest: string, cacheFile: string | undefined): Promise<PartitionWords> {
  const cached = readCacheFile(cacheFile) as PartitionWords | undefined;
  if (cached?.name === name && cached.digest === digest && cached.layout === WORDS_LAYOUT && typeof cached.languages === 'object') return cached;
  const words = await readPartitionWords(dir, name, digest);
  writeCacheFile(cacheFile, words);
  return words;
}

/**
 * Writes the words index of `partitions` (newest first) into `outputPath` and checks it.
 * Returns its records per language. Throws WordsIndexProblem when a record's words differ from
 * its partition's.
 */
export async function writeWordsIndex(outputPath: string, partitions: readonly PartitionWords[], indexOptions: Parameters<typeof pagefind.createIndex>[0]): Promise<Record<string, number>> {
  try {
    const { index, errors } = await pagefind.createIndex(indexOptions);
    if (errors.length > 0 || !index) throw new WordsIndexProblem(`Pagefind createIndex failed: ${errors.join('; ')}`);
    for (const partition of partitions) {
      for (const [language, { tokens, meta }] of Object.entries(partition.languages)) {
        if (tokens.length === 0 && Object.keys(meta).length === 0) continue;
        const added = await index.addCustomRecord({
          url: recordUrl(partition.name, language),
          content: recordContent(tokens),
          language,
          meta: Object.fromEntries(Object.entries(meta).map(([key, values]) => [key, recordContent(values)])),
          filters: { [PARTITION_FILTER]: [partition.name] },
        });
        if (added.errors.length > 0) throw new WordsIndexProblem(`Pagefind addCustomRecord failed for ${partition.name}: ${added.errors.join('; ')}`);
      }
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new WordsIndexProblem(`Pagefind writeFiles failed: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  const records: Record<string, number> = {};
  const written = new Map(await languagesOf(outputPath));
  // Every language a partition has words in must have its records (Pagefind writes none without words).
  for (const partition of partitions) {
    for (const [language, { words }] of Object.entries(partition.languages)) {
      if (words.length > 0 && !written.has(language)) throw new WordsIndexProblem(`the words index has no ${language} records, but partition ${partition.name} has ${language} words`);
    }
  }
  for (const [language, meta] of written) {
    const owners = meta.pages.map((hash) => readFragment(readFileSync(path.join(outputPath, 'fragment', `${hash}.pf_fragment`))).filters[PARTITION_FILTER]?.[0] ?? '');
    const recordWords = new Map<string, Set<string>>();
    for (const { word, pages } of await indexWords(outputPath, meta.indexChunks)) {
      for (const page of pages) {
        const owner = owners[page] ?? '';
        let words = recordWords.get(owner);
        if (!words) recordWords.set(owner, (words = new Set()));
        words.add(word);
      }
    }
    const own = new Map(partitions.flatMap((p) => (p.languages[language]?.words.length ? [[p.name, new Set(p.languages[language]!.words)] as const] : [])));
    const problem = wordsProblem(recordWords, own, language);
    if (problem) throw new WordsIndexProblem(problem);
    records[language] = meta.pages.length;
  }
  return records;
}
