/**
 * Table cells the page would not show. A GFM table has as many columns as its first row: a later
 * row's cells beyond them are dropped (mdast-util-to-hast), words and all, without a word; most
 * often a `|` in a cell's text that was meant as text. Each such row is refused instead, with its
 * line, the words that would be lost and the fix (body-problems.ts).
 */
import type { Nodes, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { remarkBodyCheck, type BodyProblem } from './body-problems.ts';

const MAX_SHOWN = 60;

const shortened = (text: string): string => (text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN - 1)}…`);

/** How many of each row's cells the page shows: as many as the table's first row has (mdast-util-to-hast). */
export const shownColumns = (table: Table): number => table.children[0]?.children.length ?? 0;

export function tableProblems(tree: Root): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'table') {
      const columns = shownColumns(node);
      for (const row of node.children.slice(1)) {
        // An empty cell beyond them (`| 1 | 2 | |`) loses nothing.
        const extra = row.children.slice(columns);
        if (!extra.some((cell) => cell.children.length > 0)) continue;
        const lost = extra.map((cell) => toString(cell)).join(' | ').trim();
        const shown = /\S/.test(lost.replaceAll('|', '')) ? `"${shortened(lost)}"` : 'no text, but an image or a footnote reference';
        problems.push({
          line: row.position?.start.line,
          message:
            `this table row has ${row.children.length} cells and the table's first row ${columns}, so the page would not show the rest (${shown}): ` +
            'add the columns to the first row (and to the | --- | line under it), or remove the extra cells; a | that belongs to the text is written \\|',
        });
      }
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return problems;
}

export const remarkTableChecks = remarkBodyCheck(tableProblems);
