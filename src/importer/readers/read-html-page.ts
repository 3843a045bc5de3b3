/**
 * A saved press-release page (HTML) -> one outcome.
 *
 * - The article: see find-article.ts (articleBody, `<article>`, `<main>`, else located with
 *   Readability). Its first heading is dropped when it is the title (the site shows the title).
 * - Title: JSON-LD `headline`, else `og:title`, else the element marked `itemprop=headline`, else
 *   the article's `<h1>`, else the page's `<h1>`, else `<title>` (last, as it usually carries the
 *   site's name too).
 * - Date: JSON-LD `datePublished`, else `article:published_time`, else `<meta itemprop=datePublished>`,
 *   else the article's first `<time datetime>`, else the page's; dated as feeds are
 *   (publication-date.ts). The first of these the page has decides; none: the page fails.
 * - Source URL and key: `<link rel=canonical>`, else `og:url`, else JSON-LD `url`; without one the
 *   key is the file's path. Source name: `sourceName`, else JSON-LD `publisher.name`, else
 *   `og:site_name`. Language: `<html lang>`, else JSON-LD `inLanguage`, else `language`.
 * - Summary: JSON-LD `description`, else `og:description`. Topics: JSON-LD `keywords`,
 *   `article:section` and `article:tag`.
 * - Authors: the JSON-LD `author` Persons' names, else each `<meta name="author">`, else the text
 *   of the `rel="author"` links of the article's first byline, else of the page's (not a
 *   commenter's or a related story's), read before the conversion unwraps a link it does not keep.
 */
import type { Element, Root } from 'hast';
import { timeZoneProblem } from '../import-options.ts';
import { hastToMarkdown, parseHtml } from '../html/html-to-markdown.ts';
import { collapseHtmlWhitespace, oneLineText } from '../html/html-whitespace.ts';
import { findArticle } from './find-article.ts';
import { elements, firstBylineLinkNames, readPageMetadata } from './page-metadata.ts';
import { parseRfc3339, publicationDay } from './publication-date.ts';
import { isHttpUrl, languageTag } from './source-fields.ts';
import type { ReadOutcome, ReaderOptions, SourceItem } from './source-item.ts';

const collapse = (value: string) => collapseHtmlWhitespace(value).trim();

function firstHeading(node: Element | Root, names: string[]): Element | undefined {
  return elements(node, (e) => names.includes(e.tagName))[0];
}

function removeElement(root: Element | Root, target: Element): void {
  const walk = (parent: Element | Root): boolean => {
    const index = parent.children.indexOf(target as never);
    if (index >= 0) {
      parent.children.splice(index, 1);
      return true;
    }
    return parent.children.some((child) => child.type === 'element' && walk(child));
  };
  walk(root);
}

export function readHtmlPage(text: string, file: string, options: ReaderOptions): ReadOutcome[] {
  const zone = options.timeZone ? timeZoneProblem(options.timeZone) : undefined;
  if (zone) return [{ kind: 'failed', origin: file, reason: zone }];
  try {
    return [readPage(text, file, options)];
  } catch (error) {
    return [{ kind: 'failed', origin: file, reason: `could not be read as an HTML page: ${(error as Error).message}` }];
  }
}

function readPage(text: string, file: string, options: ReaderOptions): ReadOutcome {
  const origin = file;
  const warnings: string[] = [];
  const page = parseHtml(text, false);
  const metadata = readPageMetadata(page, (message) => warnings.push(message));
  const { meta, jsonLd } = metadata;
  const article = findArticle(page, text);
  warnings.push(...article.warnings);

  const marked = elements(page, (e) => String(e.properties.itemProp ?? '').split(/[\s,]+/).includes('headline'))[0];
  const articleHeading = firstHeading(article.node, ['h1']);
  const pageHeading = firstHeading(page, ['h1']);
  const title = collapse(
    jsonLd?.headline ?? meta.get('og:title') ?? (marked ? oneLineText(marked) : undefined) ?? (articleHeading ? oneLineText(articleHeading) : undefined) ?? (pageHeading ? oneLineText(pageHeading) : undefined) ?? metadata.documentTitle ?? '',
  );
  if (!title) return { kind: 'failed', origin, reason: 'the page has no title (no JSON-LD headline, og:title, <h1> or <title>)' };

  const time = firstHeading(article.node, ['time']) ?? firstHeading(page, ['time']);
  const timeValue = time ? (typeof time.properties.dateTime === 'string' ? time.properties.dateTime : undefined) : undefined;
  const candidates: [string, string | undefined][] = [
    ['the JSON-LD datePublished', jsonLd?.datePublished],
    ['the article:published_time meta tag', meta.get('article:published_time')],
    ['the datePublished meta tag', meta.get('datepublished')],
    ['the <time datetime> of the article', timeValue],
  ];
  const found = candidates.find(([, value]) => value !== undefined);
  if (!found) {
    return { kind: 'failed', origin, reason: 'the page gives no date (no JSON-LD datePublished, article:published_time meta tag or <time datetime>): import it by hand with its date' };
  }
  const dated = publicationDay(parseRfc3339(found[1]!), found[1]!, found[0], options.timeZone);
  if (!dated.ok) return { kind: 'failed', origin, reason: dated.reason };

  const url = [metadata.canonical, meta.get('og:url'), jsonLd?.url].find(isHttpUrl)?.trim();
  // The title is shown by the site: the article's own copy of it would be said twice.
  const heading = firstHeading(article.node, ['h1', 'h2']);
  if (heading && oneLineText(heading) === title) removeElement(article.node, heading);
  // Read before the conversion, which works on the tree in place and unwraps a link it does not
  // keep (no address, `javascript:`): the byline's names are its text all the same.
  const credited = [jsonLd?.authors ?? [], metadata.metaAuthors, firstBylineLinkNames(article.node), firstBylineLinkNames(page)].find((names) => names.length > 0) ?? [];
  const body: Root = article.node.type === 'root' ? article.node : { type: 'root', children: [article.node] };
  const converted = hastToMarkdown(body, { baseUrl: url });
  if (converted.markdown === '') return { kind: 'failed', origin, reason: 'no article text was found on the page' };

  const sourceName = options.sourceName ?? jsonLd?.publisher ?? meta.get('og:site_name');
  const language = languageTag(metadata.lang) ?? languageTag(jsonLd?.inLanguage) ?? options.language;
  const summary = jsonLd?.description ?? meta.get('og:description');
  const topics = [...new Set([...(jsonLd?.keywords ?? []), meta.get('article:section'), meta.get('article:tag')].filter((t): t is string => !!t))];
  const authors = [...new Set(credited.map(collapse).filter((name) => name !== ''))];
  const item: SourceItem = {
    origin,
    key: url ?? file,
    title,
    date: dated.date,
    markdown: converted.markdown,
    ...(summary ? { summary: collapse(summary) } : {}),
    ...(language ? { language } : {}),
    ...(sourceName || url ? { source: { ...(sourceName ? { name: sourceName } : {}), ...(url ? { url } : {}) } } : {}),
    ...(authors.length > 0 ? { authors } : {}),
    ...(topics.length > 0 ? { topics } : {}),
    images: converted.images,
    warnings: [...warnings, ...converted.warnings],
  };
  return { kind: 'item', item };
}
