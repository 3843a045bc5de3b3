/**
 * An ordered list that does not start at 1 shows a number the publisher wrote ("1986. A great
 * year" is a list starting at 1986), but as the list's marker, which is not text: Pagefind would
 * not index it, and a search for 1986 would miss the report that shows it. The list's `start`
 * is indexed as the list's first words (`data-pagefind-index-attrs`), as an image's alt text is,
 * and so is an item's own number written in raw HTML (`value`). The numbers after the first
 * follow from it, as written (problems/list-number-checks.ts).
 * Runs after sanitising: the attribute is ours, not the author's.
 */
import type { Element, Root } from 'hast';

/**
 * A number the browser shows as written (a list's start, an item's value): an integer, nothing
 * else (it shows 1 for `start="abc"`, and 12 for `start="12abc"`, which would be indexed as
 * another word).
 */
const SHOWN_AS_WRITTEN = /^[\t\n\f\r ]*[+-]?\d+[\t\n\f\r ]*$/;

function indexListNumbers(parent: Root | Element): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'ol' && SHOWN_AS_WRITTEN.test(String(child.properties.start ?? ''))) child.properties.dataPagefindIndexAttrs = 'start';
    // An item of an ordered list numbered in raw HTML (`<li value="1990">`) shows that number as its marker.
    const numbered = parent.type === 'element' && parent.tagName === 'ol';
    if (numbered && child.tagName === 'li' && SHOWN_AS_WRITTEN.test(String(child.properties.value ?? ''))) child.properties.dataPagefindIndexAttrs = 'value';
    indexListNumbers(child);
  }
}

export default function rehypeListNumbers() {
  return (tree: Root): void => indexListNumbers(tree);
}
