/**
 * hast-util-to-mdast handlers where its defaults lose what a reader sees:
 * - `<figure>` with one image and a `<figcaption>` -> the image, titled with the caption, alone in
 *   a paragraph (the site renders that as a figure with its caption); any other content of the
 *   figure follows as usual;
 * - `<sup>`, `<sub>` stay HTML (allowed by the site's sanitiser), so `mc<sup>2</sup>` is not `mc2`;
 * - `<math>` keeps its text (the default drops MathML).
 */
import type { Element, ElementContent } from 'hast';
import type { Image, Nodes as MdastNodes, Paragraph, PhrasingContent } from 'mdast';
import { toText } from 'hast-util-to-text';
import type { Handle, State } from 'hast-util-to-mdast';
import { collapseHtmlWhitespace, oneLineText } from './html-whitespace.ts';

const isElement = (node: ElementContent): node is Element => node.type === 'element';
const collapse = (value: string) => collapseHtmlWhitespace(value).trim();

function findAll(node: Element, name: string): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.tagName === name) found.push(child);
    else found.push(...findAll(child, name));
  }
  return found;
}

/** The figure's content without its caption and its one image (and a link wrapping only the image). */
function withoutImageAndCaption(node: Element, image: Element, caption: Element): ElementContent[] {
  const kept: ElementContent[] = [];
  for (const child of node.children) {
    if (child === image || child === caption) continue;
    if (isElement(child) && findAll(child, 'img').includes(image)) {
      const rest = withoutImageAndCaption(child, image, caption);
      // A link or a wrapper around the image alone goes with it; one around more keeps the rest.
      if (toText({ type: 'element', tagName: 'div', properties: {}, children: rest }).trim() !== '') {
        kept.push({ ...child, children: rest });
      }
      continue;
    }
    kept.push(child);
  }
  return kept;
}

const figure: Handle = (state: State, node: Element) => {
  const images = findAll(node, 'img');
  const captions = node.children.filter((child): child is Element => isElement(child) && child.tagName === 'figcaption');
  if (images.length !== 1 || captions.length !== 1) return state.toFlow(state.all(node));
  const [img] = images as [Element];
  const [caption] = captions as [Element];
  const title = oneLineText(caption);
  const image: Image = {
    type: 'image',
    url: String(img.properties.src ?? ''),
    title: title || null,
    alt: collapse(String(img.properties.alt ?? '')),
  };
  const paragraph: Paragraph = { type: 'paragraph', children: [image] };
  const rest = state.all({ ...node, children: withoutImageAndCaption(node, img, caption) });
  return state.toFlow([paragraph, ...(rest as MdastNodes[])] as never);
};

/**
 * The tags as inline HTML. `data.hName` tells hast-util-to-mdast's paragraph wrapping that these
 * nodes are phrasing (mdast's `html` may also be a block): without it, `<sup>` would be cut out
 * of its paragraph onto a line of its own, where Markdown reads it as the start of an HTML block
 * and shows the text after it unprocessed.
 */
function keptAsHtml(tag: string): Handle {
  const html = (value: string) => ({ type: 'html', value, data: { hName: tag } }) as PhrasingContent;
  return (state: State, node: Element) => [html(`<${tag}>`), ...(state.all(node) as PhrasingContent[]), html(`</${tag}>`)];
}

export const toMdastHandlers: Record<string, Handle> = {
  figure,
  sup: keptAsHtml('sup'),
  sub: keptAsHtml('sub'),
  math: (state: State, node: Element) => state.all(node),
};
