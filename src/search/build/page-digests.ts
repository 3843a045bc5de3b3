/**
 * The digest of each report page's indexed part (search-partitions.ts: indexedPart), from which a
 * partition's digest is made, remembered from one build to the next by the page's stat stamp
 * (src/output/up-to-date/file-stamps.ts: device, inode, size, modification and change time). A
 * build writes the pages it changes (a new stamp) and leaves the others untouched, so a page whose
 * stamp is the one it had when it was digested has the same bytes: it is not read again. Reading
 * every report page to find the one partition an edit changed was 0.6 s of a rebuild at 10,000
 * reports and grows with the archive. Pure apart from the stat and read it is given.
 */
import { createHash } from 'node:crypto';
import { indexedPart } from './search-partitions.ts';

/**
 * The digest of a page's indexed part (`indexedPart`), the one both a page read from disk and a
 * page fed to Pagefind as it is rendered (feed/page-feed.ts) are known by: they must agree.
 */
export function indexedPartDigest(indexed: string): string {
  return createHash('sha256').update(indexed).digest('hex');
}

/** As kept on disk: page (relative to the site) -> its stamp and digest when it was read. */
export interface PageDigestCache {
  format: 1;
  pages: Record<string, [stamp: string, digest: string]>;
}

export interface PageDigests {
  /** The digest of the page's indexed part, or `missing` when there is no such page. */
  digest(page: string): string;
  /** Pages read (not vouched for by their stamps) so far. */
  readonly read: number;
  /** The cache to keep for the next build: the pages digested in this one. */
  toCache(): PageDigestCache;
}

function isCache(value: unknown): value is PageDigestCache {
  const cache = value as Partial<PageDigestCache> | undefined;
  return typeof cache === 'object' && cache !== null && cache.format === 1 && typeof cache.pages === 'object' && cache.pages !== null;
}

/**
 * `previous`: the parsed cache file, or anything (missing, older or damaged: every page is read).
 * `stamp(page)`: its stat stamp, `absent` when it does not exist; `read(page)`: its text.
 */
export function pageDigests(previous: unknown, stamp: (page: string) => string, read: (page: string) => string): PageDigests {
  const known = isCache(previous) ? previous.pages : {};
  const pages: PageDigestCache['pages'] = {};
  let reread = 0;
  return {
    digest(page) {
      const now = stamp(page);
      // A missing page indexes as no record, which the count check reports.
      if (now === 'absent') return 'missing';
      const before = Object.hasOwn(known, page) ? known[page] : undefined;
      if (Array.isArray(before) && before[0] === now && typeof before[1] === 'string') {
        pages[page] = before;
        return before[1];
      }
      reread++;
      const digest = indexedPartDigest(indexedPart(read(page)));
      pages[page] = [now, digest];
      return digest;
    },
    get read() {
      return reread;
    },
    toCache: () => ({ format: 1, pages }),
  };
}
