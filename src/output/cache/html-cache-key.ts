/**
 * Names in the cache of rendered report bodies (report-html-cache.ts). The content store keeps
 * each report's front matter and a little metadata; its HTML lives in this cache, one file per
 * key. A key is the hash of everything the HTML is made from: the file's bytes, its path (image
 * references are relative to it) and the fingerprint of the Markdown pipeline (its code, its
 * packages, the renderer settings). A report whose text or pipeline changes gets a new key, so an
 * entry is never read for HTML it was not rendered from.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** The cache's folder inside a build's cache folder (Astro's `cacheDir`, next to its content store). */
export const REPORT_HTML_FOLDER = 'report-html';

const KEY = /^[0-9a-f]{64}$/;
const FILE = /^([0-9a-f]{64})\.html$/;

export function htmlCacheKey(pipeline: string, relativePath: string, contents: string): string {
  return createHash('sha256').update(JSON.stringify([pipeline, relativePath])).update('\0').update(contents).digest('hex');
}

export function isHtmlCacheKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key);
}

/** The file of a key; anything but a key (a path, `..`) is refused, so no read or write leaves the folder. */
export function htmlCacheFile(folder: string, key: string): string {
  if (!isHtmlCacheKey(key)) throw new Error(`not a report HTML cache key: ${JSON.stringify(key)}`);
  return path.join(folder, `${key}.html`);
}

/**
 * The names in the cache folder to delete: the files of keys no report uses. Names the cache does
 * not write (a stray file, a folder) are left alone: the cache deletes only what it may have made.
 */
export function unusedCacheFiles(names: Iterable<string>, used: ReadonlySet<string>): string[] {
  const unused: string[] = [];
  for (const name of names) {
    const key = FILE.exec(name)?.[1];
    if (key && !used.has(key)) unused.push(name);
  }
  return unused;
}

/** The keys the folder holds, from its file names. */
export function cachedKeys(names: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const name of names) {
    const key = FILE.exec(name)?.[1];
    if (key) keys.add(key);
  }
  return keys;
}
