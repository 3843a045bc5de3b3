/**
 * Whether passing a finished hast tree through an HTML parser again (rehype-raw: hast-util-raw,
 * parse5's tree construction as a fragment, hast-util-from-parse5) would leave its HTML as it is.
 *
 * The parser keeps an element where it is unless one of its tree-construction rules moves or closes
 * something, and those rules are few and named by the HTML standard ("in body", "in table" and
 * the other insertion modes). Every rule that can act on a well-nested tree is checked here, for a
 * closed list of elements; anything else (an element not listed, a comment, a doctype, a raw node,
 * a NUL character, an attribute whose value may not survive) answers "not known", and the tree is
 * parsed again.
 * The rules, as parse5 8 applies them to tags given in tree order (as hast-util-raw gives them):
 * - A start tag of a block (`div`, `ul`, `table`, `h2`, `pre`, `hr`, `li`, ...) closes an open
 *   `<p>`: such an element has no `p` ancestor.
 * - A heading's start tag closes a heading it is directly in: no heading inside a heading.
 * - `<li>` closes an open `li` unless a list lies between them: its parent is a list (`dd`, `dt`
 *   likewise, in a `dl`).
 * - `<a>` inside an open `a` closes it (the adoption agency): no `a` inside an `a`.
 * - Table parts are kept only in their place: a `tr` directly in a `table` gets a `tbody`, a cell
 *   outside a row is dropped, anything but white space or a table part directly in a table, body
 *   or row is moved before the table ("foster parenting"). Each part sits in its own parent, and
 *   those parents hold nothing else.
 * - A void element (`img`, `br`, `input`, ...) gets no end tag: it has no children.
 * - A line feed right after `<pre>` is dropped, even after the start tags of its first children
 *   (hast-util-raw gives start tags past the step that would forget it): no `pre` whose text
 *   begins with one.
 * - Formatting elements (`em`, `code`, `a`, ...) are re-opened only when one was closed out of
 *   order, which a well-nested tree without the closings above never has.
 * Attributes go through hast-util-to-parse5 and back through hastscript: a value survives when
 * its property maps to an attribute that maps back to it, and it is a string (or a list of plain
 * words for a space-separated one, a number for a numeric one, `true` for a boolean one). `true`
 * on any other attribute comes back as `""` (remark-rehype's `data-footnote-ref`, written
 * `data-footnote-ref` before the parse and `data-footnote-ref=""` after it): that change is made
 * here, as the parse would make it. Adjacent text nodes are merged by the parser, which the HTML
 * does not show.
 *
 * Measured, not assumed: tests/unit/reports/final-raw.test.ts parses generated trees (of these
 * elements and others, in and out of place, with attributes of every kind) and renders generated
 * bodies (Markdown of every construct, raw HTML the sanitiser keeps, unwraps or removes); wherever
 * this says the parse changes nothing, the HTML is the same without it. Without any one of the
 * rules above, some of those trees come out differently.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { find, html } from 'property-information';

/** Blocks whose start tag closes an open `<p>` ("in body": address, article, ..., ul; table; hr). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset',
  'figcaption', 'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section',
  'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'hr', 'li', 'dd', 'dt',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Formatting elements but `a` and `nobr` (kept in the active formatting list; see the comment above). */
const FORMATTING = new Set(['b', 'big', 'code', 'em', 'font', 'i', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** "Any other start tag" in body: inserted where it is, nothing else. */
const ORDINARY = new Set(['abbr', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'ins', 'kbd', 'mark', 'q', 'ruby', 'samp', 'span', 'sub', 'sup', 'time', 'var']);
const VOID = new Set(['br', 'col', 'hr', 'img', 'input', 'wbr']);
/** Each table part, and the parents the parser keeps it in. */
const TABLE_PARTS: Readonly<Record<string, readonly string[]>> = {
  caption: ['table'], colgroup: ['table'], thead: ['table'], tbody: ['table'], tfoot: ['table'],
  col: ['colgroup'], tr: ['thead', 'tbody', 'tfoot'], td: ['tr'], th: ['tr'],
};
/** List items, and the lists that stop their start tag from closing an item around them. */
const LIST_ITEMS: Readonly<Record<string, readonly string[]>> = { li: ['ul', 'ol', 'menu'], dd: ['dl'], dt: ['dl'] };
/** Elements whose element children can only be their parts, and whose text only white space. */
const PARTS_ONLY = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);
const KNOWN = new Set([...CLOSES_P, ...FORMATTING, ...ORDINARY, ...VOID, ...Object.keys(TABLE_PARTS), ...Object.keys(LIST_ITEMS), 'a']);
/** White space as hast-util-raw splits it off text (parse5's "whitespace character" tokens). */
const WHITESPACE = /^[\t\n\f\r ]*$/;

interface Ancestry {
  parent: string | undefined;
  inP: boolean;
  inHeading: boolean;
  inA: boolean;
}

/** A property that comes back from the parse as `''` rather than as it is (see the comment above). */
type Fix = { properties: NonNullable<Element['properties']>; key: string };

/** Whether `key: value` serialises the same after hast-util-to-parse5 and hastscript; `'empty'` if it comes back as `''`. */
function attributeFate(key: string, value: unknown): 'same' | 'empty' | 'changed' {
  if (Object.hasOwn(Object.prototype, key)) return 'changed';
  const info = find(html, key);
  if (!info || (info.space && info.space !== 'html') || Object.hasOwn(Object.prototype, info.attribute) || find(html, info.attribute)?.property !== key) return 'changed';
  const listed = info.spaceSeparated || info.commaSeparated || info.commaOrSpaceSeparated;
  const booleanish = info.boolean || info.overloadedBoolean;
  if (value === null || value === undefined || value === false) return 'same';
  if (value === true) return booleanish ? 'same' : listed || info.number ? 'changed' : 'empty';
  if (typeof value === 'number') return info.number && Number.isFinite(value) ? 'same' : 'changed';
  if (typeof value === 'string') return listed || booleanish || info.number ? 'changed' : 'same';
  if (Array.isArray(value) && info.spaceSeparated && !booleanish && !info.number) {
    const words = value.length > 0 && value.every((item) => typeof item === 'string' && /^[^\t\n\f\r ]+$/.test(item));
    return words ? 'same' : 'changed';
  }
  return 'changed';
}

/** Whether the parser drops a line feed from the start of this `pre`: `undefined` while no token has decided it. */
function dropsLeadingLineFeed(children: readonly ElementContent[]): boolean | undefined {
  for (const child of children) {
    if (child.type === 'text') {
      if (child.value !== '') return child.value.startsWith('\n');
    } else if (child.type === 'element' && !VOID.has(child.tagName)) {
      // Its end tag (after its own children) clears the parser's flag.
      return dropsLeadingLineFeed(child.children) ?? false;
    }
  }
  return undefined;
}

function elementKept(node: Element, at: Ancestry, fixes: Fix[]): boolean {
  const name = node.tagName;
  if (!KNOWN.has(name) || node.content !== undefined) return false;
  if (CLOSES_P.has(name) && at.inP) return false;
  if (HEADINGS.has(name) && at.inHeading) return false;
  if (name === 'a' && at.inA) return false;
  const parents = TABLE_PARTS[name] ?? LIST_ITEMS[name];
  if (parents && !parents.includes(at.parent ?? '')) return false;
  if (at.parent !== undefined && PARTS_ONLY.has(at.parent) && !TABLE_PARTS[name]) return false;
  if (VOID.has(name) && node.children.length > 0) return false;
  if (name === 'pre' && dropsLeadingLineFeed(node.children)) return false;
  const properties = node.properties ?? {};
  for (const [key, value] of Object.entries(properties)) {
    const fate = attributeFate(key, value);
    if (fate === 'changed') return false;
    if (fate === 'empty') fixes.push({ properties, key });
  }
  const inside: Ancestry = {
    parent: name,
    inP: at.inP || name === 'p',
    inHeading: at.inHeading || HEADINGS.has(name),
    inA: at.inA || name === 'a',
  };
  return node.children.every((child) => childKept(child, inside, fixes));
}

function childKept(node: RootContent, at: Ancestry, fixes: Fix[]): boolean {
  if (node.type === 'text') {
    return typeof node.value === 'string' && !node.value.includes('\0') && (at.parent === undefined || !PARTS_ONLY.has(at.parent) || WHITESPACE.test(node.value));
  }
  return node.type === 'element' && elementKept(node, at, fixes);
}

/**
 * True if parsing `tree` as HTML again would not change its HTML; then its attribute values are
 * also made what the parse would make them. False (and the tree untouched) if that is not known.
 */
export function settleAsReparsed(tree: Root): boolean {
  const fixes: Fix[] = [];
  const top: Ancestry = { parent: undefined, inP: false, inHeading: false, inA: false };
  if (!tree.children.every((child) => childKept(child, top, fixes))) return false;
  for (const { properties, key } of fixes) properties[key] = '';
  return true;
}
