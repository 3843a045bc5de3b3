/**
 * Hands each rendered report page to the search index's page feed (page-feed.ts) during a build,
 * and returns the same bytes to Astro, which writes them. Added by pagefind-integration.ts for
 * builds only; without an active feed (any other route, `astro dev`, a build into a folder that
 * holds an earlier build) it passes the response through untouched.
 *
 * The feed is reached through a global because this module runs in Astro's prerender bundle,
 * which Vite builds and loads apart from the integration's own modules: the two share the
 * process, not their module instances.
 */
import type { MiddlewareHandler } from 'astro';

/** The report route, as Astro names it in `routePattern` (src/pages/news/[year]/[slug].astro). */
export const REPORT_ROUTE = '/news/[year]/[slug]';

const ACTIVE_FEED = Symbol.for('news-archive:search-page-feed');

interface ActiveFeed {
  add(id: string, html: string): Promise<void>;
}

type FeedHolder = { [ACTIVE_FEED]?: ActiveFeed };

/** Sets (or, with undefined, ends) the feed that rendered report pages go to. */
export function setActiveFeed(feed: ActiveFeed | undefined): void {
  (globalThis as FeedHolder)[ACTIVE_FEED] = feed;
}

export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = await next();
  const feed = (globalThis as FeedHolder)[ACTIVE_FEED];
  if (!feed || context.routePattern !== REPORT_ROUTE || response.status !== 200) return response;
  const html = await response.text();
  await feed.add(`${context.params.year}/${context.params.slug}`, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
};
