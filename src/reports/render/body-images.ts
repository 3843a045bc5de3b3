/**
 * Images in a report body, as a reader and a publisher meet them.
 *
 * Checked, and reported per file like the sanitiser's removals:
 * - every Markdown image has alt text, unless it is marked decorative on purpose: empty alt and
 *   the title exactly `decorative` (`![](./rule.png "decorative")`), which cannot happen by
 *   accident, as an empty alt can (remarkImageChecks, in the Markdown);
 * - no image, Markdown or raw HTML, is fetched from another site (`![map](https://…)`): the
 *   Content-Security-Policy blocks it (a broken image), and without it every reader's visit
 *   would be told to that site (rehypeBodyImages, in the sanitised HTML).
 *
 * Shaped in the HTML (rehypeBodyImages), after sanitising (the markup is ours, not the author's):
 * - an image standing alone in its paragraph (or tight list item) becomes a <figure>; its title becomes the
 *   <figcaption>, as written, a final "(Photo: …)" or "(Credit: …)" set apart as the credit;
 *   an image inside a sentence stays inline;
 * - loading: the first image of the page is fetched at once, with high priority (it is often the
 *   largest thing in view), unless the report has a lead image (front matter `image`), which is
 *   then the first; every other image loads lazily and decodes off the main thread;
 * - local images get `widths` and `sizes`, which Astro's image step (rehype-images, then
 *   getImage at render time) turns into a WebP `srcset` sized for the reading column;
 * - an image's alt text is indexed for search with the page's text (`data-pagefind-index-attrs`).
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Definition, Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import type { BodyProblem } from './problems/body-problems.ts';

/** The title that marks an image with empty alt as decorative. */
export const DECORATIVE_TITLE = 'decorative';

/**
 * Widths of the srcset (capped by Astro at the image's own width). The figure is at most the page
 * column wide (46rem, 736 CSS px): 400 and 800 serve phones at 1x and 2x, 1200 phones at 3x, 800
 * and 1600 the full column at 1x and 2x.
 */
export const IMAGE_WIDTHS = [400, 800, 1200, 1600];
/** How wide the image is drawn: the page column, or the viewport less its margins (src/styles/global.css). */
export const IMAGE_SIZES = '(min-width: 46rem) 46rem, 100vw';

export interface ImageProblem extends BodyProblem {
  image: string;
}

/** A caption split into the text and a final credit; `caption + credit` is always the title exactly. */
export function splitCaption(title: string): { caption: string; credit: string } {
  const match = /\((?:Photo|Credit):[^()]*\)\s*$/.exec(title);
  if (!match) return { caption: title, credit: '' };
  return { caption: title.slice(0, match.index), credit: title.slice(match.index) };
}

export function isDecorative(alt: string | null | undefined, title: string | null | undefined): boolean {
  return (alt ?? '').trim() === '' && title === DECORATIVE_TITLE;
}

/**
 * Whether an image address may point to another site: one with a scheme (`https:/x` resolves to
 * another host from an http page) or starting with two slashes, read as a browser reads it
 * (a backslash is a slash, tabs and line breaks are removed, leading spaces ignored).
 */
export function isRemoteImage(src: string): boolean {
  const read = src.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i.test(read);
}

/** The addresses of a srcset (`a.png 1x, b.png 2x`). */
function srcsetUrls(srcset: unknown): string[] {
  const text = Array.isArray(srcset) ? srcset.join(', ') : typeof srcset === 'string' ? srcset : '';
  return text.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter((url) => url !== '');
}

export function missingAltMessage(image: string): string {
  return (
    `the image "${image}" has no alt text. Describe what it shows, for readers who cannot see it: ` +
    `![A crowd outside the court](${image}); or, for a purely decorative image, mark it so: ![](${image} "${DECORATIVE_TITLE}").`
  );
}

export function remoteImageMessage(image: string): string {
  return (
    `the image "${image}" is on another site: the page may not load it (the Content-Security-Policy allows images from the ` +
    'site only), and it would tell that site of every reader. Save the image beside the report and link it as ' +
    '![what it shows](./name.jpg), or link to it as text: [what it shows](' + image + ').'
  );
}

export interface BodyImageOptions {
  /** Receives each file's problems, when it has any (the file's path is `file.path`). */
  onProblems?: (file: VFile, problems: ImageProblem[]) => void;
}

function walkMdast(node: MdastNodes, visit: (node: MdastNodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walkMdast(child, visit);
}

export function remarkImageChecks(options: BodyImageOptions = {}) {
  return (tree: MdastRoot, file: VFile): void => {
    const definitions = new Map<string, Definition>();
    walkMdast(tree, (node) => {
      if (node.type === 'definition') definitions.set(node.identifier, node);
    });
    const problems: ImageProblem[] = [];
    walkMdast(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      const target = node.type === 'image' ? node : definitions.get(node.identifier);
      const image = target?.url ?? (node.type === 'imageReference' ? `[${node.label ?? node.identifier}]` : '');
      // A remote image is refused whatever its alt (rehypeBodyImages).
      if (isRemoteImage(image)) return;
      if ((node.alt ?? '').trim() === '' && !isDecorative(node.alt, target?.title)) {
        problems.push({ line: node.position?.start.line, image, message: missingAltMessage(image) });
      }
    });
    if (problems.length > 0) options.onProblems?.(file, problems);
  };
}

const isWhitespace = (node: ElementContent | HastContent): boolean => node.type === 'text' && node.value.trim() === '';
const isImage = (node: ElementContent | HastContent | undefined): node is Element => node?.type === 'element' && node.tagName === 'img';

/**
 * A paragraph holding one image and nothing else but white space; or a tight list's item holding
 * just that (it has no <p>): the importer writes a figure in a list so.
 */
function standaloneImage(node: Element): Element | undefined {
  if (node.tagName !== 'p' && node.tagName !== 'li') return undefined;
  const content = node.children.filter((child) => !isWhitespace(child));
  return content.length === 1 && isImage(content[0]) ? content[0] : undefined;
}

function figcaption(title: string): Element {
  const { caption, credit } = splitCaption(title);
  const children: ElementContent[] = [];
  if (caption) children.push({ type: 'text', value: caption });
  if (credit) children.push({ type: 'element', tagName: 'span', properties: { className: ['credit'] }, children: [{ type: 'text', value: credit }] });
  return { type: 'element', tagName: 'figcaption', properties: {}, children };
}

/** The figure for an image that stands alone; undefined for a decorative one (it stays as it is). */
function figure(image: Element): Element | undefined {
  const { alt, title } = image.properties;
  if (isDecorative(String(alt ?? ''), typeof title === 'string' ? title : undefined)) return undefined;
  const children: ElementContent[] = [image];
  if (typeof title === 'string' && title !== '') {
    // The caption says it on the page; a tooltip would say it twice.
    delete image.properties.title;
    children.push(figcaption(title));
  }
  return { type: 'element', tagName: 'figure', properties: {}, children };
}

function makeFigures(parent: HastRoot | Element): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child;
    const image = standaloneImage(child);
    const made = image && figure(image);
    if (made) return child.tagName === 'li' ? { ...child, children: [made] } : made;
    makeFigures(child);
    return child;
  }) as typeof parent.children;
}

function images(parent: HastRoot | Element, found: Element[] = [], sources = false): Element[] {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'img' || (sources && child.tagName === 'source')) found.push(child);
    else images(child, found, sources);
  }
  return found;
}

interface AstroFileData {
  astro?: { frontmatter?: Record<string, unknown>; localImagePaths?: string[] };
}

export function rehypeBodyImages(options: BodyImageOptions = {}) {
  return (tree: HastRoot, file: VFile): void => {
    const astro = (file.data as AstroFileData).astro;
    // An img's src, and a <picture>'s <source srcset> (the sanitiser keeps it; the browser prefers it).
    const problems = images(tree, [], true).flatMap((image): ImageProblem[] => {
      const urls = image.tagName === 'source' ? srcsetUrls(image.properties.srcSet) : typeof image.properties.src === 'string' ? [image.properties.src] : [];
      return urls.filter(isRemoteImage).map((src) => ({ line: image.position?.start.line, image: src, message: remoteImageMessage(src) }));
    });
    if (problems.length > 0) options.onProblems?.(file, problems);
    makeFigures(tree);
    const local = new Set(astro?.localImagePaths ?? []);
    const hasLeadImage = astro?.frontmatter?.image != null;
    images(tree).forEach((image, i) => {
      const properties = image.properties;
      if (isDecorative(String(properties.alt ?? ''), typeof properties.title === 'string' ? properties.title : undefined)) {
        delete properties.title;
        properties.alt = '';
      }
      const first = i === 0 && !hasLeadImage;
      properties.loading = first ? 'eager' : 'lazy';
      properties.decoding = 'async';
      if (first) properties.fetchpriority = 'high';
      // Pagefind does not index an attribute's text unless told to: without this, the words of
      // a body image's alt text would be on the page (read aloud, shown when it fails to load)
      // and not in its search record. Named as the attribute: Astro's image step copies a local
      // image's properties to its <img> as they are named.
      if (String(properties.alt ?? '') !== '') properties['data-pagefind-index-attrs'] = 'alt';
      const src = typeof properties.src === 'string' ? safeDecode(properties.src) : undefined;
      // Read by Astro's getImage (through rehype-images), which writes srcset and sizes from them.
      if (src !== undefined && local.has(src)) Object.assign(properties, { widths: IMAGE_WIDTHS, sizes: IMAGE_SIZES });
    });
  };
}

function safeDecode(src: string): string | undefined {
  try {
    return decodeURI(src);
  } catch {
    return undefined;
  }
}
