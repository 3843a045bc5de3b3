/**
 * How Astro should persist the content store for an archive of a given size. By default the
 * store is one JSON string, and a V8 string cannot pass 2^29 - 24 characters (about 512 MiB). In
 * `astro dev` the store holds each report's HTML (a build's holds front matter only, about a fifth
 * of the sources: reports-loader.ts); the limit is set for the larger store, so that a large
 * archive (about 50,000 reports of 700 words) can always be written. Above the
 * limit the store is split into files. Splitting is slow in Astro 7 (it measures the text one
 * character at a time), so smaller archives keep the single file.
 */
export type CollectionStorage = 'single-file' | { type: 'chunked'; chunkSize: number };

/** Sources above this size would make a store string too close to V8's limit. */
export const SINGLE_FILE_SOURCE_LIMIT = 160 * 2 ** 20;
const CHUNK_SIZE = 8 * 2 ** 20;

export function collectionStorage(sourceBytes: number): CollectionStorage {
  return sourceBytes > SINGLE_FILE_SOURCE_LIMIT ? { type: 'chunked', chunkSize: CHUNK_SIZE } : 'single-file';
}
