/**
 * What a saved press-release page says about itself: `<html lang>`, `<title>`, Open Graph and
 * `article:*` meta tags, `<meta name="author">`, the canonical link, `<time datetime>`, links to
 * the author (`rel="author"`), and JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, ..., also
 * inside `@graph`). Pure reading of a hast tree.
 */
import type { Element, Nodes, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { parseHtml } from '../html/html-to-markdown.ts';
import { collapseHtmlWhitespace } from '../html/html-whitespace.ts';

export interface PageMetadata {
  lang?: string;
  /** `<title>`, often with the site's name appended. */
  documentTitle?: string;
  meta: Map<string, string>;
  /** Every `<meta name="author">`, in page order (a page may give one per author). */
  metaAuthors: string[];
  canonical?: string;
  jsonLd?: ArticleJsonLd;
}

export interface ArticleJsonLd {
  headline?: string;
  datePublished?: string;
  publisher?: string;
  url?: string;
  inLanguage?: string;
  description?: string;
  keywords: string[];
  /** The names of the article's `author` Persons, in order. */
  authors: string[];
}

const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|PressRelease|Report|ScholarlyArticle|TechArticle|OpinionNewsArticle|BackgroundNewsArticle)$/;

export function elements(node: Nodes, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (current: Nodes) => {
    if (current.type === 'element' && test(current)) found.push(current);
    if ('children' in current) for (const child of current.children) walk(child);
  };
  walk(node);
  return found;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const prop = (element: Element, name: string): string | undefined => {
  const value = element.properties[name];
  return Array.isArray(value) ? value.join(' ') : str(value);
};

function nameOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return nameOf(value[0]);
  if (typeof value === 'string') return str(value);
  if (value && typeof value === 'object') return str((value as Record<string, unknown>).name);
  return undefined;
}

/**
 * JSON-LD text as the page shows it. CMSs fill it from their HTML (WordPress's titles carry
 * `&#8217;` and `&amp;`), and nothing decodes a script's text: its character references are
 * decoded here, once; a `<` stays text.
 */
function shown(value: string | undefined): string | undefined {
  return value === undefined || !value.includes('&') ? value : str(toText(parseHtml(value.replace(/</g, '&lt;'))));
}

function urlOf(value: unknown): string | undefined {
  if (typeof value === 'string') return str(value);
  if (value && typeof value === 'object') return str((value as Record<string, unknown>)['@id']) ?? str((value as Record<string, unknown>).url);
  return undefined;
}

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

function isArticle(node: Record<string, unknown>): boolean {
  return typesOf(node).some((t) => ARTICLE_TYPES.test(t));
}

/**
 * The document's nodes by `@id`, to follow a reference to the Person it names: Yoast SEO (most
 * WordPress sites) writes the article's `"author": { "@id": "…#/schema/person/…" }` and the Person,
 * with the name, elsewhere in its `@graph`.
 */
function nodesById(data: unknown): Map<string, Record<string, unknown>> {
  const nodes = new Map<string, Record<string, unknown>>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    const id = str(node['@id']);
    if (id && !nodes.has(id) && Object.keys(node).some((key) => key !== '@id')) nodes.set(id, node);
    walk(node['@graph']);
  };
  walk(data);
  return nodes;
}

/**
 * The names of an article's `author`: one or a list, each a name, a Person, or a reference to one.
 * An organization credited as author (a press office's own pages) is the publisher, not a byline.
 */
function authorNames(value: unknown, nodes: ReadonlyMap<string, Record<string, unknown>>): string[] {
  const names: string[] = [];
  for (const entry of Array.isArray(value) ? value : [value]) {
    if (typeof entry === 'string') {
      names.push(shown(str(entry)) ?? '');
      continue;
    }
    if (!entry || typeof entry !== 'object') continue;
    const given = entry as Record<string, unknown>;
    const ref = str(given['@id']);
    const node = given.name === undefined && ref ? (nodes.get(ref) ?? given) : given;
    const types = typesOf(node);
    if (types.length > 0 && !types.includes('Person')) continue;
    names.push(shown(str(node.name)) ?? '');
  }
  return names.filter((name) => name !== '');
}

function findArticleNode(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = findArticleNode(entry);
      if (found) return found;
    }
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const node = value as Record<string, unknown>;
  if (isArticle(node)) return node;
  return findArticleNode(node['@graph']);
}

function readJsonLd(scripts: Element[], warn: (message: string) => void): ArticleJsonLd | undefined {
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(toText(script));
    } catch (error) {
      warn(`a JSON-LD block of the page is not valid JSON and was not read: ${(error as Error).message}`);
      continue;
    }
    const node = findArticleNode(data);
    if (!node) continue;
    const keywords = node.keywords;
    return {
      headline: shown(str(node.headline) ?? str(node.name)),
      datePublished: str(node.datePublished) ?? str(node.dateCreated),
      publisher: shown(nameOf(node.publisher)),
      url: str(node.url) ?? urlOf(node.mainEntityOfPage),
      inLanguage: nameOf(node.inLanguage) ?? str(node.inLanguage),
      description: shown(str(node.description)),
      keywords: (Array.isArray(keywords) ? keywords : typeof keywords === 'string' ? keywords.split(',') : [])
        .map((keyword) => (typeof keyword === 'string' ? (shown(keyword.trim()) ?? '') : ''))
        .filter((keyword) => keyword !== ''),
      authors: authorNames(node.author, nodesById(data)),
    };
  }
  return undefined;
}

const isAuthorLink = (e: Element) => e.tagName === 'a' && (prop(e, 'rel') ?? '').toLowerCase().split(/\s+/).includes('author');
const linkName = (link: Element) => str(collapseHtmlWhitespace(toText(link))) ?? '';

/** The text of each `<a rel="author">` under `node`: the byline's links to its authors' pages. */
function authorLinkNames(node: Element | Root): string[] {
  return elements(node, isAuthorLink).map(linkName).filter((name) => name !== '');
}

/** Elements a line of text is made of: a byline's links are wrapped in them (`<span class="author">`). */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
]);

/**
 * The text of the `<a rel="author">` links of the first byline under `page` (a page or its
 * article): those in the block that holds its first such link (a list of them when that is a
 * list's item). A page also credits others with such links (a comment's author, a related story's
 * byline, inside the article too in some themes), never in that block.
 */
export function firstBylineLinkNames(page: Element | Root): string[] {
  let first: Element[] | undefined;
  const walk = (node: Nodes, ancestors: Element[]) => {
    if (first) return;
    if (node.type === 'element' && isAuthorLink(node)) first = ancestors;
    else if ('children' in node) for (const child of node.children) walk(child, node.type === 'element' ? [...ancestors, node] : ancestors);
  };
  walk(page, []);
  if (!first) return [];
  const blocks = first.filter((ancestor) => !PHRASING.has(ancestor.tagName));
  const block = blocks.at(-1);
  const list = block?.tagName === 'li' ? blocks.at(-2) : undefined;
  return authorLinkNames(list ?? block ?? page);
}

export function readPageMetadata(tree: Root, warn: (message: string) => void): PageMetadata {
  const html = elements(tree, (element) => element.tagName === 'html')[0];
  const title = elements(tree, (element) => element.tagName === 'title')[0];
  const meta = new Map<string, string>();
  const metaAuthors: string[] = [];
  for (const element of elements(tree, (e) => e.tagName === 'meta')) {
    const key = (prop(element, 'property') ?? prop(element, 'name') ?? prop(element, 'itemProp'))?.toLowerCase();
    const content = prop(element, 'content');
    // The first of a repeated tag wins, as with Open Graph's own rule for arrays' first value.
    if (key && content && !meta.has(key)) meta.set(key, content);
    if (key === 'author' && content) metaAuthors.push(content);
  }
  const canonical = elements(tree, (e) => e.tagName === 'link' && (prop(e, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))[0];
  const scripts = elements(tree, (e) => e.tagName === 'script' && (prop(e, 'type') ?? '').toLowerCase() === 'application/ld+json');
  return {
    lang: html ? prop(html, 'lang') : undefined,
    documentTitle: title ? str(collapseHtmlWhitespace(toText(title))) : undefined,
    meta,
    metaAuthors,
    canonical: canonical ? prop(canonical, 'href') : undefined,
    jsonLd: readJsonLd(scripts, warn),
  };
}
