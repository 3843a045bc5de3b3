/**
 * Reads a partition's words from its Pagefind bundle (pagefind-format.ts): the pieces of text of
 * its fragments and the words of its index chunks, which the words index is made of and checked
 * against (words-index.ts). In a build this runs on a thread of its own (words-thread.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KNOWN_INDEX_CHUNK_VERSION, readBundleEntry, readFragment, readIndexChunk, readMetadata, UnknownBundleFormat, type PagefindFragment } from './pagefind-format.ts';
import { contentTokens } from './partition-words.ts';

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

/** Lets Pagefind's service, which talks to this process, be answered while thousands of files are read. */
const YIELD_EVERY = 200;
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/** Each language's metadata of a bundle whose index chunks this reads. */
export async function languagesOf(dir: string): Promise<[string, ReturnType<typeof readMetadata>][]> {
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
export async function indexWords(dir: string, chunks: readonly string[]): Promise<{ word: string; pages: number[] }[]> {
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
