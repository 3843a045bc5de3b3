/**
 * Gives each partition's words (read from its Pagefind bundle by bundle-words.ts, on a thread of
 * its own: words-thread.ts), writes the words index
 * (`pagefind/words/`, see partition-words.ts) with a Pagefind service of its own, and checks that
 * each of its records holds exactly its partition's words. A partition's words are read once per
 * digest: the build keeps them in its cache folder, so a rebuild reads only changed partitions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from './pagefind-service.ts';
import { writePagefindFiles } from './pagefind-service.ts';
import { readCacheFile } from '../../output/cache/cache-file.ts';
import { indexWords, languagesOf, WORDS_LAYOUT, type PartitionWords } from './bundle-words.ts';
import { readFragment } from './pagefind-format.ts';
import { PARTITION_FILTER, recordContent, recordUrl, wordsProblem } from './partition-words.ts';
import { readWordsInThread } from './words-thread.ts';

export { WORDS_LAYOUT, type PartitionWords } from './bundle-words.ts';

/** The words index could not be written or did not check out: the search page searches every partition. */
export class WordsIndexProblem extends Error {}

/**
 * A partition's words from the cache when its digest is unchanged, else from its bundle (and
 * cached), read on a thread of its own: the build's main thread is its bottleneck. The cache is
 * read here, as parsing it costs no more than taking the words from the thread would.
 */
export async function partitionWords(dir: string, name: string, digest: string, cacheFile: string | undefined): Promise<PartitionWords> {
  const cached = readCacheFile(cacheFile) as PartitionWords | undefined;
  if (cached?.name === name && cached.digest === digest && cached.layout === WORDS_LAYOUT && typeof cached.languages === 'object') return cached;
  return readWordsInThread({ dir, name, digest, cacheFile });
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
    const written = await writePagefindFiles(index, outputPath);
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
