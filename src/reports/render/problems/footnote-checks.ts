/**
 * Footnotes the page would not show. GFM (mdast-util-to-hast, under remark-rehype) renders a
 * footnote only if the text refers to it, directly or from a footnote it shows, and of two
 * footnotes with one label only the first: the words of the others vanish from the page without
 * a word. A footnote whose label holds white space is no footnote at all: Markdown reads
 * `[^source 1]: ...` as a link definition, which no page shows. Each is refused instead, with its
 * line and the fix (body-problems.ts).
 *
 * Labels are compared as mdast-util-to-hast compares them: the parsed identifier (its case
 * already folded by micromark), upper-cased. A reference in a table cell beyond the table's
 * first row's cells does not count: that cell is not shown either (table-checks.ts).
 */
import type { Definition, FootnoteDefinition, Nodes, Root } from 'mdast';
import { remarkBodyCheck, type BodyProblem } from './body-problems.ts';
import { shownColumns } from './table-checks.ts';

const key = (node: { identifier: string }): string => node.identifier.toUpperCase();

const label = (node: FootnoteDefinition): string => `[^${node.label ?? node.identifier}]`;

/** A link definition written as a footnote: `[^source 1]: ...`. */
function spacedFootnoteProblem(node: Definition): BodyProblem | undefined {
  const written = node.label ?? node.identifier;
  if (!written.startsWith('^')) return undefined;
  const fixed = written.slice(1).trim().split(/\s+/).join('-');
  return {
    line: node.position?.start.line,
    message: `[${written}]: is not a footnote: a footnote's label cannot hold spaces, so Markdown reads the line as a link definition, which the page does not show. Write the label without spaces, here and where the text refers to it (for example [^${fixed}])`,
  };
}

export function footnoteProblems(tree: Root): BodyProblem[] {
  const problems: BodyProblem[] = [];
  /** The footnote each label shows, the first defined. */
  const shownFor = new Map<string, FootnoteDefinition>();
  /** Labels the text refers to, and those each footnote refers to. */
  const fromText: string[] = [];
  const fromFootnote = new Map<FootnoteDefinition, string[]>();
  const walk = (node: Nodes, within: FootnoteDefinition | undefined): void => {
    if (node.type === 'definition') {
      const problem = spacedFootnoteProblem(node);
      if (problem) problems.push(problem);
      return;
    }
    if (node.type === 'footnoteDefinition') {
      if (shownFor.has(key(node))) {
        problems.push({
          line: node.position?.start.line,
          message: `the footnote ${label(node)} is defined twice, and the page would show only the first: merge the two, or give this one a label of its own and refer to it`,
        });
        return; // never rendered, so neither are the references in it
      }
      shownFor.set(key(node), node);
      fromFootnote.set(node, []);
      within = node;
    }
    if (node.type === 'footnoteReference') (within ? fromFootnote.get(within)! : fromText).push(key(node));
    if (node.type === 'table') {
      const columns = shownColumns(node);
      for (const row of node.children) for (const cell of row.children.slice(0, columns)) walk(cell, within);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child, within);
  };
  walk(tree, undefined);
  const shown = new Set<string>();
  const toVisit = [...fromText];
  while (toVisit.length > 0) {
    const id = toVisit.pop()!;
    const footnote = shownFor.get(id);
    if (!footnote || shown.has(id)) continue;
    shown.add(id);
    toVisit.push(...fromFootnote.get(footnote)!);
  }
  for (const [id, footnote] of shownFor) {
    if (shown.has(id)) continue;
    problems.push({
      line: footnote.position?.start.line,
      message:
        `the footnote ${label(footnote)} is not referred to in the text (nor in a footnote the page shows), so the page would not show it: ` +
        `refer to it where it belongs with ${label(footnote)} (inside raw HTML, or an image's alt text or caption, that is not a reference), or delete it`,
    });
  }
  return problems;
}

export const remarkFootnoteChecks = remarkBodyCheck(footnoteProblems);
