/**
 * Internal links of a built site, checked against its files: every href, src and srcset on every
 * page that points into the site must name a file that exists. Pages are read by an HTML
 * tokenizer (htmlparser2's, which streams and builds no tree: this runs over every page of the
 * archive), so a report whose text *says* `src="/x.png"` has no link, and a real `<link href>`,
 * unquoted attribute or entity-encoded URL is read as a browser reads it.
 */
import { tokenize } from '../urls/html-tokens.ts';
import { srcsetUrls } from '../urls/srcset.ts';

/**
 * Every href, src and srcset URL in the page's elements, entities decoded; never text, comments
 * or script contents. The tokenizer alone, without htmlparser2's Parser (tag nesting, attribute
 * maps): a third less time, and attributes are all this needs.
 */
export function extractLinks(html: string): string[] {
  const links: string[] = [];
  let attribute: 'href' | 'src' | 'srcset' | undefined;
  let value = '';
  tokenize(html, {
    onattribname(start, end) {
      const length = end - start;
      const name = length === 3 || length === 4 || length === 6 ? html.slice(start, end).toLowerCase() : '';
      attribute = name === 'href' || name === 'src' || name === 'srcset' ? name : undefined;
      value = '';
    },
    onattribdata(start, end) {
      if (attribute) value += html.slice(start, end);
    },
    onattribentity(codePoint) {
      if (attribute) value += String.fromCodePoint(codePoint);
    },
    onattribend() {
      if (attribute === 'srcset') links.push(...srcsetUrls(value));
      else if (attribute) links.push(value.trim());
      attribute = undefined;
    },
  });
  return links;
}

/** The site path a built file is served at: news/2020/x/index.html -> /base/news/2020/x/. */
export function pageUrlPath(base: string, file: string): string {
  const path = file.replaceAll('\\', '/').replace(/(^|\/)index\.html$/, '$1');
  return `${base}${path}`;
}

/**
 * The file (relative to the site folder) an internal link needs, or null for links leaving the
 * site (other origins, mailto:, paths outside the base are reported as broken, not skipped; so
 * are paths that cannot be decoded or climb out through an encoded slash).
 */
export function linkTarget(
  link: string,
  pagePath: string,
  base: string,
  siteOrigin: string | undefined,
): { file: string } | { outside: string } | { malformed: string } | null {
  const origin = siteOrigin ?? 'http://site.invalid';
  let url: URL;
  try {
    url = new URL(link, origin + pagePath);
  } catch {
    return { outside: link };
  }
  if (url.origin !== origin) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    // A lone or bad %-escape (raw HTML keeps `href="100%"` as written): servers answer 400.
    return { malformed: link };
  }
  if (!pathname.startsWith(base)) return { outside: pathname };
  const relative = pathname.slice(base.length);
  // An encoded slash (`..%2F`) decodes to segments the URL parser did not resolve: such a path
  // names no file of the site (and must not be looked up outside it).
  if (relative.split('/').some((segment) => segment === '..' || segment === '.')) return { malformed: link };
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
  return brokenLinks(
    (function* () {
      for (const { file, html } of pages) yield { file, links: extractLinks(html) };
    })(),
    exists,
    base,
    siteOrigin,
  );
}

/**
 * The broken links among each page's links (as extractLinks gives them). A link that starts with
 * `/` resolves the same on every page (the page's path is not part of it), so its target is
 * worked out once for the whole site: most links are the same navigation, stylesheet and
 * listing links, repeated on thousands of pages.
 */
export function brokenLinks(
  pages: Iterable<{ file: string; links: readonly string[] }>,
  exists: (file: string) => boolean,
  base: string,
  siteOrigin?: string,
): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const fromRoot = new Map<string, ReturnType<typeof linkTarget>>();
  for (const { file, links } of pages) {
    const pagePath = pageUrlPath(base, file);
    for (const link of links) {
      let target: ReturnType<typeof linkTarget>;
      if (!link.startsWith('/')) {
        target = linkTarget(link, pagePath, base, siteOrigin);
      } else if (fromRoot.has(link)) {
        target = fromRoot.get(link)!;
      } else {
        target = linkTarget(link, pagePath, base, siteOrigin);
        fromRoot.set(link, target);
      }
      if (!target) continue;
      if ('malformed' in target) broken.push({ page: file, link, problem: 'is a malformed path (a bad %-escape or an encoded ../)' });
      else if ('outside' in target) broken.push({ page: file, link, problem: `points outside the site's base ${base}` });
      else if (!exists(target.file)) broken.push({ page: file, link, problem: `no file ${target.file}` });
    }
  }
  return broken;
}
