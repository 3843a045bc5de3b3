/**
 * The fidelity check of imported sources: the words of a source article, as a browser shows them,
 * against the text of the page the site's real renderer makes from the imported Markdown.
 */
import assert from 'node:assert/strict';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { imageSources } from '../../src/importer/html/image-source.ts';
import { imageAsText } from '../../src/importer/media/image-as-text.ts';
import { rewriteImages, type ImageTargets } from '../../src/importer/media/rewrite-images.ts';
import { createReportRenderer, renderReport } from '../../src/reports/render/render-report.ts';

/**
 * Elements whose content a browser does not show as the article's text. A form control's words
 * (a button's, a textarea's or its placeholder, a select's choices, an input's: shownByInput) are shown, and so is an
 * `<object>`'s fallback content where the object cannot be (as in the archive, which does not import it).
 */
const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'embed', 'video', 'audio', 'canvas', 'svg']);

/**
 * What a browser draws for an `<input>`, apart from the words beside it (a box, a button): the
 * value of a text box (its placeholder when empty) or a button (a submit's or reset's own label
 * when it has none), an image button's alt text (else its value); no words for a checkbox, a
 * radio button, a password's dots (an empty password box shows its placeholder),
 * a file, range, colour or date picker; nothing at all for a hidden field. Written from HTML's
 * list of types, not from the importer's code, so that the check is a witness of it.
 */
function shownByInput(input: Element): string {
  const attr = (name: string) => (typeof input.properties[name] === 'string' ? (input.properties[name] as string) : undefined);
  const type = attr('type')?.trim().toLowerCase() ?? 'text';
  const value = attr('value');
  const noWords = ['checkbox', 'radio', 'file', 'range', 'color', 'date', 'month', 'week', 'time', 'datetime-local'];
  if (type === 'hidden') return '';
  if (noWords.includes(type)) return ' ';
  // An empty box (after HTML's value sanitisation) shows its placeholder, without line breaks.
  const placeholder = (attr('placeholder') ?? '').replace(/[\r\n]/g, '');
  let words: string;
  if (type === 'submit') words = value ?? 'Submit';
  else if (type === 'reset') words = value ?? 'Reset';
  else if (type === 'button') words = value ?? '';
  else if (type === 'image') words = attr('alt')?.trim() || (value ?? '');
  // A password box shows dots for its value.
  else if (type === 'password') words = (value ?? '').replace(/[\r\n]/g, '') === '' ? placeholder : '';
  // A number box keeps only a number; a text box (any type HTML does not know too) drops line breaks.
  else if (type === 'number') words = /^-?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/.test(value ?? '') ? value! : placeholder;
  else if (type === 'email' || type === 'url') {
    // And these strip ASCII white space around the value (around each address of a `multiple` e-mail box).
    const strip = (text: string) => text.replace(/^[\t\n\f\r ]+/, '').replace(/[\t\n\f\r ]+$/, '');
    const oneLine = (value ?? '').replace(/[\r\n]/g, '');
    const held = type === 'email' && input.properties.multiple ? oneLine.split(',').map(strip).join(',') : strip(oneLine);
    words = held || placeholder;
  } else words = (value ?? '').replace(/[\r\n]/g, '') || placeholder;
  return ` ${words} `;
}

/**
 * A browser shows a `<q>`'s content between quotation marks (its style sheet's `q::before` and
 * `q::after`), glued to the first and last words. Their glyph depends on the page's language
 * (“…” in English, «…» in French); the importer writes the straight `"` Markdown carries for any
 * language, so the check takes that one: it checks that the marks are there, not their glyph.
 */
const QUOTATION_MARK = '"';

/**
 * An image the archive cannot copy (an embedded `data:` one, one without an address): the importer
 * writes, in its place, its alt text and where it was (src/importer/media/image-as-text.ts). Those
 * words are the image on the page, so the check reads them where the image was, and checks what is
 * glued to them (a quotation's marks around the image).
 */
function standsAsText(img: Element): boolean {
  return !imageSources(img).some((url) => /^https?:/i.test(url.trim()) || !/^[a-z][a-z0-9+.-]*:/i.test(url.trim()));
}

function imagesAsText(node: Root | Element): void {
  node.children = node.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName !== 'img' || !standsAsText(child)) {
      imagesAsText(child);
      return child;
    }
    const alt = typeof child.properties.alt === 'string' ? child.properties.alt.trim() : '';
    return { type: 'text', value: alt === '' ? '' : imageAsText(alt, imageSources(child)[0] ?? '') };
  }) as typeof node.children;
}

/**
 * A `<textarea>` whose value is the empty string (its content after the parser drops a first line
 * break) shows its placeholder, whose line breaks HTML draws as line breaks: undefined for any
 * other, which shows its content.
 */
function shownPlaceholder(textarea: Element): string | undefined {
  const value = textarea.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  const placeholder = textarea.properties.placeholder;
  return value === '' && typeof placeholder === 'string' ? placeholder : undefined;
}

/**
 * Without what is not shown; an input as the words it shows, an empty textarea as its placeholder
 * (each drawn apart from the words beside it); a select's choices apart, one a line, as its
 * drop-down lists them; a quotation between its marks.
 */
function withoutHidden(node: Root | Element): void {
  const control = (element: Element): string | undefined =>
    element.tagName === 'input' ? shownByInput(element) : element.tagName === 'textarea' ? shownPlaceholder(element) : undefined;
  node.children = node.children
    .filter((child) => child.type !== 'element' || !NOT_SHOWN.has(child.tagName))
    .map((child) => {
      const words = child.type === 'element' ? control(child) : undefined;
      return words === undefined ? child : { type: 'text', value: ` ${words} ` };
    }) as typeof node.children;
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    withoutHidden(child);
    if (child.tagName === 'option') child.children.push({ type: 'text', value: '\n' });
    // An empty quotation's marks (`<q><br></q>` shows `""`) are no words, and the check is of words.
    if (child.tagName === 'q' && /\S/.test(toText(child))) child.children = [{ type: 'text', value: QUOTATION_MARK }, ...child.children, { type: 'text', value: QUOTATION_MARK }];
  }
}

/** The article's words as a browser shows them (white space collapsed), in order. */
export function visibleWords(html: string): string[] {
  const tree: Root = fromHtml(html, { fragment: true });
  withoutHidden(tree);
  imagesAsText(tree);
  return toText(tree).split(/\s+/).filter((word) => word !== '');
}

/** An image's alt text, also of a copied image the site's renderer leaves for Astro to process (its options as JSON). */
function altOf(img: Element): unknown {
  const astro = Object.entries(img.properties).find(([name]) => name.toLowerCase().startsWith('__astro_image'))?.[1];
  return img.properties.alt ?? (typeof astro === 'string' ? (JSON.parse(astro) as { alt?: unknown }).alt : undefined);
}

/** The alt text of each image a browser would show (its words), white space collapsed, in order. */
export function imageAlts(html: string): string[] {
  const tree: Root = fromHtml(html, { fragment: true });
  withoutHidden(tree);
  const alts: string[] = [];
  const collect = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const alt = child.tagName === 'img' ? altOf(child) : undefined;
      if (typeof alt === 'string') alts.push(alt.replace(/\s+/g, ' ').trim());
      collect(child);
    }
  };
  collect(tree);
  return alts.filter((alt) => alt !== '');
}

const renderer = await createReportRenderer({ syntaxHighlight: false, gfm: true });

/**
 * The Markdown as the import pipeline writes it when every image was found in the uploads folder
 * (`--media`): each image points at its copy beside the report (`./imported/image-N.jpg`), since
 * the site publishes only its own images (src/importer/media/rewrite-images.ts).
 */
function withImagesCopied(markdown: string): string {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const targets: ImageTargets = new Map();
  const collect = (node: Nodes) => {
    if (node.type === 'image' && !targets.has(node.url)) targets.set(node.url, `./imported/image-${targets.size + 1}.jpg`);
    if ('children' in node) node.children.forEach(collect);
  };
  collect(tree);
  for (const tag of markdown.match(/<img\b[^>]*\bsrc\s*=\s*"([^"]*)"/gi) ?? []) {
    const url = /src\s*=\s*"([^"]*)"/i.exec(tag)![1]!;
    if (!targets.has(url)) targets.set(url, `./imported/image-${targets.size + 1}.jpg`);
  }
  return rewriteImages(markdown, targets);
}

/** The Markdown through the site's renderer (images copied, as with --media) -> the HTML and its text, white space collapsed. */
export async function renderMarkdown(markdown: string): Promise<{ html: string; text: string }> {
  const outcome = await renderReport(renderer, { filePath: '/archive/2020/imported.md', body: withImagesCopied(markdown), frontmatter: {} });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  const text = toText(fromHtml(outcome.rendered.html, { fragment: true })).replace(/\s+/g, ' ');
  return { html: outcome.rendered.html, text };
}

/**
 * The runs without white space, a straight double quote at a run's edge apart: it is a quotation's
 * mark, which a browser draws from its style sheet, glued to the words inside it, but on lines of
 * their own when the quotation holds a block (a paragraph wpautop made in it), where Markdown,
 * which cannot hold a block inside a quotation, glues it to the first or last word. The mark's
 * presence and place among the words are checked, not what it is glued to.
 */
function tokens(text: string): string[] {
  return text.split(/\s+/).flatMap((run) => {
    const [, opening = '', word = '', closing = ''] = /^("*)(.*?)("*)$/s.exec(run)!;
    return [...opening, word, ...closing].filter((part) => part !== '');
  });
}

/**
 * Every word, in order, somewhere in the text, inside a longer run too, a quotation's marks apart:
 * a looser check than assertWordsInOrder's, for words read from a source the importer's own code
 * did not shape (a WordPress post's editor HTML, against which the port of wpautop is not a witness).
 */
export function assertWordsSomewhereInOrder(words: string[], text: string, context: string): void {
  let from = 0;
  for (const word of words.map((w) => w.replaceAll(QUOTATION_MARK, '')).filter((w) => w !== '')) {
    const at = text.indexOf(word, from);
    assert.ok(at >= 0, `"${word}" is missing after position ${from} of the rendered text ${JSON.stringify(text)}\n${context}`);
    from = at + word.length;
  }
}

/**
 * Every word, in order, standing alone in the text: each source word (a run without white space)
 * is one of the rendered text's runs without white space, after the previous word's. Runs the page
 * adds between them (a figure's credit, a select's ` / `, an embedded image's note, a footnote's
 * back-link) are allowed; a word found only inside a longer run is not, since that is two words
 * glued together (`end` + `Start` as `endStart`) or a word changed (`Spokeswoman` as
 * `Spokeswoman\`), which a reader sees.
 */
export function assertWordsInOrder(words: string[], text: string, context: string): void {
  const rendered = tokens(text);
  let next = 0;
  for (const word of tokens(words.join(' '))) {
    const at = rendered.indexOf(word, next);
    if (at >= 0) {
      next = at + 1;
      continue;
    }
    const near = rendered.slice(Math.max(0, next - 3), next + 8).join(' ');
    const inside = rendered.slice(next).find((run) => run.includes(word));
    const why = inside === undefined ? 'is missing' : `is not a word of its own (it is inside "${inside}")`;
    assert.fail(`"${word}" ${why} after the rendered word ${next} ("… ${near} …") of ${JSON.stringify(text)}\n${context}`);
  }
}
