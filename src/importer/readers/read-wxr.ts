/**
 * A WordPress export (WXR 1.0-1.2: Tools > Export) -> one outcome per `<item>`.
 *
 * - Posts, and custom post types (`press_release`...), are imported; pages too with
 *   `includePages`. Attachments, menu items, revisions and WordPress's other internal types (and
 *   Co-Authors Plus's guest author profiles) are skipped (named, so they are counted), as are posts that are not published (`draft`,
 *   `pending`, `private`, `future`, `trash`, ...) or are password-protected.
 * - Date: `wp:post_date_gmt` dated in `timeZone` when one is given; otherwise `wp:post_date`, which
 *   WordPress stores in the site's own zone (a post at 23:30 in UTC+8 keeps its day). A draft's
 *   `0000-00-00 00:00:00` is no date. No usable date: the item fails, with the reason.
 * - Body: `content:encoded` with shortcodes expanded (`[caption]` -> a figure; others kept as text,
 *   with a warning), then wpautop's paragraphs, then HTML -> Markdown.
 * - `<link>` (the permalink) is the source URL and the key; without one, the `<guid>`.
 * - `<category domain="category|post_tag">` -> topics; `excerpt:encoded` -> summary; the
 *   channel's `<language>` -> language; the channel's title -> the source name (unless
 *   `sourceName` is given).
 * - Authors: the `dc:creator` (the post author's login; an export writes one), then the
 *   Co-Authors Plus co-authors, which it stores as `author` terms, exported as
 *   `<category domain="author">` holding the login (a guest author's own login-like name). Each
 *   once, by the name WordPress shows: the `wp:author_display_name` of the channel's `<wp:author>`
 *   with that `wp:author_login`, else the login. WordPress exports a post's terms ordered by name,
 *   so the co-authors after the post author come in that order, not the byline's.
 */
import { timeZoneProblem } from '../import-options.ts';
import { hastToMarkdown, parseHtml } from '../html/html-to-markdown.ts';
import { htmlSnippetText, isHttpUrl, languageTag, snippetNames } from './source-fields.ts';
import { parseWordPressTime, publicationDay } from './publication-date.ts';
import type { ReadOutcome, ReaderOptions, SourceItem } from './source-item.ts';
import { expandShortcodes, wordpressAutop } from './wordpress-content.ts';
import { attributeOf, listOf, readXml, textOf, type XmlNode } from '../xml/xml-document.ts';

/**
 * WordPress's own post types that are no article. Any other type is content: `post`, and the
 * custom types news sites register (`press_release`, `news`...); `page` only when asked for.
 */
const NOT_ARTICLES = new Set([
  'attachment', 'revision', 'nav_menu_item', 'custom_css', 'customize_changeset', 'oembed_cache', 'user_request',
  'wp_block', 'wp_template', 'wp_template_part', 'wp_global_styles', 'wp_navigation', 'wp_font_family', 'wp_font_face',
  // Co-Authors Plus keeps each guest author's profile as a post: a byline's person, not an article.
  'guest-author',
]);

function topicsOf(item: XmlNode): string[] {
  const topics: string[] = [];
  for (const category of listOf(item.category)) {
    const domain = attributeOf(category, 'domain');
    if (domain !== undefined && domain !== 'category' && domain !== 'post_tag') continue;
    const name = htmlSnippetText(textOf(category) ?? '');
    if (name && name !== 'Uncategorized' && !topics.includes(name)) topics.push(name);
  }
  return topics;
}

/** Login -> display name (as exported: HTML, like titles), from the channel's `<wp:author>` entries. */
function displayNames(channel: XmlNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const author of listOf(channel['wp:author'])) {
    const login = textOf((author as XmlNode)['wp:author_login'])?.trim();
    const shown = textOf((author as XmlNode)['wp:author_display_name']);
    if (login && shown?.trim() && !names.has(login)) names.set(login, shown);
  }
  return names;
}

function authorsOf(item: XmlNode, names: ReadonlyMap<string, string>): string[] {
  const coAuthors = listOf(item.category).filter((category) => attributeOf(category, 'domain') === 'author');
  return snippetNames([...listOf(item['dc:creator']), ...coAuthors].map((login) => {
    const written = textOf(login)?.trim() ?? '';
    return names.get(written) ?? written;
  }));
}

function readItem(item: XmlNode, index: number, file: string, channel: XmlNode, options: ReaderOptions, names: ReadonlyMap<string, string>): ReadOutcome {
  const postId = textOf(item['wp:post_id'])?.trim();
  const origin = `${file}, item ${index + 1}${postId ? ` (post ${postId})` : ''}`;
  const type = textOf(item['wp:post_type'])?.trim() || 'post';
  if (NOT_ARTICLES.has(type)) return { kind: 'skipped', origin, reason: `a WordPress ${type}, not an article` };
  if (type === 'page' && !options.includePages) return { kind: 'skipped', origin, reason: 'a WordPress page (pages are imported with --pages)' };
  const status = textOf(item['wp:status'])?.trim() || 'publish';
  if (status !== 'publish') return { kind: 'skipped', origin, reason: `not published (status "${status}")` };
  // Published behind a password: its readers were chosen, so it is not made public here.
  if ((textOf(item['wp:post_password']) ?? '').trim() !== '') return { kind: 'skipped', origin, reason: 'password-protected' };

  const title = htmlSnippetText(textOf(item.title) ?? '');
  if (!title) return { kind: 'failed', origin, reason: 'the post has no title: give it one in WordPress, or import it by hand' };

  const gmtText = textOf(item['wp:post_date_gmt']) ?? '';
  const localText = textOf(item['wp:post_date']) ?? '';
  const gmt = parseWordPressTime(gmtText, 0);
  const local = parseWordPressTime(localText);
  const dated =
    options.timeZone && gmt
      ? publicationDay(gmt, gmtText, 'wp:post_date_gmt', options.timeZone)
      : local
        ? publicationDay(local, localText, 'wp:post_date')
        : gmt
          ? { ok: false as const, reason: `wp:post_date is "${localText.trim()}" (no date) and no --time-zone was given to date wp:post_date_gmt "${gmtText.trim()}" in: pass --time-zone` }
          : { ok: false as const, reason: `neither wp:post_date ("${localText.trim()}") nor wp:post_date_gmt ("${gmtText.trim()}") is a date` };
  if (!dated.ok) return { kind: 'failed', origin, reason: dated.reason };

  const link = textOf(item.link)?.trim();
  const guid = textOf(item.guid)?.trim();
  const url = isHttpUrl(link) ? link : undefined;
  const key = url ?? guid ?? (postId ? `${file}#post-${postId}` : `${file}#item-${index + 1}`);

  const expanded = expandShortcodes(textOf(item['content:encoded']) ?? '');
  const converted = hastToMarkdown(parseHtml(wordpressAutop(expanded.html)), { baseUrl: url ?? textOf(channel.link)?.trim() });
  const summary = htmlSnippetText(textOf(item['excerpt:encoded']) ?? '');
  const language = languageTag(textOf(channel.language)) ?? options.language;
  const sourceName = options.sourceName ?? (htmlSnippetText(textOf(channel.title) ?? '') || undefined);
  const topics = topicsOf(item);
  const authors = authorsOf(item, names);
  const warnings = [...expanded.warnings, ...converted.warnings];
  if (converted.markdown === '') warnings.push('the post has no text (content:encoded is empty)');

  const result: SourceItem = {
    origin,
    key,
    title,
    date: dated.date,
    markdown: converted.markdown,
    ...(summary ? { summary } : {}),
    ...(language ? { language } : {}),
    ...(sourceName || url ? { source: { ...(sourceName ? { name: sourceName } : {}), ...(url ? { url } : {}) } } : {}),
    ...(authors.length > 0 ? { authors } : {}),
    ...(topics.length > 0 ? { topics } : {}),
    images: converted.images,
    warnings,
  };
  return { kind: 'item', item: result };
}

export function readWxr(text: string, file: string, options: ReaderOptions): ReadOutcome[] {
  const zone = options.timeZone ? timeZoneProblem(options.timeZone) : undefined;
  if (zone) return [{ kind: 'failed', origin: file, reason: zone }];
  const xml = readXml(text);
  if (!xml.ok) return [{ kind: 'failed', origin: file, reason: xml.reason }];
  const channel = (xml.document.rss as XmlNode | undefined)?.channel as XmlNode | undefined;
  if (!channel || typeof channel !== 'object') {
    return [{ kind: 'failed', origin: file, reason: 'is not a WordPress export: no <rss><channel> element' }];
  }
  const names = displayNames(channel);
  return listOf(channel.item).map((item, index) => {
    try {
      return readItem(item as XmlNode, index, file, channel, options, names);
    } catch (error) {
      return { kind: 'failed', origin: `${file}, item ${index + 1}`, reason: `could not be read: ${(error as Error).message}` };
    }
  });
}
