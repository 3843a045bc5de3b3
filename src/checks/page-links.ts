/**
 * The links of each built page, remembered from one build to the next by a digest of the page's
 * bytes. Tokenizing every page was most of the link check's time (10,000 report pages, every
 * build), while a warm build rewrites few of them: a page whose bytes are unchanged has the same
 * links, since extractLinks reads nothing but the page. The extractor's own code (and the
 * installed packages) is part of the cache's identity: another extractor starts from nothing.
 * What the links point at is checked again on every build, against the files of that build.
 *
 * A file need not even be read while its stat stamp (src/output/up-to-date/file-stamps.ts: inode,
 * size, modification and change time) is the one it had when it was last read and found clean
 * (no unresolved image, the only verdict on a file's bytes alone): at 100,000 reports, reading
 * every page and report file again was most of a rebuild. The build writes the files it changes
 * (a new stamp) and keeps the others untouched (the same stamp).
 * Pure: the integration reads and writes the cache file (completeness-integration.ts).
 */
import { hash } from 'node:crypto';
import { extractLinks } from './link-check.ts';

/** As kept on disk: each distinct link once, and each page's links as indices into that list. */
export interface PageLinksCache {
  format: 2;
  /** The extractor's fingerprint (src/output/cache/code-fingerprint.ts of link-check.ts). */
  extractor: string;
  links: string[];
  /** Digest of a page's bytes -> its links, as indices into `links`. */
  pages: Record<string, number[]>;
  /** A file found clean -> its stat stamp then, and its digest when it is a page (links above). */
  clean: Record<string, [stamp: string, digest: string | null]>;
}

export interface PageLinks {
  /** The links of a page with these bytes (extracted, or remembered from a page with the same bytes), and the bytes' digest. */
  read(bytes: Uint8Array): { digest: string; links: string[] };
  /**
   * The links of a page read elsewhere from the same cache (src/checks/early-pages.ts), given with
   * its digest and the links found there: as `read` would have given them, counted as extracted
   * when not remembered.
   */
  adopt(digest: string, links: string[]): string[];
  /**
   * Whether `file`, now stamped `stamp`, is as when it was last read and found clean; for a page,
   * its links (the file is then not read), for another file an empty list. Undefined: read it.
   */
  unchanged(file: string, stamp: string): string[] | undefined;
  /** Records that `file` was read with this stamp and found clean (`digest`: a page's, from `read`, for its links). */
  vouch(file: string, stamp: string, digest?: string): void;
  /** Pages whose links were extracted, not remembered. */
  readonly extracted: number;
  /** The cache to keep for the next build: the pages seen in this one. */
  toCache(): PageLinksCache;
}

function isCache(value: unknown, extractor: string): value is PageLinksCache {
  const cache = value as Partial<PageLinksCache> | undefined;
  return (
    typeof cache === 'object' && cache !== null && cache.format === 2 && cache.extractor === extractor &&
    Array.isArray(cache.links) && typeof cache.pages === 'object' && cache.pages !== null &&
    typeof cache.clean === 'object' && cache.clean !== null
  );
}

/** `previous`: the parsed cache file, or anything (a missing, older or damaged file starts from nothing). */
export function pageLinks(previous: unknown, extractor: string, extract: (html: string) => string[] = extractLinks): PageLinks {
  const known = isCache(previous, extractor) ? previous : undefined;
  const seen = new Map<string, string[]>();
  const clean: PageLinksCache['clean'] = {};
  let extracted = 0;
  const rememberedLinks = (digest: string): string[] | undefined => {
    const remembered = seen.get(digest);
    if (remembered) return remembered;
    const indices = known && Object.hasOwn(known.pages, digest) ? known.pages[digest] : undefined;
    if (!Array.isArray(indices) || !indices.every((i) => Number.isInteger(i) && i >= 0 && i < known!.links.length)) return undefined;
    const links = indices.map((i) => known!.links[i]!);
    seen.set(digest, links);
    return links;
  };
  return {
    unchanged(file, stamp) {
      const entry = known && Object.hasOwn(known.clean, file) ? known.clean[file] : undefined;
      if (!Array.isArray(entry) || entry[0] !== stamp) return undefined;
      const digest = entry[1];
      const links = typeof digest === 'string' ? rememberedLinks(digest) : [];
      if (links) clean[file] = [stamp, digest];
      return links;
    },
    vouch(file, stamp, digest) {
      clean[file] = [stamp, digest ?? null];
    },
    read(bytes) {
      const digest = hash('sha256', bytes, 'base64');
      let links = rememberedLinks(digest);
      if (!links) {
        // Copied into strings of their own: a slice of the page would keep the whole page in memory.
        links = JSON.parse(JSON.stringify(extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')))) as string[];
        extracted++;
        seen.set(digest, links);
      }
      return { digest, links };
    },
    adopt(digest, links) {
      const remembered = rememberedLinks(digest);
      if (remembered) return remembered;
      extracted++;
      seen.set(digest, links);
      return links;
    },
    get extracted() {
      return extracted;
    },
    toCache() {
      const index = new Map<string, number>();
      const links: string[] = [];
      const pages: Record<string, number[]> = {};
      for (const [digest, pageLinks] of seen) {
        pages[digest] = pageLinks.map((link) => {
          let i = index.get(link);
          if (i === undefined) {
            i = links.push(link) - 1;
            index.set(link, i);
          }
          return i;
        });
      }
      return { format: 2, extractor, links, pages, clean };
    },
  };
}
