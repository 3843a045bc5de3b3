/**
 * Parses a body's raw HTML into the tree (rehype-raw), so that the sanitiser sees elements
 * rather than opaque raw strings (which it would drop whole, text and all). Most reports have no
 * raw HTML, and parsing re-builds the whole tree through an HTML parser, so a tree without raw
 * nodes is left as it is (Astro's own rehype-raw, at the end of its pipeline, runs only where it
 * can change the HTML: reparse/rehype-final-raw.ts).
 */
import rehypeRaw from 'rehype-raw';
import type { Nodes, Root } from 'hast';
import type { VFile } from 'vfile';

// `raw` nodes (remark-rehype's, for HTML in Markdown) are not among hast's own node types.
function hasRaw(node: Nodes): boolean {
  return (node.type as string) === 'raw' || ('children' in node && node.children.some(hasRaw));
}

export default function rehypeRawHtml() {
  const parse = (rehypeRaw as unknown as () => (tree: Root, file: VFile) => Root)();
  return (tree: Root, file: VFile): Root => (hasRaw(tree) ? parse(tree, file) : tree);
}
