/**
 * The article inside a saved page's chrome (navigation, sidebars, footers), without losing any of
 * its text.
 *
 * 1. What the page marks as the article: `[itemprop~=articleBody]`, else `<article>` (the one with
 *    the most text when there are several, as related-story teasers are articles too), else
 *    `<main>` / `[role=main]`.
 * 2. Else Mozilla's Readability (Firefox's Reader View, run over linkedom) finds it. Readability
 *    rewrites what it keeps and drops what it judges clutter (short paragraphs, tables it takes
 *    for layout, captions...), so it is used only to LOCATE the article: the element of the page
 *    that holds the first and the last text Readability kept is converted, whole, from the page
 *    itself. The editor is told the article was found this way.
 */
import { Readability } from '@mozilla/readability';
import type { Element, Nodes, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { parseHTML } from 'linkedom';
import { parseHtml } from '../html/html-to-markdown.ts';
import { elements } from './page-metadata.ts';

export interface FoundArticle {
  /** The article's element, or a root holding what Readability returned. */
  node: Element | Root;
  how: 'articleBody' | 'article' | 'main' | 'readability' | 'body';
  warnings: string[];
}

const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);
const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();
const tokens = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : []);

function textLength(node: Nodes): number {
  return collapse(toText(node)).length;
}

interface PlacedText {
  value: string;
  ancestors: Element[];
}

function visibleTexts(node: Nodes, ancestors: Element[] = [], out: PlacedText[] = []): PlacedText[] {
  if (node.type === 'text') {
    const value = collapse(node.value);
    if (value) out.push({ value, ancestors });
  } else if (node.type === 'element') {
    if (NOT_TEXT.has(node.tagName)) return out;
    const inner = [...ancestors, node];
    for (const child of node.children) visibleTexts(child, inner, out);
  } else if (node.type === 'root') {
    for (const child of node.children) visibleTexts(child, ancestors, out);
  }
  return out;
}

/** The page's element holding the first and last text Readability kept, or undefined. */
function locate(page: Root, kept: Root): Element | undefined {
  const keptTexts = visibleTexts(kept);
  if (keptTexts.length === 0) return undefined;
  const pageTexts = visibleTexts(page);
  const first = pageTexts.findIndex((text) => text.value === keptTexts[0]!.value);
  if (first < 0) return undefined;
  const lastValue = keptTexts.at(-1)!.value;
  let last = -1;
  for (let i = pageTexts.length - 1; i >= first; i--) {
    if (pageTexts[i]!.value === lastValue) {
      last = i;
      break;
    }
  }
  if (last < 0) return undefined;
  const a = pageTexts[first]!.ancestors;
  const b = pageTexts[last]!.ancestors;
  let common: Element | undefined;
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) common = a[i];
  return common;
}

export function findArticle(page: Root, html: string): FoundArticle {
  const marked = elements(page, (e) => tokens(e.properties.itemProp).includes('articleBody'))[0];
  if (marked) return { node: marked, how: 'articleBody', warnings: [] };
  const articles = elements(page, (e) => e.tagName === 'article');
  if (articles.length > 0) {
    const longest = articles.reduce((best, next) => (textLength(next) > textLength(best) ? next : best));
    return { node: longest, how: 'article', warnings: [] };
  }
  const main = elements(page, (e) => e.tagName === 'main' || tokens(e.properties.role).includes('main'))[0];
  if (main) return { node: main, how: 'main', warnings: [] };

  const { document } = parseHTML(html);
  const parsed = new Readability(document as unknown as Document).parse();
  const body = elements(page, (e) => e.tagName === 'body')[0] ?? page;
  if (!parsed?.content) {
    return {
      node: body,
      how: 'body',
      warnings: ['no article was found on the page (no <article>, <main> or articleBody, and Readability found none): the whole page body was imported; remove its navigation and footer by hand'],
    };
  }
  const kept = parseHtml(parsed.content);
  const located = locate(page, kept);
  if (located) {
    const share = Math.round((100 * textLength(located)) / Math.max(1, textLength(body)));
    return {
      node: located,
      how: 'readability',
      warnings: [
        `the page marks no article (<article>, <main> or articleBody): the article was located with Readability (${share}% of the page's text); check the entry's start and end against the page`,
      ],
    };
  }
  return {
    node: kept,
    how: 'readability',
    warnings: ["the page marks no article: the text is Readability's extraction, which may leave out short paragraphs or tables; check the entry against the page"],
  };
}
