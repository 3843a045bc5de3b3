/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest reports, made with the `feed` library.
 * Items carry the full sanitised report HTML (readers and researchers read and keep reports in
 * their feed reader, and the archive has nothing to gain from click-through) plus the summary.
 * An item credits the report's authors when it names them, otherwise its source (see `credit`).
 */
import { Feed, type Extension, type Item } from 'feed';

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
  /** The report's source: the item's author when the report names no authors. */
  author: string;
  /** The people who wrote the report (its byline), in the order credited. */
  authors?: readonly string[];
  categories: string[];
  /** The lead image's original file: RSS `<enclosure>`, Atom `<link rel="enclosure">`, JSON Feed `image`. */
  image?: FeedImage | undefined;
}

export interface FeedImage {
  /** Absolute URL. */
  url: string;
  bytes: number;
  mediaType: string;
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

/**
 * A field the library does not know, set on the item as given: a list makes one element per entry
 * in XML (one `<dc:creator>` per name), and a list in JSON. Its type says an object; it writes any value.
 */
const repeated = (name: string, entries: object[]): Extension => ({ name, objects: entries as unknown as Record<string, unknown> });

/**
 * How plain text (titles, summaries, names) is written into each kind of feed. The library puts
 * titles and summaries in CDATA sections as they are, but readers take Atom's type="html" text and
 * RSS descriptions as HTML, and JSON Feed's title and summary as text: a title that says `<b>` or
 * `AT&T` must read as written in all three.
 */
interface TextWriting {
  title: (text: string) => string;
  summary: (text: string) => string;
  /** Who the item credits: its authors, or the source when there are none. */
  credit: (item: FeedItemInput) => Pick<Item, 'author' | 'extensions'>;
}
const AS_TEXT: TextWriting = {
  title: (t) => t,
  summary: (t) => t,
  // The library writes only the first author (JSON Feed 1.0's one `author`); 1.1's `authors`
  // list, set here, is kept by toJsonFeed11.
  credit: (item) =>
    item.authors?.length
      ? { author: [{ name: item.authors[0]! }], extensions: [repeated('authors', item.authors.map((name) => ({ name })))] }
      : { author: [{ name: item.author }] },
};
/**
 * RSS 2.0's `<author>` is an e-mail address; the byline's names are Dublin Core creators, one
 * `<dc:creator>` each, as WordPress writes them and the RSS Advisory Board's profile advises for
 * an author without an address. A report without authors credits its source in `<author>`, as
 * it always has.
 */
const RSS: TextWriting = {
  title: cdataText,
  summary: (t) => cdataHtml(escapeHtml(t)),
  credit: (item) =>
    item.authors?.length
      ? { extensions: [repeated('dc:creator', item.authors.map((name) => ({ _text: xmlText(name) })))] }
      : { author: [{ name: xmlText(item.author) }] },
};
/** Atom: one `<author><name>` per author (RFC 4287 allows several). */
const ATOM: TextWriting = {
  title: (t) => cdataHtml(escapeHtml(t)),
  summary: (t) => cdataHtml(escapeHtml(t)),
  credit: (item) => ({ author: (item.authors?.length ? item.authors : [item.author]).map((name) => ({ name: xmlText(name) })) }),
};

export function buildFeeds(site: FeedSiteInput, items: readonly FeedItemInput[]): FeedFiles {
  const feedOf = (writing: TextWriting) => {
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
        title: writing.title(item.title),
        link: item.url,
        // The library writes `date` as Atom <updated> and JSON `date_modified`, `published` as
        // Atom <published>, JSON `date_published` and RSS <pubDate>.
        date: item.updated ?? item.date,
        published: item.date,
        ...(item.summary ? { description: writing.summary(item.summary) } : {}),
        content: writing === AS_TEXT ? item.html : cdataHtml(item.html),
        ...writing.credit(item),
        category: item.categories.map((name) => ({ name })),
        ...(item.image ? { image: { url: item.image.url, length: item.image.bytes, type: item.image.mediaType } } : {}),
      });
    }
    return feed;
  };
  return {
    rss: withDublinCore(feedOf(RSS).rss2()),
    atom: atomEnclosures(atomCategories(feedOf(ATOM).atom1()), items),
    json: toJsonFeed11(feedOf(AS_TEXT).json1(), site.language),
  };
}

/**
 * HTML for a CDATA section. The XML writer under the library splits only the first `]]>` of a
 * section; a second one would end it and make the feed ill-formed. In HTML `]]&gt;` reads the same.
 */
export function cdataHtml(html: string): string {
  return html.replaceAll(']]>', ']]&gt;');
}

/**
 * Plain text for a CDATA section (an RSS title), where no entity can stand in: every `]]>` after
 * the first is split here the way the writer splits the first (`]]` ends one section, `>` opens
 * the next), so the text reads back exactly.
 */
export function cdataText(text: string): string {
  const first = text.indexOf(']]>');
  if (first === -1) return text;
  const head = text.slice(0, first + 3);
  return head + text.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
}

/**
 * Atom categories as RFC 4287 wants them: the library writes only `label`, with `<` unescaped
 * (ill-formed XML for a topic such as `C<sup>`), and no `term`, which Atom requires. Its `"` and
 * `&` are already entities, so a label's value is everything up to the next `"`.
 */
export function atomCategories(atom: string): string {
  return atom.replace(/<category label="([^"]*)"\/>/g, (_, label: string) => {
    const value = label.replaceAll('<', '&lt;');
    return `<category term="${value}" label="${value}"/>`;
  });
}

/**
 * Atom enclosures with the image's real media type: the library derives it from the name
 * (`image/jpg` for photo.jpg, which is no media type) and drops the one given.
 */
export function atomEnclosures(atom: string, items: readonly FeedItemInput[]): string {
  const types = new Map(items.flatMap((item) => (item.image ? [[escapeHtml(item.image.url), item.image.mediaType] as const] : [])));
  return atom.replace(/<link rel="enclosure" href="([^"]*)"([^>]*?) type="[^"]*"/g, (link, href: string, between: string) => {
    const type = types.get(href);
    return type ? `<link rel="enclosure" href="${href}"${between} type="${type}"` : link;
  });
}

/**
 * Text for the XML writer under the library, which reads `&amp;` in a text as `&` before it
 * escapes (so a name that says `R&amp;D` would read `R&D`): every `&` written as `&amp;`, which it
 * turns back into exactly the text.
 */
export function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;');
}

/**
 * The Dublin Core namespace on the feed's root when an item has a `<dc:creator>`: the library
 * declares it only with an item's full content, which a report without text has not.
 */
export function withDublinCore(rss: string): string {
  if (!rss.includes('<dc:creator>') || /<rss\b[^>]*\sxmlns:dc=/.test(rss)) return rss;
  return rss.replace(/<rss\b/, '<rss xmlns:dc="http://purl.org/dc/elements/1.1/"');
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
      title: cdataHtml(escapeHtml(`Correction: ${item.title}`)),
      link: item.url,
      date: item.date,
      published: item.date,
      content: cdataHtml(`<p>${escapeHtml(item.note)}</p>`),
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
