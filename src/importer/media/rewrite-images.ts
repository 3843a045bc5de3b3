/**
 * The item's Markdown with each image pointed at its copy beside the report (`./<slug>/a.jpg`), or,
 * for an image the importer could not copy, turned into a link to where it was (its alt text as
 * the link's text): the site shows only its own images, so a remote image would be a broken image
 * on the page, where a link keeps the reference and the words. Pure.
 *
 * An image at a relative path that was not copied becomes text (its alt text and path): a link to
 * it would be broken on the site. Only the image itself is rewritten (found by parsing the Markdown as the site does, with GFM),
 * so every other character of the body stays as the reader wrote it. `<img>` in raw HTML and
 * reference-style images (`![alt][ref]`) are handled too.
 */
import type { Definition, Image, Nodes, Parents, PhrasingContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfm } from 'micromark-extension-gfm';
import { parseHtml } from '../html/html-to-markdown.ts';
import { imageAsText } from './image-as-text.ts';

/** Where an image now is (a path relative to the report), or undefined for one not copied. */
export type ImageTargets = Map<string, string | undefined>;

interface Edit {
  start: number;
  end: number;
  text: string;
}

const serialize = (node: Nodes) => toMarkdown(node, { extensions: [gfmToMarkdown()], resourceLink: true }).trimEnd();

const fileNameOf = (url: string) => decodeURIComponentSafe(url.replace(/[?#].*$/, '').split('/').filter(Boolean).at(-1) ?? url);

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Only a web address makes a link that works from the site; a relative path would be a broken link. */
const isWebAddress = (url: string) => /^(?:https?:)?\/\//i.test(url);

function imageReplacement(node: Image, target: string | undefined, insideLink: boolean): string {
  if (target !== undefined) return serialize({ type: 'image', url: target, alt: node.alt ?? '', title: node.title ?? null });
  const alt = node.alt?.trim() ?? '';
  // A caption (the title) is text of the article: it stays on the page, after what stands for the image.
  const caption: PhrasingContent[] = node.title?.trim() ? [{ type: 'text', value: `: ${node.title.trim()}` }] : [];
  if (!isWebAddress(node.url)) return serialize({ type: 'paragraph', children: [{ type: 'text', value: imageAsText(alt, node.url) }, ...caption] });
  const words = alt || fileNameOf(node.url);
  if (insideLink) return serialize({ type: 'paragraph', children: [{ type: 'text', value: words }, ...caption] });
  return serialize({ type: 'paragraph', children: [{ type: 'link', url: node.url, title: null, children: [{ type: 'text', value: words }] }, ...caption] });
}

/** `|` too: in a table row it would end the cell, even inside HTML, and GFM drops a row's extra cells. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;');
const SRC = /(\bsrc\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/** The alt text of an `<img>` tag as a reader sees it: its character references decoded, once. */
function altOf(tag: string): string {
  const img = parseHtml(tag).children.find((node) => node.type === 'element');
  const alt = img?.type === 'element' ? img.properties.alt : undefined;
  return typeof alt === 'string' ? alt.trim() : '';
}

function htmlReplacement(html: string, targets: ImageTargets): string {
  return html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = SRC.exec(tag);
    const url = src ? (src[3] ?? src[4] ?? src[5] ?? '') : undefined;
    if (url === undefined || !targets.has(url)) return tag;
    const target = targets.get(url);
    if (target !== undefined) return tag.replace(SRC, (_, before: string) => `${before}"${escapeHtml(target)}"`);
    const alt = altOf(tag);
    if (!isWebAddress(url)) return escapeHtml(imageAsText(alt, url));
    return `<a href="${escapeHtml(url)}">${escapeHtml(alt || fileNameOf(url))}</a>`;
  });
}

export function rewriteImages(markdown: string, targets: ImageTargets): string {
  if (targets.size === 0) return markdown;
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const edits: Edit[] = [];
  const definitions = new Map<string, Definition>();
  const collect = (node: Nodes) => {
    if (node.type === 'definition') definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(tree);

  const visit = (node: Nodes, insideLink: boolean, inCell: boolean) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'image' && targets.has(node.url)) {
        const text = imageReplacement(node, targets.get(node.url), insideLink);
        // Serialized outside the table, a "|" of the alt or caption would end the cell there.
        edits.push({ start, end, text: inCell ? text.replace(/\|/g, '\\|') : text });
        return;
      }
      if (node.type === 'definition' && targets.has(node.url) && targets.get(node.url) !== undefined) {
        edits.push({ start, end, text: serialize({ ...node, url: targets.get(node.url)!, position: undefined }) });
        return;
      }
      if (node.type === 'imageReference') {
        const definition = definitions.get(node.identifier);
        // Not copied: `![alt][ref]` becomes the link `[alt][ref]` to where the image was.
        if (definition && targets.has(definition.url) && targets.get(definition.url) === undefined && !insideLink && isWebAddress(definition.url)) {
          edits.push({ start, end: start + 1, text: '' });
        }
        return;
      }
      if (node.type === 'html') {
        const replaced = htmlReplacement(node.value, targets);
        if (replaced !== node.value && markdown.slice(start, end) === node.value) edits.push({ start, end, text: replaced });
        return;
      }
    }
    if ('children' in node) {
      const parent = node as Parents;
      for (const child of parent.children) visit(child, insideLink || node.type === 'link' || node.type === 'linkReference', inCell || node.type === 'tableCell');
    }
  };
  visit(tree, false, false);

  let result = markdown;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
