/**
 * How Astro should persist the content store. By default the store is one string of JSON, and a
 * V8 string cannot pass 2^29 - 24 characters (about 512 MiB); above that it must be split into
 * files. Splitting is very slow in Astro 7: its writer measures the text one character at a time
 * (`getChunkEnd` in astro/dist/content/data-store-writer.js, about 1 µs a character: 70 s for the
 * 58 MB store of 50,000 reports, on every build that changes it), and a split store is bundled
 * into the build as JavaScript modules instead of being read from its file
 * (content-store-integration.ts). So the store stays one file whenever it provably fits.
 *
 * What a store holds differs: in `astro dev` each report's Markdown and HTML (a little over twice
 * the sources); in a build only what a report's file puts beside its body (reports-loader.ts):
 * its front matter, the metadata of its body (headings, image paths, what the sanitiser removed)
 * and a few fixed fields. Pure: the caller measures the files (content-dir.ts).
 */
export type CollectionStorage = 'single-file' | { type: 'chunked'; chunkSize: number };

/** A store estimated above this is split: a margin of a fifth below V8's limit on a string. */
export const SINGLE_FILE_STORE_LIMIT = 400 * 2 ** 20;
const CHUNK_SIZE = 8 * 2 ** 20;

/** Bytes of fixed fields per entry in a build's store (id, path, digests, stamps, sizes): about 500, bounded at twice that. */
const FIXED_BYTES_PER_REPORT = 1024;
/**
 * Front matter grows when stored: a date of 10 characters is stored as about 40 (`["Date","…"]`),
 * a short list as its quoted items. Four times bounds it (repeated values are stored once).
 */
const FRONT_MATTER_GROWTH = 4;
/** A heading line becomes its text and its slug, quoted; an image line its path, in two lists. */
const BODY_METADATA_GROWTH = 3;
/** And each such entry has keys and punctuation of its own (`{"depth":1,"slug":2,"text":3}`). */
const METADATA_ENTRY_BYTES = 32;

export interface SourceMeasure {
  reports: number;
  /** Bytes of every report file. */
  bytes: number;
  /** The bytes of what each file can put into a build's store (storedPartBytes, summed); absent when not measured. */
  storedBytes?: number;
}

/** An upper bound of a build's store, from what its files can put into it (or from their whole bytes, unmeasured). */
export function buildStoreBound(measure: SourceMeasure): number {
  const stored = measure.storedBytes ?? measure.bytes;
  return FRONT_MATTER_GROWTH * stored + FIXED_BYTES_PER_REPORT * measure.reports;
}

/** Whether the bound from whole files is too coarse to decide, and the files' stored parts are worth measuring. */
export function needsStoredPartMeasure(command: string, measure: SourceMeasure): boolean {
  return command === 'build' && measure.storedBytes === undefined && buildStoreBound(measure) > SINGLE_FILE_STORE_LIMIT;
}

export function collectionStorage(command: string, measure: SourceMeasure): CollectionStorage {
  // `astro dev` keeps Markdown and HTML: about 2.5 times the sources.
  const bound = command === 'build' ? buildStoreBound(measure) : 2.5 * measure.bytes + FIXED_BYTES_PER_REPORT * measure.reports;
  return bound > SINGLE_FILE_STORE_LIMIT ? { type: 'chunked', chunkSize: CHUNK_SIZE } : 'single-file';
}

/** Lines of a body that can become metadata: headings (ATX, setext, HTML), images, link definitions, raw HTML the sanitiser may report. */
const METADATA_LINE = /#|<|!\[|\]:/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;

/**
 * The bytes of a report file that a build's store can hold: its front matter, counted whole, and,
 * weighted, the lines of its body that can become metadata. Over-counts on purpose: it bounds.
 */
export function storedPartBytes(text: string): number {
  const lines = text.split('\n');
  let at = 0;
  let frontMatter = 0;
  if (lines[0]?.trimEnd() === '---') {
    const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    // Without a closing line Astro reads no front matter; the raw check refuses the file anyway.
    const last = end < 0 ? lines.length - 1 : end;
    for (let i = 0; i <= last; i++) frontMatter += Buffer.byteLength(lines[i]!) + 1;
    at = last + 1;
  }
  let metadata = 0;
  for (let i = at; i < lines.length; i++) {
    const line = lines[i]!;
    const underlined = i + 1 < lines.length && SETEXT_UNDERLINE.test(lines[i + 1]!);
    if (underlined || METADATA_LINE.test(line)) metadata += Buffer.byteLength(line) + 1 + METADATA_ENTRY_BYTES;
  }
  return frontMatter + Math.ceil((BODY_METADATA_GROWTH * metadata) / FRONT_MATTER_GROWTH);
}
