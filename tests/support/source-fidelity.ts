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
import { rewriteImages, type ImageTargets } from '../../src/importer/media/rewrite-images.ts';
import { createReportRenderer, renderReport } from '../../src/reports/render/render-report.ts';

/**
 * Elements whose content a browser does not show as the article's text. A form control's words
 * (a button's, a textarea's, a select's choices) are shown, and so is an `<object>`'s fallback
 * content where the object cannot be (as in the archive, which does not import it).
 */
const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'embed', 'video', 'audio', 'canvas', 'svg', 'input']);

/** Without what is not shown; a select's choices apart, one a line, as its drop-down lists them. */
function withoutHidden(node: Root | Element): void {
  node.children = node.children.filter((child) => child.type !== 'element' || !NOT_SHOWN.has(child.tagName)) as typeof node.children;
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    withoutHidden(child);
    if (child.tagName === 'option') child.children.push({ type: 'text', value: '\n' });
  }
}

/** The article's words as a browser shows them (white space collapsed), in order. */
export function visibleWords(html: string): string[] {
  const tree: Root = fromHtml(html, { fragment: true });
  withoutHidden(tree);
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

/** Every word, in order, in the text (each after the previous one; inside a longer run too). */
export function assertWordsInOrder(words: string[], text: string, context: string): void {
  let from = 0;
  for (const word of words) {
    const at = text.indexOf(word, from);
    assert.ok(at >= 0, `"${word}" is missing after position ${from} of the rendered text ${JSON.stringify(text)}\n${context}`);
    from = at + word.length;
  }
}
