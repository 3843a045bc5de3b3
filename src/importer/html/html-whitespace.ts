/**
 * White space as HTML has it: the space, tab, line feed, form feed and carriage return, the only
 * characters a browser collapses. JavaScript's `\s` also matches the no-break space
 * (`10&nbsp;000 km` must not break), the ideographic space of Chinese and Japanese text, and
 * U+FEFF (a zero-width no-break space inside a word): text, which collapsing would change, or
 * turn one word into two.
 */
import type { Nodes } from 'hast';
import { toText } from 'hast-util-to-text';

/** Each run of HTML white space made one space; every other character kept. */
export const collapseHtmlWhitespace = (text: string): string => text.replace(/[\t\n\f\r ]+/g, ' ');

/**
 * The text of a subtree as hast-util-to-text reads it (a `<br>` or a block ends a line), for text
 * shown on one line (a title, a caption), each text's runs of HTML white space made one space
 * first: hast-util-to-text's rule that a line break next to a zero-width space is no space (CSS's)
 * removes the break before the line that ends with one instead (`first\nsecond\u200b` would read
 * `firstsecond\u200b`).
 */
export function oneLineText(node: Nodes): string {
  const copy = structuredClone(node);
  const collapse = (child: Nodes) => {
    if (child.type === 'text') child.value = collapseHtmlWhitespace(child.value);
    else if ('children' in child) child.children.forEach(collapse);
  };
  collapse(copy);
  return collapseHtmlWhitespace(toText(copy)).trim();
}
