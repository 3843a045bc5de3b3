/**
 * The article tree made safe and shaped so that hast-util-to-mdast keeps every visible word
 * (see html-to-markdown.ts for the list). Works in place on a hast tree.
 */
import type { Element, ElementContent, Nodes, Parents, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { imageAsText } from '../media/image-as-text.ts';
import { collapseHtmlWhitespace } from './html-whitespace.ts';
import { imageSources } from './image-source.ts';
import { inputShownText, inputType } from '../../reports/render/sanitize/control-words.ts';

export interface PrepareOptions {
  baseUrl?: string;
  warn: (message: string) => void;
}

/** Not article text: their content is code, fallback for no-script, or another document. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base', 'param', 'source', 'track']);
/** Embedded things the Markdown cannot carry: dropped, and the editor is told where they pointed. */
const EMBEDS = new Set(['iframe', 'object', 'embed', 'frame', 'frameset', 'applet', 'video', 'audio', 'canvas']);
/**
 * Embeds whose content is fallback a browser shows when it cannot show the embed, as the archive
 * cannot: that content is the article's, and is kept in their place.
 */
const FALLBACK_SHOWN = new Set(['object', 'applet']);
/** Lists of choices: each choice's words are shown (a select's, in its drop-down). */
const CHOICES = new Set(['select', 'datalist', 'optgroup', 'option']);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'ul', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'br', 'center',
]);
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

/** The URL made absolute against the base when it is relative; undefined when unusable. */
export function resolveUrl(url: string, baseUrl: string | undefined): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('#')) return trimmed;
  try {
    return baseUrl ? new URL(trimmed, baseUrl).href : new URL(trimmed).href;
  } catch {
    // No base and relative: kept as written (the editor can fix a relative image path).
    return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? undefined : trimmed;
  }
}

/** An image address the site can show once copied: http(s), or relative to the article. */
const isImportableImage = (url: string | undefined): url is string => url !== undefined && (!/^[a-z][a-z0-9+.-]*:/i.test(url) || /^https?:/i.test(url));

const isElement = (node: Nodes): node is Element => node.type === 'element';
const text = (value: string): ElementContent => ({ type: 'text', value });

function describe(element: Element): string {
  const src = element.properties.src ?? element.properties.data ?? element.properties.href;
  const inner = element.children.filter(isElement).find((child) => child.tagName === 'source')?.properties.src;
  const where = src ?? inner;
  return where ? `<${element.tagName}> ${String(where)}` : `<${element.tagName}>`;
}

/** A cell's block content flattened to one line: GFM table cells cannot hold blocks or line breaks. */
function flattenCell(cell: Element): void {
  const out: ElementContent[] = [];
  const visitChildren = (children: ElementContent[]) => {
    for (const child of children) {
      if (child.type === 'text') out.push(text(collapseHtmlWhitespace(child.value)));
      else if (child.type !== 'element') continue;
      else if (child.tagName === 'table' || child.tagName === 'pre') {
        out.push(text(` ${collapseHtmlWhitespace(toText(child))} `));
      } else if (BLOCKS.has(child.tagName)) {
        out.push(text(' '));
        visitChildren(child.children);
        out.push(text(' '));
      } else if (child.tagName === 'img') out.push(child);
      else {
        // Inline elements keep their formatting; only their block descendants are flattened.
        const copy: Element = { ...child, children: [] };
        const saved = out.length;
        visitChildren(child.children);
        copy.children = out.splice(saved);
        out.push(copy);
      }
    }
  };
  visitChildren(cell.children);
  cell.children = out;
}

/** The words of each choice of a `<select>`, `<datalist>` or `<optgroup>` (its label first), in order. */
function choiceTexts(node: Element): string[] {
  const own = (value: unknown) => (typeof value === 'string' ? collapseHtmlWhitespace(value).trim() : '');
  if (node.tagName === 'option') return [collapseHtmlWhitespace(toText(node)).trim() || own(node.properties.label)].filter((words) => words !== '');
  const label = node.tagName === 'optgroup' ? [own(node.properties.label)] : [];
  return [...label, ...node.children.flatMap((child) => (isElement(child) ? choiceTexts(child) : []))].filter((words) => words !== '');
}

/** Every text of a subtree, each apart: an SVG's `<text>` elements are placed, not flowed. */
function textNodes(node: ElementContent): string[] {
  if (node.type === 'text') return [node.value];
  return node.type === 'element' ? node.children.flatMap(textNodes) : [];
}

const INLINE_CODE = new Set(['code', 'kbd', 'samp', 'tt']);

/**
 * Inline code is text only in Markdown: an image inside `<code>` would be lost, so the code is
 * split around it (`<code>a <img> b</code>` -> `<code>a </code><img><code> b</code>`), and code
 * with no text at all (`<code><img></code>`, `<code><br></code>`) leaves only what it held (or a
 * space: an empty code span would be written as bare backticks, which merge with a neighbour's).
 */
function splitInlineCode(code: Element): ElementContent[] {
  const out: ElementContent[] = [];
  let pending = '';
  const flush = () => {
    if (pending.trim() !== '') out.push({ ...code, children: [text(pending)] });
    else if (pending !== '') out.push(text(' '));
    pending = '';
  };
  const walk = (node: ElementContent) => {
    if (node.type === 'text') pending += node.value;
    else if (node.type === 'element' && node.tagName === 'img') {
      flush();
      out.push(node);
    } else if (node.type === 'element') {
      if (node.tagName === 'br') pending += '\n';
      else node.children.forEach(walk);
    }
  };
  code.children.forEach(walk);
  flush();
  return out;
}

/**
 * Inline code holds one line: a `<br>` or a newline in it is a space (as the page shows a code
 * span), not a line ending, which in a list item could end the span and start a paragraph.
 */
function oneLineCode(code: Element): void {
  const walk = (parent: Element) => {
    parent.children = parent.children.map((child) => {
      if (child.type === 'element' && child.tagName === 'br') return text(' ');
      if (child.type === 'text') return text(child.value.replace(/[\r\n]+/g, ' '));
      if (child.type === 'element') walk(child);
      return child;
    });
  };
  walk(code);
}

/**
 * Elements written as one Markdown span: emphasis, strong, strikethrough, a link, inline code,
 * and `<sup>`/`<sub>` kept as HTML (mdast-handlers.ts). None can hold a block.
 */
const SPANS = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 'mark', 's', 'strike', 'del', 'code', 'kbd', 'samp', 'tt', 'var', 'sup', 'sub']);
/** Blocks a span may be drawn around (a line break is no block here). */
const isBlock = (node: ElementContent): node is Element => isElement(node) && node.tagName !== 'br' && BLOCKS.has(node.tagName);
const holdsBlock = (node: Element): boolean => node.children.some((child) => isBlock(child) || (isElement(child) && holdsBlock(child)));

/**
 * An inline element holding blocks -> the element inside each block, around each run of its
 * phrasing (`<b>a<p>b</p></b>` -> `<b>a</b><p><b>b</b></p>`), as a browser draws it. HTML allows
 * it (`<strong><p>`, and wpautop's paragraph of an Enter pressed twice inside `<mark>`), Markdown
 * does not: hast-util-to-mdast kept the blocks inside the span, where they were written as its
 * text, the words of two paragraphs run together and a list's figure left with its caption as
 * a tooltip (it splits a link or a strikethrough, but puts the link around a list's items).
 * Inline elements between the span and the block are split with it.
 */
function spanAroundBlocks(span: Element): ElementContent[] {
  const pieces = span.children.flatMap((child) => (isElement(child) && !isBlock(child) && holdsBlock(child) ? spanAroundBlocks(child) : [child]));
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    // White space between blocks (a list's items) stays bare: a span of it is a paragraph of nothing.
    if (run.some((node) => node.type !== 'text' || node.value.trim() !== '')) out.push({ ...span, children: run });
    else out.push(...run);
    run = [];
  };
  for (const piece of pieces) {
    if (!isBlock(piece)) {
      run.push(piece);
      continue;
    }
    flush();
    out.push({ ...piece, children: spanAroundBlocks({ ...span, children: piece.children }) });
  }
  flush();
  return out;
}

/** Formatting written with one Markdown mark: nested in itself it would double the mark (`~~~~` starts a code fence). */
const MARK_OF: Record<string, string> = { s: 'del', del: 'del', strike: 'del', b: 'strong', strong: 'strong', i: 'em', em: 'em', mark: 'em', u: 'em' };

const hasImage = (node: Element): boolean => node.children.some((child) => child.type === 'element' && (child.tagName === 'img' || hasImage(child)));

function descendants(node: Element, name: string, found: Element[] = []): Element[] {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.tagName === name) found.push(child);
    descendants(child, name, found);
  }
  return found;
}

/**
 * A figure of one image and its caption becomes the image, titled with the caption's text
 * (mdast-handlers.ts): a title holds no link, so each one the caption had is named.
 */
function warnCaptionLinks(figure: Element, warn: (message: string) => void): void {
  const images = descendants(figure, 'img');
  const captions = figure.children.filter((child): child is Element => isElement(child) && child.tagName === 'figcaption');
  if (images.length !== 1 || captions.length !== 1) return;
  for (const link of descendants(captions[0]!, 'a')) {
    if (typeof link.properties.href !== 'string') continue;
    warn(`the link to ${JSON.stringify(link.properties.href)} in the caption of the image ${JSON.stringify(String(images[0]!.properties.src ?? ''))} was not kept (a caption is text); its words are kept`);
  }
}

/**
 * Elements written as one Markdown line of phrasing (a heading, a paragraph, a details' summary, a
 * table's caption, which becomes a paragraph, a button): a figure there cannot stand alone in its
 * paragraph, where the site shows an image's title as its caption, and the title was only a tooltip.
 */
const PHRASING_ONLY = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'summary', 'caption', 'button']);

/** A figure's content with its caption as text after the image (apart from it), where it was. */
function captionAsText(figure: Element): ElementContent[] {
  return figure.children.flatMap((child) => (isElement(child) && child.tagName === 'figcaption' ? [text(' '), ...child.children, text(' ')] : [child]));
}

/** `<table><caption>` -> `<p>` before the table: hast-util-to-mdast ignores captions. */
function liftCaption(table: Element): ElementContent[] {
  const caption = table.children.find((child): child is Element => isElement(child) && child.tagName === 'caption');
  if (!caption) return [table];
  table.children = table.children.filter((child) => child !== caption);
  return [{ type: 'element', tagName: 'p', properties: {}, children: caption.children }, table];
}

export function prepareHtml(tree: Root, options: PrepareOptions): void {
  const marks = new Set<string>();
  let phrasingOnly = 0;
  const transform = (parent: Parents, inCell: boolean, inPre = false) => {
    const result: RootContent[] = [];
    const children = inPre ? parent.children : parent.children.flatMap((child) => (isElement(child) && SPANS.has(child.tagName) && holdsBlock(child) ? spanAroundBlocks(child) : [child]));
    for (const child of children) {
      if (child.type === 'comment' || child.type === 'doctype') continue;
      if (child.type !== 'element') {
        result.push(child);
        continue;
      }
      const name = child.tagName;
      if (DROPPED.has(name)) continue;
      if (name === 'input') {
        // Phrasing, as the control sits in a sentence, apart from the words beside it as the box
        // or button is drawn (a space for a control that shows none of the page's words); a hidden
        // field is not drawn at all.
        if (inputType(child.properties) === 'hidden') continue;
        const words = collapseHtmlWhitespace(inputShownText(child.properties)).replace(/^ | $/g, '');
        result.push(text(words === '' ? ' ' : ` ${words} `));
        continue;
      }
      if (name === 'textarea') {
        // Typed text, its lines (blank ones too) kept as line breaks: phrasing, as the control
        // sits in a sentence or a paragraph (a `<pre>` there would be cut out of it). An empty one
        // shows its placeholder instead, whose line breaks HTML draws as line breaks too.
        const typed = textNodes(child).join('');
        const placeholder = typeof child.properties.placeholder === 'string' ? child.properties.placeholder : '';
        const lines = (typed === '' ? placeholder : typed).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').split(/\r\n?|\n/);
        // Apart from the words beside it, as the box is drawn, even with no words in it.
        result.push(text(' '));
        if (lines.join('') === '') continue;
        lines.forEach((line, index) => {
          if (index > 0) result.push({ type: 'element', tagName: 'br', properties: {}, children: [] });
          if (line !== '') result.push(text(line));
        });
        result.push(text(' '));
        continue;
      }
      if (name === 'q') {
        // A browser draws a quotation's marks around its content (its style sheet's q::before and
        // q::after). Written as text here, before the conversion's own <q> handling: that one added
        // them after white space was collapsed (the space after a quotation that ends in a line
        // break was dropped: `"c` for `</q> c`) and not at all inside code (`<kbd><q>Yes</q></kbd>`).
        transform(child, inCell, inPre);
        result.push(text('"'), ...child.children, text('"'));
        continue;
      }
      if (CHOICES.has(name)) {
        // Phrasing, as the control sits in a sentence: the choices separated as in a flattened cell.
        const choices = choiceTexts(child).join(' / ');
        if (choices !== '') result.push(text(` ${choices} `));
        continue;
      }
      if (name === 'svg') {
        // Markdown cannot carry an inline SVG, and the site's sanitiser would remove it; its words
        // (a chart's labels, an infographic's text) are the editor's to place by hand.
        const words = collapseHtmlWhitespace(textNodes(child).join(' ')).trim();
        if (words !== '') options.warn(`an inline <svg> with the words ${JSON.stringify(words.slice(0, 120))} was not imported: save it as an image, or write its text into the report`);
        continue;
      }
      if (FALLBACK_SHOWN.has(name)) {
        const embed = describe(child);
        transform(child, inCell, inPre);
        const fallback = collapseHtmlWhitespace(toText(child)).trim() !== '' || hasImage(child);
        options.warn(`an embedded ${embed} was not imported ${fallback ? '(its fallback content is, in its place)' : '(no text of the article is in it)'}: link it by hand if it matters`);
        result.push(...child.children);
        continue;
      }
      if (EMBEDS.has(name)) {
        // An iframe's content is never shown (HTML reads it as text for no one); a video's, an
        // audio's or a canvas's only where it cannot play: words there are named, not kept.
        const words = name === 'iframe' ? '' : collapseHtmlWhitespace(textNodes(child).join(' ')).trim();
        const what = words === '' ? '(no text of the article is in it)' : `(nor its fallback text ${JSON.stringify(words.slice(0, 120))})`;
        options.warn(`an embedded ${describe(child)} was not imported ${what}: link it by hand if it matters`);
        continue;
      }
      for (const key of Object.keys(child.properties)) if (/^on/i.test(key)) delete child.properties[key];
      if (name === 'a') {
        const href = typeof child.properties.href === 'string' ? resolveUrl(child.properties.href, options.baseUrl) : undefined;
        if (href === undefined || (!href.startsWith('#') && !SAFE_LINK.test(href) && /^[a-z][a-z0-9+.-]*:/i.test(href))) {
          if (href !== undefined || child.properties.href !== undefined) {
            options.warn(`the link to ${JSON.stringify(String(child.properties.href))} was not kept (not an http(s), mailto or tel address); its words are kept`);
          }
          transform(child, inCell, inPre);
          result.push(...child.children);
          continue;
        }
        child.properties.href = href;
      }
      if (name === 'img') {
        const written = imageSources(child);
        const src = written.map((url) => resolveUrl(url, options.baseUrl)).find(isImportableImage);
        if (src === undefined) {
          // The alt text is the publisher's words for the image: it stays, as text (as an image
          // that could not be copied does, media/rewrite-images.ts).
          const alt = typeof child.properties.alt === 'string' ? child.properties.alt.trim() : '';
          const source = written[0] === undefined ? 'with no source' : `with the source ${JSON.stringify(written[0].slice(0, 80))}`;
          options.warn(`an image ${source} was not imported (only http(s) or relative images are)${alt ? `; its alt text ${JSON.stringify(alt)} is kept as text` : ''}`);
          if (alt) result.push(text(imageAsText(alt, written[0] ?? '')));
          continue;
        }
        // Written in the Markdown exactly as listed in `images`: characters Markdown would escape
        // or bracket in a destination are percent-encoded instead (the same address for a server).
        child.properties.src = src.replace(/[ ()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
      }
      const mark = MARK_OF[name];
      if (mark && marks.has(mark)) {
        // <s><s>x</s></s> is x struck through once.
        transform(child, inCell, inPre);
        result.push(...child.children);
        continue;
      }
      if (mark) marks.add(mark);
      if (PHRASING_ONLY.has(name)) phrasingOnly++;
      transform(child, inCell || name === 'td' || name === 'th', inPre || name === 'pre');
      if (PHRASING_ONLY.has(name)) phrasingOnly--;
      if (mark) marks.delete(mark);
      if (name === 'figure' && phrasingOnly > 0) {
        // Drawn on lines of its own, apart from the words beside it.
        result.push(text(' '), ...captionAsText(child), text(' '));
        continue;
      }
      if (phrasingOnly > 0 && BLOCKS.has(name) && name !== 'br') {
        // A block where only phrasing can stand in Markdown (paragraphs, a list or a table in a
        // heading or a summary): a browser draws it on lines of its own, so its words stay apart
        // from those beside it instead of running into them (`<h2><p>a</p><p>b</p></h2>` is "a b").
        result.push(text(' '), ...(child.children as ElementContent[]), text(' '));
        continue;
      }
      if (name === 'figure') warnCaptionLinks(child, options.warn);
      if (INLINE_CODE.has(name) && !inPre) {
        if (hasImage(child) || toText(child).trim() === '') {
          result.push(...splitInlineCode(child));
          continue;
        }
        oneLineCode(child);
      }
      if ((name === 'td' || name === 'th') && !inCell) flattenCell(child);
      if (name === 'table' && !inCell) result.push(...liftCaption(child));
      else result.push(child);
    }
    parent.children = result as typeof parent.children;
  };
  transform(tree, false);
}
