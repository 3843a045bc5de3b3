/**
 * RSS 2.0 and Atom 1.0 feeds -> one outcome per `<item>` / `<entry>`.
 *
 * - Body: the full content when the feed has it (RSS `content:encoded`; Atom `<content>` of type
 *   `html`, `xhtml` or `text`), else RSS `<description>` / Atom `<summary>`. When both are there,
 *   the shorter one is the summary. Atom content kept elsewhere (`src="..."`) is not fetched: the
 *   summary is the body and the editor is warned.
 * - Date: RSS `pubDate` (RFC 822) or `dc:date`; Atom `published`, else `updated` (RFC 3339). With
 *   `timeZone`, the instant is dated in that zone; without, the day is the one written, in the
 *   feed's own offset (see publication-date.ts). No date: the entry fails.
 * - Key and source URL: the entry's link (Atom `rel="alternate"`); without one, the `guid` / `id`
 *   (a permalink guid is also the source URL).
 * - Titles are read as HTML (feeds escape `&amp;` and `&#8217;` in them), Atom `type="text"` titles
 *   as text; categories (Atom `label`, else `term`) -> topics; RSS `<language>` / `dc:language`,
 *   Atom `xml:lang` -> language; the feed's title -> source name unless `sourceName` is given.
 * - Authors: RSS `dc:creator`s, else `<author>` (an e-mail address, "jane@example.org (Jane Doe)":
 *   the name in parentheses, else the text as written); Atom: the entry's `<author>` names, else
 *   those of its `<source>`, else the feed's (RFC 4287, 4.2.1). Read as HTML, like categories.
 */
import { timeZoneProblem } from '../import-options.ts';
import { hastToMarkdown, parseHtml } from '../html/html-to-markdown.ts';
import { collapseHtmlWhitespace } from '../html/html-whitespace.ts';
import { plainTextToMarkdown } from '../plain-text-markdown.ts';
import { parseRfc3339, parseRfc822, publicationDay, type DateReading } from './publication-date.ts';
import { htmlSnippetText, isHttpUrl, languageTag, snippetNames } from './source-fields.ts';
import type { ReadOutcome, ReaderOptions, SourceItem } from './source-item.ts';
import { xhtmlToHtml } from '../xml/xhtml-content.ts';
import { attributeOf, listOf, rawXmlText, readXml, textOf, type XmlNode } from '../xml/xml-document.ts';

interface Body {
  markdown: string;
  images: SourceItem['images'];
  warnings: string[];
}

function htmlBody(html: string, baseUrl: string | undefined): Body {
  return hastToMarkdown(parseHtml(html), { baseUrl });
}

function textBody(text: string): Body {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  return { markdown: paragraphs.length > 0 ? plainTextToMarkdown(paragraphs) : '', images: [], warnings: [] };
}

interface Entry {
  origin: string;
  title: string;
  dated: DateReading;
  link?: string;
  id?: string;
  idIsUrl: boolean;
  body?: Body;
  summary?: string;
  language?: string;
  topics: string[];
  authors: string[];
  warnings: string[];
}

function outcome(entry: Entry, file: string, index: number, sourceName: string | undefined): ReadOutcome {
  const { origin } = entry;
  if (!entry.title) return { kind: 'failed', origin, reason: 'the entry has no title: it cannot be imported without one' };
  if (!entry.dated.ok) return { kind: 'failed', origin, reason: entry.dated.reason };
  if (!entry.body) return { kind: 'failed', origin, reason: 'the entry has no content and no summary: there is no text to import' };
  const url = isHttpUrl(entry.link) ? entry.link.trim() : entry.idIsUrl && isHttpUrl(entry.id) ? entry.id.trim() : undefined;
  const key = url ?? entry.id?.trim() ?? `${file}#entry-${index + 1}`;
  const item: SourceItem = {
    origin,
    key,
    title: entry.title,
    date: entry.dated.date,
    markdown: entry.body.markdown,
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(entry.language ? { language: entry.language } : {}),
    ...(sourceName || url ? { source: { ...(sourceName ? { name: sourceName } : {}), ...(url ? { url } : {}) } } : {}),
    ...(entry.authors.length > 0 ? { authors: entry.authors } : {}),
    ...(entry.topics.length > 0 ? { topics: entry.topics } : {}),
    images: entry.body.images,
    warnings: [...entry.warnings, ...entry.body.warnings],
  };
  return { kind: 'item', item };
}

/** RSS `<author>` is an e-mail address, commonly with the name after it: "jane@example.org (Jane Doe)". */
const RSS_AUTHOR = /^\S+@\S+\s*\((.+)\)$/s;

function rssAuthors(item: XmlNode): string[] {
  const creators = snippetNames(listOf(item['dc:creator']).map(textOf));
  if (creators.length > 0) return creators;
  return snippetNames(listOf(item.author).map((author) => {
    const text = textOf(author)?.trim() ?? '';
    return RSS_AUTHOR.exec(text)?.[1] ?? text;
  }));
}

/** The names of the `<author>`s of an Atom entry, source or feed. */
function atomAuthorNames(node: unknown): string[] {
  const authors = node && typeof node === 'object' ? listOf((node as XmlNode).author) : [];
  return snippetNames(authors.map((author) => (author && typeof author === 'object' ? textOf((author as XmlNode).name) : textOf(author))));
}

/** The longer of two bodies is the article; the other, as text, its summary. */
function bodyAndSummary(full: Body | undefined, short: Body | undefined, shortText: string | undefined): { body?: Body; summary?: string } {
  if (full && full.markdown !== '') return { body: full, summary: shortText || undefined };
  if (short) return { body: short };
  return { body: full };
}

/**
 * The day of the first date field the item fills (a blank one counts as absent), read in the
 * publication's time zone when one is given; `missing` when it fills none.
 */
function firstDate(
  fields: { field: string; text: string | undefined; parse: (text: string) => ReturnType<typeof parseRfc3339> }[],
  timeZone: string | undefined,
  missing: string,
): DateReading {
  const given = fields.find(({ text }) => text !== undefined && text.trim() !== '');
  return given ? publicationDay(given.parse(given.text!), given.text!, given.field, timeZone) : { ok: false, reason: missing };
}

function rssEntry(item: XmlNode, index: number, file: string, channel: XmlNode, options: ReaderOptions): Entry {
  const link = textOf(item.link)?.trim();
  const guid = textOf(item.guid)?.trim();
  const dated = firstDate(
    [
      { field: 'pubDate', text: textOf(item.pubDate), parse: parseRfc822 },
      { field: 'dc:date', text: textOf(item['dc:date']), parse: parseRfc3339 },
    ],
    options.timeZone,
    'the item has no pubDate or dc:date: pass the date by importing it by hand',
  );
  const baseUrl = isHttpUrl(link) ? link : textOf(channel.link)?.trim();
  const content = textOf(item['content:encoded']);
  const description = textOf(item.description);
  const full = content !== undefined && content.trim() !== '' ? htmlBody(content, baseUrl) : undefined;
  const short = description !== undefined && description.trim() !== '' ? htmlBody(description, baseUrl) : undefined;
  return {
    origin: `${file}, item ${index + 1}`,
    title: htmlSnippetText(textOf(item.title) ?? ''),
    dated,
    link,
    id: guid,
    idIsUrl: attributeOf(item.guid, 'isPermaLink') !== 'false',
    ...bodyAndSummary(full, short, description ? htmlSnippetText(description) : undefined),
    language: languageTag(textOf(item['dc:language'])) ?? languageTag(textOf(channel.language)) ?? options.language,
    topics: snippetNames(listOf(item.category).map(textOf)),
    authors: rssAuthors(item),
    warnings: [],
  };
}

/** An Atom text construct (title, summary, content) -> HTML, plain text, or where it lives. */
type AtomText = { kind: 'html'; html: string } | { kind: 'text'; text: string } | { kind: 'elsewhere'; src: string } | { kind: 'other'; type: string };

function atomText(node: unknown): AtomText | undefined {
  if (node === undefined) return undefined;
  const src = attributeOf(node, 'src');
  if (src !== undefined) return { kind: 'elsewhere', src };
  const raw = textOf(node) ?? '';
  const type = (attributeOf(node, 'type') ?? 'text').trim().toLowerCase();
  // XHTML is markup already, but XML: read as XML (an empty `<iframe/>` is no iframe that holds
  // the rest of the article), then written as the same tree in HTML.
  if (type === 'xhtml' || type.endsWith('+xml') || type.endsWith('/xml')) return { kind: 'html', html: xhtmlToHtml(raw) };
  if (type === 'html' || type === 'text/html') return { kind: 'html', html: rawXmlText(raw) };
  if (type === 'text' || type.startsWith('text/')) return { kind: 'text', text: rawXmlText(raw) };
  return { kind: 'other', type };
}

function atomPlain(text: AtomText | undefined): string {
  if (!text) return '';
  if (text.kind === 'html') return htmlSnippetText(text.html);
  if (text.kind === 'text') return collapseHtmlWhitespace(text.text).trim();
  return '';
}

function atomLink(entry: XmlNode): string | undefined {
  const links = listOf(entry.link);
  const alternate = links.find((link) => (attributeOf(link, 'rel') ?? 'alternate') === 'alternate');
  return attributeOf(alternate, 'href')?.trim();
}

function atomEntry(entry: XmlNode, index: number, file: string, feed: XmlNode, options: ReaderOptions): Entry {
  const warnings: string[] = [];
  const link = atomLink(entry);
  const dated = firstDate(
    [
      { field: 'published', text: textOf(entry.published), parse: parseRfc3339 },
      { field: 'updated', text: textOf(entry.updated), parse: parseRfc3339 },
    ],
    options.timeZone,
    'the entry has no published or updated date',
  );
  const baseUrl = isHttpUrl(link) ? link : atomLink(feed);
  const toBody = (text: AtomText | undefined): Body | undefined => {
    if (!text) return undefined;
    if (text.kind === 'html') return text.html.trim() === '' ? undefined : htmlBody(text.html, baseUrl);
    if (text.kind === 'text') return text.text.trim() === '' ? undefined : textBody(text.text);
    if (text.kind === 'elsewhere') warnings.push(`the entry's content is at ${text.src}, not in the feed: only its summary was imported`);
    else warnings.push(`the entry's content is of type "${text.type}", which is not text: only its summary was imported`);
    return undefined;
  };
  const summary = atomText(entry.summary);
  const language = attributeOf(entry, 'xml:lang') ?? attributeOf(feed, 'xml:lang');
  return {
    origin: `${file}, entry ${index + 1}`,
    title: atomPlain(atomText(entry.title)),
    dated,
    link,
    id: textOf(entry.id)?.trim(),
    idIsUrl: false,
    ...bodyAndSummary(toBody(atomText(entry.content)), toBody(summary), atomPlain(summary) || undefined),
    language: languageTag(language) ?? options.language,
    topics: snippetNames(listOf(entry.category).map((category) => attributeOf(category, 'label') ?? attributeOf(category, 'term'))),
    authors: [entry, entry.source, feed].map(atomAuthorNames).find((names) => names.length > 0) ?? [],
    warnings,
  };
}

/** Entry fields that may be markup: kept raw, read by their `type`. */
const ATOM_TEXT_ELEMENTS = ['feed.entry.title', 'feed.entry.summary', 'feed.entry.content', 'feed.title'];

export function readFeed(text: string, file: string, options: ReaderOptions): ReadOutcome[] {
  const zone = options.timeZone ? timeZoneProblem(options.timeZone) : undefined;
  if (zone) return [{ kind: 'failed', origin: file, reason: zone }];
  const xml = readXml(text, ATOM_TEXT_ELEMENTS);
  if (!xml.ok) return [{ kind: 'failed', origin: file, reason: xml.reason }];
  const feed = xml.document.feed as XmlNode | undefined;
  const channel = (xml.document.rss as XmlNode | undefined)?.channel as XmlNode | undefined;
  const read = (entry: () => Entry, origin: string, index: number, sourceName: string | undefined): ReadOutcome => {
    try {
      return outcome(entry(), file, index, sourceName);
    } catch (error) {
      return { kind: 'failed', origin, reason: `could not be read: ${(error as Error).message}` };
    }
  };
  if (feed && typeof feed === 'object') {
    const sourceName = options.sourceName ?? (atomPlain(atomText(feed.title)) || undefined);
    return listOf(feed.entry).map((entry, index) =>
      read(() => atomEntry(entry as XmlNode, index, file, feed, options), `${file}, entry ${index + 1}`, index, sourceName),
    );
  }
  if (channel && typeof channel === 'object') {
    const sourceName = options.sourceName ?? (htmlSnippetText(textOf(channel.title) ?? '') || undefined);
    return listOf(channel.item).map((item, index) =>
      read(() => rssEntry(item as XmlNode, index, file, channel, options), `${file}, item ${index + 1}`, index, sourceName),
    );
  }
  return [{ kind: 'failed', origin: file, reason: 'is neither an RSS 2.0 feed (<rss><channel>) nor an Atom feed (<feed>)' }];
}
