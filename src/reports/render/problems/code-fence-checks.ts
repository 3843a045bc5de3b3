/**
 * Words on a code fence's opening line that the page would not show. After the fence (```` ``` ````
 * or `~~~`) CommonMark reads an info string: its first word becomes the code's language (a class,
 * not text) and the rest, its "meta", is dropped by mdast-util-to-hast. A line such as
 * `~~~ Breaking news ~~~` or ```` ```Statement by the minister ```` opens a code block and loses
 * its words without a word; each such fence is refused instead, with its line, the words and the
 * fix (body-problems.ts); so is one whose single word is no language's name (```` ```Update: ````).
 * A fence with a language alone (```` ```js ````) shows all it should. Line highlighting copied
 * from a documentation site (```` ```js {1,3} ````, ```` ```js{4} ````) is refused with its own
 * fix: delete the braces.
 */
import type { Nodes, Root } from 'mdast';
import { printable, remarkBodyCheck, type BodyProblem } from './body-problems.ts';

const MAX_SHOWN = 60;
/**
 * What a language's name is made of (`js`, `c++`, `objective-c`, `f#`); anything else after a
 * fence (`Update:`, `Breaking~~~`, words joined by a no-break space) is words, not a language.
 */
const LANGUAGE = /^[\p{L}\p{N}_+#.-]+$/u;
/**
 * A language and the lines to highlight, as documentation sites write them: ```` ```js {1,3-5} ````,
 * or ```` ```js{4} ```` (VitePress).
 */
const LINE_HIGHLIGHTING = /^([\p{L}\p{N}_+#.-]+)\s*(\{[\d\s,-]+\})$/u;

export function codeFenceProblems(tree: Root): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'code' && (node.meta || (node.lang && !LANGUAGE.test(node.lang)))) {
      const info = [node.lang, node.meta].filter(Boolean).join(' ');
      const shown = printable(info.length <= MAX_SHOWN ? info : `${info.slice(0, MAX_SHOWN - 1)}…`);
      const highlighting = LINE_HIGHLIGHTING.exec(info);
      problems.push({
        line: node.position?.start.line,
        message: highlighting
          ? `this code block's fence asks for lines to be highlighted ("${shown}"), which the archive does not do, and the braces would not be shown: delete the braces (${printable(highlighting[2]!)}), keeping the language (${printable(highlighting[1]!)})`
          : `this line opens a code block, and the words after its fence ("${shown}") would not be shown: a fence's line holds only the code's language (\`\`\`js). ` +
            'If the line is text, not the start of code, escape its fence (\\``` or \\~~~) and any fence that closes it; if it is code, put the words in the text before the block',
      });
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return problems;
}

export const remarkCodeFenceChecks = remarkBodyCheck(codeFenceProblems);
