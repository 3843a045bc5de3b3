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
  /** The latest correction or update: Atom `updated`, JSON Feed `date_modified` (RSS has no field for it). */
  updated?: Date;
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
    // The newest day of any item (published or corrected), not the build time: rebuilding
    // unchanged content changes nothing, and a correction changes the feed's date.
    updated: newestDate(items.map((item) => item.updated ?? item.date)),
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
      // The library writes `date` as Atom <updated> and JSON `date_modified`, `published` as
      // Atom <published>, JSON `date_published` and RSS <pubDate>.
      date: item.updated ?? item.date,
      published: item.date,
      ...(item.summary ? { description: item.summary } : {}),
      content: item.html,
      author: [{ name: item.author }],
      category: item.categories.map((name) => ({ name })),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1(), json: toJsonFeed11(feed.json1(), site.language) };
}

function newestDate(dates: readonly Date[]): Date {
  return dates.reduce((newest, d) => (d > newest ? d : newest), new Date(0));
}

/** `&`, `<`, `>` and `"` as entities: the library sends titles and summaries to Atom as type="html". */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface CorrectionFeedInput {
  title: string;
  /** Absolute URL of the corrections page. */
  home: string;
  /** Absolute URL of this feed. */
  self: string;
  language: string;
  favicon: string;
  publisher: string;
}

export interface CorrectionFeedItem {
  /** The report's title. */
  title: string;
  /** Absolute URL of the correction's note on the report page: also the entry's permanent id. */
  url: string;
  date: Date;
  note: string;
}

/**
 * The Atom feed of the corrections page, one entry per correction, newest first. Atom rather
 * than RSS because an entry has a real `updated` (and RSS none); the note is the entry's text.
 * Titles and notes are plain text, escaped here because the library marks them type="html":
 * a note that says `<b>` or `AT&T` reads as written.
 */
export function buildCorrectionsFeed(site: CorrectionFeedInput, items: readonly CorrectionFeedItem[]): string {
  const feed = new Feed({
    id: site.home,
    title: site.title,
    link: site.home,
    language: site.language,
    favicon: site.favicon,
    updated: newestDate(items.map((item) => item.date)),
    generator: site.publisher,
    copyright: site.publisher,
    feedLinks: { atom: site.self },
    // Atom needs an author for every entry: the archive, which writes the notes.
    author: { name: site.publisher },
  });
  for (const item of items) {
    feed.addItem({
      id: item.url,
      title: escapeHtml(`Correction: ${item.title}`),
      link: item.url,
      date: item.date,
      published: item.date,
      content: `<p>${escapeHtml(item.note)}</p>`,
    });
  }
  return feed.atom1();
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
