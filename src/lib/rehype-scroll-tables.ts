/**
 * Wraps every table of a report body in a labelled, keyboard-focusable scroll region, so a wide
 * GFM table scrolls sideways on a phone instead of widening the page, and keyboard users can
 * scroll it too (a scrollable area must be focusable: WCAG 2.1.1, axe `scrollable-region-focusable`).
 * The table keeps `display: table`, so screen readers still announce it as a table.
 * Runs after sanitising: the wrapper is ours, not the author's.
 */
import type { Element, ElementContent, Root } from 'hast';

type Parent = Root | Element;

function wrapTables(parent: Parent, counter: { n: number }): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'table') {
      counter.n += 1;
      const wrapper: ElementContent = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: `Table ${counter.n}` },
        children: [child],
      };
      return wrapper;
    }
    wrapTables(child, counter);
    return child;
  }) as typeof parent.children;
}

export default function rehypeScrollTables() {
  return (tree: Root): void => wrapTables(tree, { n: 0 });
}
