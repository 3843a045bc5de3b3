/**
 * One article read from a source (a WordPress export, an RSS or Atom feed, a saved HTML page, a
 * plain-text release) before it becomes a report file. Readers only read and convert; the import
 * pipeline matches items with reports already imported, writes, and counts.
 */
export type SourceFormat = 'wxr' | 'rss' | 'atom' | 'html' | 'text';

export interface SourceItem {
  /** Where it came from, for messages: `export.xml, item 12 (post 345)`. */
  origin: string;
  /**
   * Identity across re-imports: the source URL (permalink) when there is one, otherwise the
   * GUID / Atom id, otherwise the file path for a single page or release.
   */
  key: string;
  title: string;
  /** The publication date as the publisher dated it: YYYY-MM-DD in the publication's time zone. Never guessed. */
  date: string;
  /** The body as GFM Markdown. Every word of the source article is in it. */
  markdown: string;
  summary?: string;
  /** BCP 47 tag, e.g. `en`, `zh-Hans`. */
  language?: string;
  source?: { name?: string; url?: string };
  /** The byline: the people who wrote the article, in the order the source credits them. */
  authors?: string[];
  /** Categories and tags: they become the report's topics. */
  topics?: string[];
  /** Images the Markdown references, each by the URL exactly as written in `markdown`. */
  images: { url: string; alt?: string }[];
  /** What the editor must be told: an unknown shortcode kept as text, a missing caption... */
  warnings: string[];
}

export type ReadOutcome =
  | { kind: 'item'; item: SourceItem }
  /** Deliberately not imported: a draft, a private or trashed post, a page when pages were not asked for. */
  | { kind: 'skipped'; origin: string; reason: string }
  /** Could not be imported: no date, no title, unreadable content. One failure never stops the others. */
  | { kind: 'failed'; origin: string; reason: string };

export interface ReaderOptions {
  /** IANA time zone of the publication (`--time-zone`), for sources that give UTC times only. */
  timeZone?: string;
  /** WordPress pages as well as posts (`--pages`). */
  includePages?: boolean;
  /** Publisher name when the source does not carry one (`--source`). */
  sourceName?: string;
  /** Language when the source does not say (`--language`). */
  language?: string;
}

/** A reader turns the decoded text of one source file into outcomes, one per article. */
export type SourceReader = (text: string, file: string, options: ReaderOptions) => ReadOutcome[];
