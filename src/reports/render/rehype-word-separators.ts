/**
 * White space between the blocks of a report's raw HTML, so that no tool reading the page's text
 * runs two of its words together.
 *
 * A browser shows `<dl><dt>Launch</dt><dd>July 2020</dd></dl>` on two lines, but the HTML holds
 * no space between `Launch` and `July`. Pagefind's indexer separates some blocks (`<p>`, `<div>`,
 * `<li>`, `<td>`) and not others (`<dt>`/`<dd>`, `<th>`, `<summary>`, text after a
 * `<blockquote>` or `<pre>`), so such words were indexed as one (`launchjuly`) and a search for
 * either found nothing. The same happens to a form's controls, which the sanitiser removes but
 * keeps the text of: `<label>Name</label><button>Send</button>` would become `NameSend`.
 *
 * So, before sanitising, a line break is put wherever a block or a form control meets a
 * neighbouring node with no white space between them. A browser draws nothing for white space
 * between blocks, or at the start or end of a line, so the page looks the same. Inside `<pre>`
 * (and the other elements whose white space is shown) nothing is added.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/**
 * Elements a browser draws apart from their neighbours: the blocks, cells and rows of the
 * innerText algorithm (as hast-util-to-text, which the sanitiser's lost-words check reads), line
 * breaks, and form controls.
 */
const SEPARATED = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp',
  // Form controls with words of their own, which the sanitiser removes and keeps the words of.
  // Not <input> (a task list's checkbox, which the page keeps: a space after it would show) or
  // <output> (inline text).
  'button', 'meter', 'optgroup', 'option', 'progress', 'select', 'textarea',
]);

/** Separated elements with no content: only what follows them needs setting apart (`a<br>b`). */
const EMPTY = new Set(['br', 'hr']);

/** Elements whose white space is shown as written: nothing is added inside them. */
const WHITESPACE_SHOWN = new Set(['pre', 'textarea', 'listing', 'plaintext', 'xmp', 'script', 'style']);

const HTML_SPACE_AT_START = /^[\t\n\f\r ]/;
const HTML_SPACE_AT_END = /[\t\n\f\r ]$/;

type Child = RootContent | ElementContent;

const isSeparated = (node: Child): boolean => node.type === 'element' && SEPARATED.has(node.tagName);
const isEmpty = (node: Child): boolean => node.type === 'element' && EMPTY.has(node.tagName);

/** Whether a reader of the text would see a word boundary between `before` and `after` without help. */
function alreadyApart(before: Child, after: Child): boolean {
  return (before.type === 'text' && HTML_SPACE_AT_END.test(before.value)) || (after.type === 'text' && HTML_SPACE_AT_START.test(after.value));
}

function separate(parent: Root | Element): void {
  if (parent.type === 'element' && WHITESPACE_SHOWN.has(parent.tagName)) return;
  const children: Child[] = [];
  // The last node that is text or an element: a comment between two blocks is removed later.
  let previous: Child | undefined;
  for (const child of parent.children as Child[]) {
    if (child.type === 'text' || child.type === 'element') {
      if (previous && (isSeparated(previous) || (isSeparated(child) && !isEmpty(child))) && !alreadyApart(previous, child)) {
        children.push({ type: 'text', value: '\n' });
      }
      previous = child;
    }
    children.push(child);
    if (child.type === 'element') separate(child);
  }
  parent.children = children as typeof parent.children;
}

export default function rehypeWordSeparators() {
  return (tree: Root): void => separate(tree);
}
