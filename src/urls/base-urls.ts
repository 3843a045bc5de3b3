/**
 * The one place URLs are made. Every link, asset, feed item, sitemap entry and search result goes
 * through here so the site works at `/` and under a sub-path such as `/archive/`.
 * Policy: pages end in `/` (directory URLs that any static server resolves to index.html);
 * files (`feed.xml`, `report.json`) do not.
 */

/** `/archive` or `archive/` or `` -> `/archive/`; `/` stays `/`. */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** A site path ('news/2020/x/', '/search/', 'feed.xml', '') joined under the base. */
export function withBase(base: string, path: string): string {
  const root = normalizeBase(base);
  const relative = path.replace(/^\/+/, '');
  return root + relative;
}

/** Absolute URL for feeds, sitemap, canonical links and JSON-LD; falls back to the path alone. */
export function absoluteUrl(site: string | URL | undefined, base: string, path: string): string {
  const pathname = withBase(base, path);
  return site ? new URL(pathname, site).href : pathname;
}

/** Removes the base from a pathname, for matching the current page in navigation. */
export function stripBase(base: string, pathname: string): string {
  const root = normalizeBase(base);
  return pathname.startsWith(root) ? `/${pathname.slice(root.length)}` : pathname;
}

/**
 * Feeds must carry absolute URLs. Without SITE_URL the production origin is unknown, so feeds
 * fall back to the local preview server's origin (npm run preview); the build warns about it.
 */
export const LOCAL_PREVIEW_ORIGIN = 'http://127.0.0.1:4321';

export function feedUrl(site: string | URL | undefined, base: string, path: string): string {
  return absoluteUrl(site ?? LOCAL_PREVIEW_ORIGIN, base, path);
}
