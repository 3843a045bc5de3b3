/**
 * Link definitions the page would not show. A line `[label]: https://… "Title"` is no text: it
 * gives the address of the links that name it (`[words][label]`, `[label]`), and the page shows
 * nothing of it. A definition no link names (a list of sources at the end of a release, written
 * as definitions) loses its address and title without a word, and so does a second definition of
 * a label, which no link reaches (the first wins). Each is refused instead, with its line and the
 * fix (body-problems.ts). A label with a `^` is a footnote written wrong (footnote-checks.ts).
 */
import type { Definition, Nodes, Root } from 'mdast';
import { printable, remarkBodyCheck, type BodyProblem } from './body-problems.ts';

const key = (node: { identifier: string }): string => node.identifier.toUpperCase();

/** The definition as written, for the message: `[label]: address "title"`. */
const written = (node: Definition): string => printable(`[${node.label ?? node.identifier}]: ${node.url}${node.title ? ` "${node.title}"` : ''}`);

export function definitionProblems(tree: Root): BodyProblem[] {
  const definitions: Definition[] = [];
  const used = new Set<string>();
  const walk = (node: Nodes): void => {
    if (node.type === 'definition' && !(node.label ?? node.identifier).startsWith('^')) definitions.push(node);
    if (node.type === 'linkReference' || node.type === 'imageReference') used.add(key(node));
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  const problems: BodyProblem[] = [];
  const first = new Map<string, Definition>();
  for (const node of definitions) {
    const shown = first.get(key(node));
    if (!shown) {
      first.set(key(node), node);
      if (!used.has(key(node))) {
        problems.push({
          line: node.position?.start.line,
          message: `${written(node)} is a link definition that no link in the text uses, so the page would not show it: link to it from the text ([words][${node.label ?? node.identifier}]), or write the address as text (<${printable(node.url)}>)`,
        });
      }
      continue;
    }
    // The same address and title twice lose nothing.
    if (shown.url === node.url && shown.title === node.title) continue;
    problems.push({
      line: node.position?.start.line,
      message: `${written(node)} defines a label defined before${shown.position ? ` (line ${shown.position.start.line})` : ''}, and links use only the first, so the page would not show this one: give it a label of its own and link to it, or remove it`,
    });
  }
  return problems;
}

export const remarkDefinitionChecks = remarkBodyCheck(definitionProblems);
