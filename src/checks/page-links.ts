/**
 * The links of each built page, remembered from one build to the next by a digest of the page's
 * bytes. Tokenizing every page was most of the link check's time (10,000 report pages, every
 * build), while a warm build rewrites few of them: a page whose bytes are unchanged has the same
 * links, since extractLinks reads nothing but the page. The extractor's own code (and the
 * installed packages) is part of the cache's identity: another extractor starts from nothing.
 * What the links point at is checked again on every build, against the files of that build.
 * Pure: the integration reads and writes the cache file (completeness-integration.ts).
 */
import { hash } from 'node:crypto';
import { extractLinks } from './link-check.ts';

/** As kept on disk: each distinct link once, and each page's links as indices into that list. */
export interface PageLinksCache {
  format: 1;
  /** The extractor's fingerprint (src/output/code-fingerprint.ts of link-check.ts). */
  extractor: string;
  links: string[];
  /** Digest of a page's bytes -> its links, as indices into `links`. */
  pages: Record<string, number[]>;
}

export interface PageLinks {
  /** The links of a page with these bytes (extracted, or remembered from a page with the same bytes). */
  of(bytes: Uint8Array): string[];
  /** Pages whose links were extracted, not remembered. */
  readonly extracted: number;
  /** The cache to keep for the next build: the pages seen in this one. */
  toCache(): PageLinksCache;
}

function isCache(value: unknown, extractor: string): value is PageLinksCache {
  const cache = value as Partial<PageLinksCache> | undefined;
  return (
    typeof cache === 'object' && cache !== null && cache.format === 1 && cache.extractor === extractor &&
    Array.isArray(cache.links) && typeof cache.pages === 'object' && cache.pages !== null
  );
}

/** `previous`: the parsed cache file, or anything (a missing, older or damaged file starts from nothing). */
export function pageLinks(previous: unknown, extractor: string, extract: (html: string) => string[] = extractLinks): PageLinks {
  const known = isCache(previous, extractor) ? previous : undefined;
  const seen = new Map<string, string[]>();
  let extracted = 0;
  return {
    of(bytes) {
      const digest = hash('sha256', bytes, 'base64');
      const remembered = seen.get(digest);
      if (remembered) return remembered;
      const indices = known && Object.hasOwn(known.pages, digest) ? known.pages[digest] : undefined;
      let links: string[] | undefined;
      if (Array.isArray(indices) && indices.every((i) => Number.isInteger(i) && i >= 0 && i < known!.links.length)) {
        links = indices.map((i) => known!.links[i]!);
      }
      if (!links) {
        // Copied into strings of their own: a slice of the page would keep the whole page in memory.
        links = JSON.parse(JSON.stringify(extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')))) as string[];
        extracted++;
      }
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
      return { format: 1, extractor, links, pages };
    },
  };
}
