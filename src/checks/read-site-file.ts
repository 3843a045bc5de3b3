/**
 * One built page, feed or JSON file, read for the completeness check: a page's links (parsed only
 * when its bytes are new, page-links.ts) and whether the file holds an image Astro left
 * unresolved (image-placeholders.ts). The check reads files with it, and so does the thread that
 * reads the pages before the check (early-pages.ts): both find the same, and fail the same way.
 */
import { readFileSync } from 'node:fs';
import { hasImagePlaceholder } from './image-placeholders.ts';
import type { PageLinks } from './page-links.ts';

export interface SiteFileReading {
  /** A page's links and the digest of its bytes; none for other files. */
  page?: { digest: string; links: string[] };
  placeholder: boolean;
}

/** `full`: the file's path; `page`: an HTML page (whose links are wanted). */
export function readSiteFile(full: string, page: boolean, known: PageLinks): SiteFileReading {
  const bytes = readFileSync(full);
  const links = page ? known.read(bytes) : undefined;
  // A page is decoded only when it holds Astro's marker (the marker is Astro's, written in this case).
  const placeholder = (!page || bytes.includes('__ASTRO_IMAGE_')) && hasImagePlaceholder(bytes.toString('utf8'));
  return links ? { page: links, placeholder } : { placeholder };
}
