/**
 * A fingerprint of everything that decides what Astro's `parseData` makes of a report's stored
 * front matter, kept in each stored entry: an unchanged report whose data was validated under the
 * current fingerprint is not validated again (../reports-loader.ts), one stored under another is.
 *
 * What decides the verdict on the same data:
 * - the collection's schema (content.config.ts and every module of this project it imports:
 *   ../schema.ts, the lead image's and attachments' rules, text-rules.ts);
 * - zod and Astro (getEntryData, its error map and the `image()` helper): the lock file;
 * - Node: `z.url()` is its URL parser, and names are normalised (NFC) and matched (`\s`) with its
 *   Unicode tables, which a Node upgrade can change without the lock file changing.
 * Not the file system nor the entry's path: the `image()` a loader's parseData gets turns a bare
 * `photo.jpg` into `./photo.jpg` when that file exists beside the report, but stored data never
 * holds a bare path (a lead image that did not exist failed the build before it was stored), and
 * a path starting with `.` it returns as it is. Not the Astro config: Astro empties the store
 * when it changes.
 */
import { codeFingerprint } from '../../output/cache/code-fingerprint.ts';

const CONTENT_CONFIG = new URL('../../content.config.ts', import.meta.url);

export async function schemaFingerprint(): Promise<string> {
  return `${await codeFingerprint(CONTENT_CONFIG)} node ${process.version}`;
}
