/**
 * An image with a title, alone in its paragraph (`![alt](src "Caption")`, or alone in a tight list's
 * item), is a figure: it becomes
 * `<figure><img alt><figcaption>Caption</figcaption></figure>`, so the caption is text a reader
 * sees (and search indexes), not a tooltip. This is how the importer writes WordPress `[caption]`s
 * and HTML `<figure>`s. The title attribute goes: read out next to the caption it would be said twice.
 * Runs after sanitising: the figure is ours, made from an image the sanitiser already allowed.
 */
import type { Element, ElementContent, Root } from 'hast';

const isBlank = (node: ElementContent) => node.type === 'text' && node.value.trim() === '';

function figureOf(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter((child) => !isBlank(child));
  const [image] = content;
  if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return undefined;
  const caption = typeof image.properties.title === 'string' ? image.properties.title.trim() : '';
  if (caption === '') return undefined;
  const { title: _title, ...properties } = image.properties;
  return {
    type: 'element',
    tagName: 'figure',
    properties: {},
    children: [
      { ...image, properties },
      { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] },
    ],
  };
}

function makeFigures(parent: Root | Element): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'p') return figureOf(child) ?? child;
    // A tight list's item holds its paragraph's content without the <p>.
    const figure = child.tagName === 'li' ? figureOf(child) : undefined;
    if (figure) return { ...child, children: [figure] };
    makeFigures(child);
    return child;
  }) as typeof parent.children;
}

export default function rehypeFigures() {
  return (tree: Root) => makeFigures(tree);
}
