/**
 * GFM's tagfilter, on the Markdown tree. GitHub shows `<title>`, `<textarea>`, `<style>`, `<xmp>`,
 * `<iframe>`, `<noembed>`, `<noframes>`, `<script>` and `<plaintext>` in raw HTML as literal text:
 * an HTML parser reads everything after one of these as their raw content (a `<textarea>` or an
 * `<xmp>` would swallow the rest of the paragraph, a `<plaintext>` the rest of the report).
 * `micromark-extension-gfm-tagfilter` does this only for micromark's own HTML output, so here the
 * same substitution (`<` becomes `&lt;` before those tag names) is applied to every raw HTML node
 * of the Markdown tree, before it reaches the HTML parser (rehype-raw).
 */
import type { Nodes, Root } from 'mdast';

// As micromark-extension-gfm-tagfilter: an opening or closing tag of a filtered name, followed by
// what ends a tag name in HTML. The end of the node counts too: rehype-raw feeds consecutive raw
// nodes to one parser, so a tag could otherwise be completed by the next node.
const FILTERED_TAG = /<(\/?)(iframe|noembed|noframes|plaintext|script|style|textarea|title|xmp)(?=[\t\n\f\r />]|$)/gi;

/** The raw HTML with the tagfilter's tags escaped, so that they read as text. */
export function tagfilter(html: string): string {
  return html.replace(FILTERED_TAG, '&lt;$1$2');
}

function filter(node: Nodes): void {
  if (node.type === 'html') node.value = tagfilter(node.value);
  else if ('children' in node) for (const child of node.children) filter(child);
}

export default function remarkTagfilter() {
  return (tree: Root): void => filter(tree);
}
