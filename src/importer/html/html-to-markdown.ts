/**
 * Untrusted article HTML -> GFM Markdown that renders to the same text, through unified:
 * rehype-parse -> (neutralise, prepare) -> rehype-remark (hast-util-to-mdast) -> remark-gfm ->
 * remark-stringify, with the writing options of the plain-text importer (plain-text-markdown.ts:
 * `[text](url)` links, GFM's escapes), so every imported body reads alike.
 *
 * What hast-util-to-mdast alone would lose, and what is done about it (prepare-html.ts):
 * - a table's `<caption>` (ignored by it) becomes a paragraph before the table;
 * - a table inside a table cell becomes its text (GFM cells hold one line); block content in a
 *   cell (paragraphs, lists, line breaks) is flattened to phrasing, its blocks separated by ` / `;
 * - `<figure><img><figcaption>` becomes an image whose title is the caption, alone in its
 *   paragraph (the site renders that as a figure with a figcaption; in a list item that holds
 *   more, the item is written with blank lines, so the image stays alone in its paragraph; in a
 *   heading, a summary or a table's caption, where no figure can stand, the caption follows the
 *   image as text);
 * - an inline element holding blocks (`<strong><p>`) is drawn inside each of them;
 * - `<sup>`, `<sub>` stay HTML (the site allows them) instead of merging `mc2`;
 * - `<math>` keeps its text; comments are dropped (they are no text a reader sees).
 * And on the Markdown tree, so that it reads back as meant: no paragraph that writes nothing, no
 * line break at the end of emphasis, no inline code right after inline code, no strikethrough right
 * after strikethrough.
 * Dropped as not article text, and named in the warnings when they carried something (an embed's
 * address, a video's fallback words): `<script>`, `<style>`, `<noscript>`, `<template>`,
 * `<iframe>`, `<embed>`, `<video>`; an `<object>` leaves its fallback content in its place, a
 * button its label, a textarea its typed lines (an empty one its placeholder), a select its
 * choices (` / ` between them), an `<input>` the words a browser shows for it (a box's text, a
 * button's label; none for a checkbox, a hidden field or a password:
 * src/reports/render/sanitize/control-words.ts);
 * every `on*` attribute; a link to a `javascript:` (any non-http(s)/mailto/tel)
 * address keeps its text and loses the link; an image is taken from where a lazy loader keeps its
 * address (image-source.ts), and one with no usable address keeps its alt text, as text.
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot, Nodes as MdastNodes, Parents as MdastParents, PhrasingContent } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { prepareHtml } from './prepare-html.ts';
import { toMdastHandlers } from './mdast-handlers.ts';
import { isDecorative } from '../../reports/render/body-images.ts';

export interface HtmlConversion {
  markdown: string;
  /** Every image in the Markdown, by its URL as written there. */
  images: { url: string; alt?: string }[];
  warnings: string[];
}

export interface HtmlConversionOptions {
  /** The article's own address: relative links and images are made absolute against it. */
  baseUrl?: string;
}

/** Built once: an export of 10,000 posts converts 10,000 bodies. */
const toMarkdownProcessor = unified()
  .use(rehypeRemark, { handlers: toMdastHandlers })
  .use(remarkGfm)
  // As plain-text-markdown.ts writes: `[text](url)`, never `<url>` (CommonMark's autolinks accept
  // fewer addresses than GFM, and such a link would show as text in brackets).
  .use(remarkStringify, { resourceLink: true })
  .freeze();
const htmlParsers = { fragment: unified().use(rehypeParse, { fragment: true }).freeze(), document: unified().use(rehypeParse, { fragment: false }).freeze() };

/** Parses HTML as a fragment (an article body), or as a document when it has `<html>`/`<body>`. */
export function parseHtml(html: string, fragment = true): HastRoot {
  return (fragment ? htmlParsers.fragment : htmlParsers.document).parse(html);
}

/**
 * Phrasing written as nothing: empty text, and emphasis, strong or strikethrough of nothing (no
 * empty emphasis can be written). wpautop leaves such formatting where an editor pressed Enter
 * twice at its start: `<li><span><b><br><br>Text</b></span></li>` is read as
 * `<li><span><b></b><p><b>Text</b></p></span></li>`.
 */
function writesNothing(node: PhrasingContent): boolean {
  if (node.type === 'text' || node.type === 'html') return node.value === '';
  if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete') return node.children.every(writesNothing);
  return false;
}

const drawsNothingAtTheEnd = (node: PhrasingContent): boolean =>
  node.type === 'break' || (node.type === 'text' && /^[\t\n\f\r ]*$/.test(node.value)) || writesNothing(node);

/**
 * Line breaks that end emphasis, strong or strikethrough (`<b>Name<br></b>Title`), moved after it:
 * a closing mark cannot follow a line ending, so the writer escaped the break's backslash, and the
 * page showed it glued to the word ("Name\ Title"). Outside, the break draws the same; one that
 * then ends its paragraph or heading is dropped, as hast-util-to-mdast drops those (written, it
 * would be a backslash too).
 */
function breaksAfterFormatting(parent: MdastParents): void {
  const children: MdastNodes[] = [];
  for (const child of parent.children) {
    children.push(child);
    if (!('children' in child)) continue;
    breaksAfterFormatting(child);
    if (child.type !== 'strong' && child.type !== 'emphasis' && child.type !== 'delete') continue;
    // The breaks at its end, and what draws nothing among them (`<b>Name <br> <u><br></u></b>`).
    let end = child.children.length;
    while (end > 0 && drawsNothingAtTheEnd(child.children[end - 1] as PhrasingContent)) end--;
    if (child.children.slice(end).some((node) => node.type === 'break')) children.push(...child.children.splice(end));
  }
  // At the end of a paragraph or heading, neither does white space or emptied formatting around it (`x <br> <b><br></b>`).
  if (parent.type === 'paragraph' || parent.type === 'heading') while (children.length > 0 && drawsNothingAtTheEnd(children.at(-1) as PhrasingContent)) children.pop();
  parent.children = children as typeof parent.children;
}

/**
 * Inline code right after inline code is one span (`<code>a</code><code>b</code>`, or
 * `<kbd>a </kbd> <kbd>b</kbd>`, whose space between hast-util-to-mdast folds into the first):
 * written one after the other, the closing and opening backticks make a run of two, which closes
 * nothing, and the page showed "a``b". Together they draw the same.
 */
function joinAdjacentCode(parent: MdastParents): void {
  const children: MdastNodes[] = [];
  for (const child of parent.children) {
    const previous = children.at(-1);
    if (child.type === 'inlineCode' && previous?.type === 'inlineCode') previous.value += child.value;
    else children.push(child);
    if ('children' in child) joinAdjacentCode(child);
  }
  parent.children = children as typeof parent.children;
}

/**
 * Strikethrough right after strikethrough is one (`<del>a</del><s>b</s>`): GFM writes it with `~`
 * alone (emphasis and strong alternate `*` and `_`), so the closing and opening marks made a run
 * of four, which closes nothing, and the page showed "a~~~~b". Together they draw the same; white
 * space at the boundary (`<s>old </s><s>new</s>`) stays, between the words. Before
 * joinAdjacentCode: the joined children may hold inline code after inline code.
 */
function joinAdjacentStrikethrough(parent: MdastParents): void {
  const children: MdastNodes[] = [];
  for (const child of parent.children) {
    if ('children' in child) joinAdjacentStrikethrough(child);
    const previous = children.at(-1);
    if (child.type === 'delete' && previous?.type === 'delete') previous.children.push(...child.children);
    else children.push(child);
  }
  parent.children = children as typeof parent.children;
}

const isLoneImage = (node: MdastNodes): boolean => node.type === 'paragraph' && node.children.length === 1 && node.children[0]!.type === 'image';

/** A parsed (and possibly already extracted) article tree -> Markdown. The tree is changed. */
export function hastToMarkdown(tree: HastRoot, options: HtmlConversionOptions = {}): HtmlConversion {
  const warnings: string[] = [];
  prepareHtml(tree, { baseUrl: options.baseUrl, warn: (message) => warnings.push(message) });
  const mdast = toMarkdownProcessor.runSync(tree) as MdastRoot;
  breaksAfterFormatting(mdast);
  joinAdjacentStrikethrough(mdast);
  joinAdjacentCode(mdast);
  // A paragraph of nothing (`<li><br><ul>`, `<li><span><b></b><p>` leave one) would be written as
  // an empty line; first in a list item, as a bare marker and a blank line, which ends the item:
  // what followed it left the list, and the next items (`2. ![photo](a.jpg "Caption")`) became
  // that paragraph's text, a figure's caption only the image's tooltip.
  visit(mdast as MdastNodes, 'paragraph', (paragraph, index, parent) => {
    if (parent && index !== undefined && paragraph.children.every(writesNothing)) {
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
  visit(mdast as MdastNodes, 'listItem', (item) => {
    // An item that starts with a block (`<li><ul>`, `<li><br><ul>`) is written as a bare marker;
    // a blank line after it would end the item there, and its content would become code.
    if (item.children[0] && item.children[0].type !== 'paragraph') item.spread = false;
    // A figure (an image alone in its paragraph) in an item that holds more is set apart by blank
    // lines: in a tight item the image would share the item with what follows (`<li><img><ul>`),
    // and the site makes a figure, with its caption, only of an image alone in its paragraph or item.
    else if (item.children.length > 1 && item.children.some(isLoneImage)) item.spread = true;
  });
  const images: HtmlConversion['images'] = [];
  visit(mdast as MdastNodes, 'image', (image) => {
    images.push(image.alt ? { url: image.url, alt: image.alt } : { url: image.url });
    // The site refuses an image without alt text (src/reports/render/body-images.ts); the
    // importer never invents one, so the editor is told before the build says it.
    if (!image.alt?.trim() && !isDecorative(image.alt, image.title)) {
      warnings.push(`the image ${JSON.stringify(image.url)} has no alt text: the build refuses it until you describe it (or mark it "decorative")`);
    }
  });
  // Only Markdown's own white space: the writer left a no-break or ideographic space at the end
  // unescaped because it keeps the line what it is (`## Vote #\u00a0`, `-\u00a0` under a line);
  // trimmed, the `#` closed the heading and the `-` underlined the line above as a heading.
  const written = toMarkdownProcessor.stringify(mdast).replace(/[\t\n\r ]+$/, '');
  // An article of no-break spaces alone has no text, as the readers' checks for an empty one expect.
  const markdown = written.trim() === '' ? '' : written;
  return { markdown, images, warnings };
}

export function htmlToMarkdown(html: string, options: HtmlConversionOptions = {}): HtmlConversion {
  return hastToMarkdown(parseHtml(html), options);
}
