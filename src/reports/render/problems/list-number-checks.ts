/**
 * Numbers of a Markdown list that the page would change. An ordered list is numbered from its
 * first item's number on, whatever the others say: `1986. A great year` then `1990. Another`
 * shows 1986 and 1987, and `1. 2. 2.` shows 1, 2, 3. Written one after another, or all alike
 * (`1. 1. 1.`, Markdown's way of letting the page count), the numbers are what the page shows;
 * otherwise the list is refused, with the item's line, its number as written and as shown, and
 * the fix (body-problems.ts). The importer writes its lists one after another.
 */
import type { List, Nodes, Root } from 'mdast';
import { remarkBodyCheck, type BodyProblem } from './body-problems.ts';

/** The number an ordered list item's marker says, read from the body at the item's start. */
const MARKER = /^(\d{1,9})[.)]/;

function writtenNumbers(list: List, source: string): (number | undefined)[] {
  return list.children.map((item) => {
    const at = item.position?.start.offset;
    const marker = at === undefined ? null : MARKER.exec(source.slice(at, at + 11));
    return marker ? Number(marker[1]) : undefined;
  });
}

export function listNumberProblems(tree: Root, source: string): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'list' && node.ordered) {
      const written = writtenNumbers(node, source);
      const start = node.start ?? 1;
      const allAlike = written.every((n) => n === undefined || n === written[0]);
      const changed = allAlike ? -1 : written.findIndex((n, i) => n !== undefined && n !== start + i);
      if (changed >= 0) {
        problems.push({
          line: node.children[changed]!.position?.start.line,
          message:
            `this list item is numbered ${written[changed]}, but the page would show ${start + changed}: a Markdown list numbers its items one after another from the first one's number (${start}). ` +
            `Number the items one after another; if the numbers are text (years), not the list's, escape each one's dot (${start}\\. and ${written[changed]}\\.), so that its line is a paragraph`,
        });
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return problems;
}

export const remarkListNumberChecks = remarkBodyCheck(listNumberProblems);
