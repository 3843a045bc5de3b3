/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest reports, made with the `feed` library.
 * Items carry the full sanitised report HTML (readers and researchers read and keep reports in
 * their feed reader, and the archive has nothing to gain from click-through) plus the summary.
 */
import { Feed } from 'feed';

export interface FeedItemInput {
  id: string;
  title: string;
  /** Absolute URL. */
  url: string;
  date: Date;
  summary?: string;
  html: string;
  author: string;
  categories: string[];
}

export interface FeedSiteInput {
  title: string;
  description: string;
  language: string;
  /** Absolute URLs. */
  home: string;
  links: { rss: string; atom: string; json: string };
  favicon: string;
  publisher: string;
}

export interface FeedFiles {
  rss: string;
  atom: string;
  json: string;
}

export function buildFeeds(site: FeedSiteInput, items: readonly FeedItemInput[]): FeedFiles {
  const feed = new Feed({
    id: site.home,
    title: site.title,
    description: site.description,
    link: site.home,
    language: site.language,
    favicon: site.favicon,
    // The newest report's day, not the build time: rebuilding unchanged content changes nothing.
    updated: items[0]?.date ?? new Date(0),
    generator: site.publisher,
    copyright: site.publisher,
    feedLinks: site.links,
  });
  for (const item of items) {
    feed.addItem({
      id: item.url,
      guid: item.url,
      title: item.title,
      link: item.url,
      date: item.date,
      published: item.date,
      ...(item.summary ? { description: item.summary } : {}),
      content: item.html,
      author: [{ name: item.author }],
      category: item.categories.map((name) => ({ name })),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1(), json: toJsonFeed11(feed.json1(), site.language) };
}

/** The library writes JSON Feed 1.0; 1.1 renames `author` to `authors` and adds `language`. */
export function toJsonFeed11(json1: string, language: string): string {
  const feed = JSON.parse(json1) as Record<string, unknown> & { items?: Record<string, unknown>[] };
  const upgrade = (o: Record<string, unknown>) => {
    if (o.author && !o.authors) o.authors = Array.isArray(o.author) ? o.author : [o.author];
    delete o.author;
  };
  upgrade(feed);
  for (const item of feed.items ?? []) upgrade(item);
  return JSON.stringify({ ...feed, version: 'https://jsonfeed.org/version/1.1', language }, null, 2);
}
