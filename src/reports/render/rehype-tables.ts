/**
 * Report tables, made to work everywhere:
 * - each table sits in a labelled, keyboard-focusable scroll region (a <section>, so a region
 *   landmark), so a wide GFM table scrolls sideways on a phone instead of widening the page, and
 *   keyboard users can scroll it too (WCAG 2.1.1; axe `scrollable-region-focusable`). The table
 *   keeps `display: table`, so screen readers still announce it as a table;
 * - GFM's column alignment becomes a class (`align-right`...) instead of the obsolete `align`
 *   attribute: valid HTML, and no inline style that the Content-Security-Policy would block.
 * Runs after sanitising: the wrapper and classes are ours, not the author's.
 */
import type { Element, Root } from 'hast';

const ALIGNMENTS = new Set(['left', 'right', 'center']);

function alignCells(node: Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'td' || child.tagName === 'th') {
      const align = child.properties.align;
      if (typeof align === 'string' && ALIGNMENTS.has(align)) {
        const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
        child.properties.className = [...classes, `align-${align}`];
      }
      delete child.properties.align;
    } else alignCells(child);
  }
}

function wrapTables(parent: Root | Element, counter: { n: number }): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName !== 'table') {
      wrapTables(child, counter);
      return child;
    }
    counter.n += 1;
    alignCells(child);
    const wrapper: Element = {
      type: 'element',
      tagName: 'section',
      properties: { className: ['table-scroll'], tabIndex: 0, ariaLabel: `Table ${counter.n}` },
      children: [child],
    };
    return wrapper;
  }) as typeof parent.children;
}

export default function rehypeTables() {
  return (tree: Root): void => wrapTables(tree, { n: 0 });
}
