/**
 * The sitemap's `lastmod`: the day of a report's latest correction or update, so that search
 * engines fetch a corrected report again. Read from the built `reports.json`, which Astro writes
 * with the pages, before the sitemap step runs (astro:build:done). A report never corrected or
 * updated has no `lastmod`: the archive knows no day on which its page changed.
 */
import { readFile } from 'node:fs/promises';
import type { ArchiveIndex } from './machine-readable.ts';

/** Report URL (absolute, as the sitemap lists it) -> YYYY-MM-DD of its latest update. */
export function lastmodByUrl(index: Pick<ArchiveIndex, 'reports'>): Map<string, string> {
  return new Map(index.reports.flatMap((r) => (r.updated ? [[r.url, r.updated] as const] : [])));
}

interface SitemapItem {
  url: string;
  lastmod?: string;
}

/** A `serialize` for @astrojs/sitemap that reads the index once, on the first URL. */
export function sitemapLastmod(indexFile: string): <T extends SitemapItem>(item: T) => Promise<T> {
  let lastmods: Promise<Map<string, string>> | undefined;
  return async (item) => {
    lastmods ??= readFile(indexFile, 'utf8').then((text) => lastmodByUrl(JSON.parse(text) as ArchiveIndex));
    const lastmod = (await lastmods).get(item.url);
    return lastmod ? { ...item, lastmod } : item;
  };
}
