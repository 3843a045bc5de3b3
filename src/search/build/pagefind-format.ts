/**
 * Reading Pagefind's own files, which it documents only as the browser's input: each is gzip, a
 * signature, then the payload (CBOR for metadata and index chunks, JSON for fragments). Used to
 * find which hashed files an index still uses (search-bundle-files.ts) and which words each
 * partition holds (bundle-words.ts). Checked against the layout this was written for (Pagefind
 * 1.x): anything else throws UnknownBundleFormat, and the caller falls back to what needs no
 * reading.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from 'cborg';
import type { PagefindEntryFile } from '../../checks/search-index-check.ts';

const SIGNATURE = 'pagefind_dcd';
/** Pagefind versions whose file layouts this understands. */
export const KNOWN_BUNDLE_VERSION = /^1\.\d+\.\d+/;

export class UnknownBundleFormat extends Error {}

/** A bundle folder's `pagefind-entry.json`: its version and each language's metadata hash and record count. */
export async function readBundleEntry(dir: string): Promise<PagefindEntryFile> {
  return JSON.parse(await readFile(path.join(dir, 'pagefind-entry.json'), 'utf8')) as PagefindEntryFile;
}

function payload(gzipped: Uint8Array): Buffer {
  const raw = gunzipSync(gzipped);
  if (raw.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) throw new UnknownBundleFormat('no Pagefind signature');
  return raw.subarray(SIGNATURE.length);
}

export interface PagefindMetadata {
  /** Each page's fragment hash, in page-number order. */
  pages: string[];
  indexChunks: string[];
  filters: string[];
}

/** A language's metadata file (`pagefind.<hash>.pf_meta`): the hashes of its pages, index chunks and filters. */
export function readMetadata(gzipped: Uint8Array): PagefindMetadata {
  const meta = decode(payload(gzipped), { useMaps: false }) as unknown;
  if (!Array.isArray(meta) || typeof meta[0] !== 'string' || !KNOWN_BUNDLE_VERSION.test(meta[0])) {
    throw new UnknownBundleFormat(`metadata of an unknown layout (version ${Array.isArray(meta) ? String(meta[0]) : '?'})`);
  }
  const hashes = (list: unknown, at: number, what: string): string[] => {
    if (!Array.isArray(list)) throw new UnknownBundleFormat(`metadata without a ${what} list`);
    return list.map((item) => {
      const hash = Array.isArray(item) ? item[at] : undefined;
      if (typeof hash !== 'string' || !/^[\w-]+$/.test(hash)) throw new UnknownBundleFormat(`a ${what} without a hash`);
      return hash;
    });
  };
  return { pages: hashes(meta[1], 0, 'page'), indexChunks: hashes(meta[2], 2, 'index chunk'), filters: hashes(meta[3], 1, 'filter') };
}

/** Pagefind versions whose index chunks this reads (their page numbers are stored as differences). */
export const KNOWN_INDEX_CHUNK_VERSION = /^1\.6\.\d+$/;

/** Page numbers stored as differences from the previous one. */
function pageNumbers(pages: unknown): number[] {
  if (!Array.isArray(pages)) throw new UnknownBundleFormat('an index chunk word without pages');
  let page = 0;
  return pages.map((item: unknown) => {
    const step = Array.isArray(item) ? item[0] : undefined;
    if (typeof step !== 'number' || step < 0) throw new UnknownBundleFormat('an index chunk page of an unknown layout');
    return (page += step);
  });
}

/**
 * An index chunk (`index/<hash>.pf_index`) of a bundle of a KNOWN_INDEX_CHUNK_VERSION: each word
 * it holds (folded: `a` for `à`), with the numbers of the pages holding it (in the text or the
 * metadata), and each of its forms as written (`à`) with theirs.
 */
export function readIndexChunk(gzipped: Uint8Array): { word: string; pages: number[]; forms: { form: string; pages: number[] }[] }[] {
  const chunk = decode(payload(gzipped), { useMaps: false }) as unknown;
  const words = Array.isArray(chunk) ? chunk[0] : undefined;
  if (!Array.isArray(words)) throw new UnknownBundleFormat('an index chunk without words');
  return words.map((entry: unknown) => {
    const [word, pages, forms = []] = Array.isArray(entry) ? entry : [];
    if (typeof word !== 'string' || !Array.isArray(forms)) throw new UnknownBundleFormat('an index chunk word of an unknown layout');
    return {
      word,
      pages: pageNumbers(pages),
      forms: forms.map((item: unknown) => {
        const [form, formPages] = Array.isArray(item) ? item : [];
        if (typeof form !== 'string') throw new UnknownBundleFormat('an index chunk word form of an unknown layout');
        return { form, pages: pageNumbers(formPages) };
      }),
    };
  });
}

export interface PagefindFragment {
  url: string;
  /** The page's indexed text, as Pagefind read it: the words it indexed, separated by spaces. */
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** A page's fragment (`fragment/<hash>.pf_fragment`). */
export function readFragment(gzipped: Uint8Array): PagefindFragment {
  const fragment = JSON.parse(payload(gzipped).toString('utf8')) as Partial<PagefindFragment>;
  if (typeof fragment?.url !== 'string' || typeof fragment.content !== 'string') throw new UnknownBundleFormat('a fragment without url or content');
  return { url: fragment.url, content: fragment.content, meta: fragment.meta ?? {}, filters: fragment.filters ?? {} };
}
