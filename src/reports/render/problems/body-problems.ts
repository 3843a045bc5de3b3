/**
 * What in a report's body stops it from being published: the build fails, naming the file, the
 * line and the fix, instead of publishing a page that lacks what the publisher wrote or shows it
 * wrongly. Found while rendering: images (../body-images.ts), footnotes (footnote-checks.ts),
 * table cells (table-checks.ts), code fences (code-fence-checks.ts) and link definitions
 * (definition-checks.ts).
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';

export interface BodyProblem {
  /** Line in the Markdown body (1-based), where known. */
  line?: number;
  message: string;
}

/** Receives the problems of each rendered file that has any (the file's path is `file.path`). */
export type OnBodyProblems = (file: VFile, problems: BodyProblem[]) => void;

/**
 * A remark plugin that reports the problems `find` sees in each file's tree (none: nothing is
 * reported); `source` is the body as written, for what the tree does not keep.
 */
export function remarkBodyCheck(find: (tree: Root, source: string) => BodyProblem[]) {
  return (options: { onProblems?: OnBodyProblems } = {}) =>
    (tree: Root, file: VFile): void => {
      const problems = find(tree, String(file.value));
      if (problems.length > 0) options.onProblems?.(file, problems);
    };
}

/** Every problem of one report as lines of an error message, with the file's line numbers. */
export function formatBodyProblems(problems: readonly BodyProblem[], lineOffset = 0): string {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((p) => (p.line === undefined ? p.message : `line ${p.line + lineOffset}: ${p.message}`)).join('\n  ');
}

/**
 * Control characters and bidi overrides, which a body can hold through a character reference
 * (`&#x202E;`): printed as they are, they would act on the terminal or the CI log that shows the
 * message (clear it, erase its own line, reorder its text).
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** The text as a message quotes it: each unprintable character escaped (`\u202E`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
