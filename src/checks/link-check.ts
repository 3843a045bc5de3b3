/**
 * Internal links of a built site, checked against its files: every href and src on every page
 * that points into the site must name a file that exists. Works on Astro's output, which always
 * double-quotes attributes; the browser test cross-checks with a real HTML parser.
 */

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;
const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", '#38': '&', '#39': "'", '#x27': "'" };

export function extractLinks(html: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(ATTRIBUTE)) {
    links.push(match[1]!.replace(/&(amp|quot|lt|gt|apos|#38|#39|#x27);/g, (_, e: string) => ENTITIES[e]!));
  }
  return links;
}

/** The site path a built file is served at: news/2020/x/index.html -> /base/news/2020/x/. */
export function pageUrlPath(base: string, file: string): string {
  const path = file.replaceAll('\\', '/').replace(/(^|\/)index\.html$/, '$1');
  return `${base}${path}`;
}

/**
 * The file (relative to the site folder) an internal link needs, or null for links leaving the
 * site (other origins, mailto:, paths outside the base are reported as broken, not skipped).
 */
export function linkTarget(
  link: string,
  pagePath: string,
  base: string,
  siteOrigin: string | undefined,
): { file: string } | { outside: string } | null {
  const origin = siteOrigin ?? 'http://site.invalid';
  let url: URL;
  try {
    url = new URL(link, origin + pagePath);
  } catch {
    return { outside: link };
  }
  if (url.origin !== origin) return null;
  const pathname = decodeURIComponent(url.pathname);
  if (!pathname.startsWith(base)) return { outside: pathname };
  const relative = pathname.slice(base.length);
  return { file: relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative };
}

export interface BrokenLink {
  page: string;
  link: string;
  problem: string;
}

export function findBrokenLinks(
  pages: Iterable<{ file: string; html: string }>,
  exists: (file: string) => boolean,
  base: string,
  siteOrigin?: string,
): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const { file, html } of pages) {
    const pagePath = pageUrlPath(base, file);
    for (const link of extractLinks(html)) {
      const target = linkTarget(link, pagePath, base, siteOrigin);
      if (!target) continue;
      if ('outside' in target) broken.push({ page: file, link, problem: `points outside the site's base ${base}` });
      else if (!exists(target.file)) broken.push({ page: file, link, problem: `no file ${target.file}` });
    }
  }
  return broken;
}
