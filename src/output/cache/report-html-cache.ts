/**
 * The cache of rendered report bodies on disk: written by the reports loader, read when a report's
 * page or files are rendered. Astro's content store holds front matter only; at 50,000 reports,
 * writing and reading a store that also held every body took minutes of each build (Astro splits
 * and measures the store's text one character at a time). Names and keys: html-cache-key.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { cachedKeys, htmlCacheFile, unusedCacheFiles } from './html-cache-key.ts';
import { removeInside } from '../remove-inside.ts';

export interface ReportHtmlCache {
  folder: string;
  /** Whether the folder held the key when the cache was opened, or it was written since. */
  has(key: string): boolean;
  write(key: string, html: string): void;
  /** Deletes the cached bodies of every key not in `used`; returns how many. */
  prune(used: ReadonlySet<string>): Promise<number>;
}

export async function openReportHtmlCache(folder: string): Promise<ReportHtmlCache> {
  await mkdir(folder, { recursive: true });
  const keys = cachedKeys(await readdir(folder));
  return {
    folder,
    has: (key) => keys.has(key),
    write(key, html) {
      // Synchronously, as every small file of a build is read and written (a promise write of
      // 10,000 bodies takes three times the CPU: see report-files-integration.ts).
      writeFileSync(htmlCacheFile(folder, key), html);
      keys.add(key);
    },
    async prune(used) {
      const unused = unusedCacheFiles(await readdir(folder), used);
      // Through the output folder's one way of deleting: never outside the folder, never through a link.
      for (const name of unused) await removeInside(folder, name);
      for (const name of unused) keys.delete(name.slice(0, -'.html'.length));
      return unused.length;
    },
  };
}

/** Synchronously: read once per page and file a report publishes, 10,000s of times a build. */
export function readReportHtml(folder: string, key: string): string {
  return readFileSync(htmlCacheFile(folder, key), 'utf8');
}
