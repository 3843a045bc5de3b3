/**
 * Sanitises a report body's HTML tree (hast-util-sanitize, the engine of rehype-sanitize) and says
 * what it took away, so that nothing of a report is dropped without the editor being told:
 * - each element, attribute (or class name) and comment the schema removed, with the body lines
 *   it came from;
 * - the words of the visible text that are no longer there afterwards (an element that is not
 *   allowed is replaced by its content, which can run two blocks' words together; a stripped
 *   element loses its content). A script's code is not visible text, so it is not reported.
 *
 * An `<input>` other than a task list's checkbox would be kept as a checkbox without its words
 * (the schema allows no other): it is replaced by the words it shows (control-words.ts), and
 * reported as removed.
 *
 * How the removals are found: every element and comment is tagged, in its `data` (which the
 * sanitiser copies to what it keeps, and which no HTML attribute can set), before sanitising;
 * whatever has no counterpart afterwards was removed, and a counterpart that lacks a property
 * lost it.
 */
import type { Element, Nodes, Root } from 'hast';
import type { VFile } from 'vfile';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toText } from 'hast-util-to-text';
import { find, html } from 'property-information';
import { inputShownText, inputType } from './control-words.ts';
import { printable } from '../problems/body-problems.ts';

export interface Removal {
  /** What was removed, as HTML: `<object>`, `onclick="go()" on <a>`, `class="note" on <div>`, `an HTML comment`. */
  what: string;
  /** The lines of the Markdown body (1-based) it was on, where known. */
  lines: number[];
}

export interface SanitizeReport {
  removed: Removal[];
  /** Words of the visible text before sanitising that are missing (or fewer) after it. */
  lostWords: string[];
}

export interface SanitizeReportedOptions {
  schema: Schema;
  /** Receives each file's report, whether or not anything was removed. */
  onReport?: (file: VFile, report: SanitizeReport) => void;
}

const MARK = 'sanitizeReportedMark';
const LONGEST_VALUE = 60;
const WORD = /[\p{L}\p{N}]+/gu;

type Marked = Extract<Nodes, { type: 'element' | 'comment' | 'doctype' }>;

function markOf(node: Nodes): number | undefined {
  const value = (node.data as Record<string, unknown> | undefined)?.[MARK];
  return typeof value === 'number' ? value : undefined;
}

/** Tags every element, comment and doctype; returns them by tag. */
function mark(tree: Root): Marked[] {
  const marked: Marked[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element' || node.type === 'comment' || node.type === 'doctype') {
      node.data = { ...node.data, [MARK]: marked.length } as typeof node.data;
      marked.push(node);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return marked;
}

/** The sanitised nodes by tag, with the tags taken off again. */
function unmark(tree: Nodes): Map<number, Nodes> {
  const kept = new Map<number, Nodes>();
  const visit = (node: Nodes) => {
    const tag = markOf(node);
    if (tag !== undefined) {
      kept.set(tag, node);
      const { [MARK]: _, ...rest } = node.data as Record<string, unknown>;
      if (Object.keys(rest).length > 0) node.data = rest as typeof node.data;
      else delete node.data;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return kept;
}

/** A removed value as the warning shows it: unprintable characters escaped (`\u001B`), long ones cut. */
function shown(value: string): string {
  return printable(value.length > LONGEST_VALUE ? `${value.slice(0, LONGEST_VALUE)}…` : value);
}

/**
 * A removed comment as the warning names it. HTML reads a CDATA section or a processing
 * instruction in a body as a comment, so their words are not shown (no browser would show them
 * either): unlike a comment's, they were likely meant as text, so they are quoted.
 */
function commentRemoval(value: string): string {
  if (value.startsWith('[CDATA[')) return `a CDATA section, which HTML does not show ("${shown(value.slice('[CDATA['.length).replace(/\]\]$/, '').trim())}")`;
  if (value.startsWith('?')) return `a processing instruction, which HTML does not show ("${shown(value.replace(/^\?|\?$/g, '').trim())}")`;
  return 'an HTML comment';
}

function attribute(key: string, value: unknown): string {
  const info = find(html, key);
  if (value === true) return info.attribute;
  const text = Array.isArray(value) ? value.join(info.commaSeparated ? ', ' : ' ') : String(value);
  return `${info.attribute}="${shown(text)}"`;
}

/** What the sanitiser removed from an element it kept: whole properties, or some items of a list. */
function removedProperties(before: Element, after: Element, schema: Schema): string[] {
  const removed: string[] = [];
  for (const [key, value] of Object.entries(before.properties)) {
    if (value === undefined || value === null || value === false) continue;
    const kept = after.properties[key];
    if (kept === undefined || kept === null) {
      removed.push(`${attribute(key, value)} on <${before.tagName}>`);
    } else if (Array.isArray(value) && Array.isArray(kept) && !schema.clobber?.includes(key)) {
      const lost = value.filter((item) => !kept.includes(item));
      if (lost.length > 0) removed.push(`${attribute(key, lost)} on <${before.tagName}>`);
    }
  }
  return removed;
}

function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.match(WORD) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function lostWords(before: Root, after: Nodes): string[] {
  const kept = countWords(toText(after));
  return [...countWords(toText(before))].filter(([word, count]) => count > (kept.get(word) ?? 0)).map(([word]) => word);
}

const isInput = (node: Nodes): node is Element => node.type === 'element' && node.tagName === 'input';

/**
 * Replaces every `<input>` but a checkbox by the words it shows, apart from its neighbours as the
 * control stands apart on a page (a hidden one shows nothing and stands nowhere); returns each one
 * replaced, as the warning names it.
 */
function inputsAsText(tree: Root): { what: string; node: Element }[] {
  const replaced: { what: string; node: Element }[] = [];
  const asText = (input: Element): Nodes[] => {
    const type = inputType(input.properties);
    if (type === 'checkbox') return [input];
    const words = inputShownText(input.properties).trim();
    replaced.push({ what: words ? `<input type="${type}">, shown as its words "${shown(words)}"` : `<input type="${type}">`, node: input });
    if (type === 'hidden') return [];
    return [{ type: 'text', value: words ? ` ${words} ` : ' ', ...(input.position ? { position: input.position } : {}) }];
  };
  const visit = (node: Nodes) => {
    if (!('children' in node)) return;
    // Most bodies have none: their child lists are left as they are.
    if (node.children.some(isInput)) node.children = node.children.flatMap((child) => (isInput(child) ? asText(child) : [child])) as typeof node.children;
    for (const child of node.children) visit(child);
  };
  visit(tree);
  return replaced;
}

export function sanitizeReported(tree: Root, schema: Schema): { tree: Root; report: SanitizeReport } {
  const inputs = inputsAsText(tree);
  const marked = mark(tree);
  const clean = sanitize(tree, schema) as Root;
  const kept = unmark(clean);
  const removals = new Map<string, number[]>();
  const note = (what: string, node: Nodes) => {
    const lines = removals.get(what) ?? [];
    const line = node.position?.start.line;
    if (line !== undefined && !lines.includes(line)) lines.push(line);
    removals.set(what, lines);
  };
  for (const { what, node } of inputs) note(what, node);
  let elementRemoved = false;
  marked.forEach((node, tag) => {
    const counterpart = kept.get(tag);
    if (node.type === 'comment') {
      if (!counterpart) note(commentRemoval(node.value), node);
    } else if (node.type === 'doctype') {
      if (!counterpart) note('a doctype', node);
    } else if (!counterpart) {
      elementRemoved = true;
      note(schema.strip?.includes(node.tagName) ? `<${node.tagName}> with its content` : `<${node.tagName}>`, node);
    } else if (counterpart.type === 'element') {
      for (const what of removedProperties(node, counterpart, schema)) note(what, node);
      // A list the sanitiser emptied (every class removed) would still be written, as class="".
      for (const [key, value] of Object.entries(counterpart.properties)) {
        if (Array.isArray(value) && value.length === 0) delete counterpart.properties[key];
      }
    }
  });
  return {
    tree: clean,
    report: {
      removed: [...removals].map(([what, lines]) => ({ what, lines })),
      // Only a removed element can change the text; most reports have none, and this is the costly part.
      lostWords: elementRemoved ? lostWords(tree, clean) : [],
    },
  };
}

export default function rehypeSanitizeReported(options: SanitizeReportedOptions) {
  return (tree: Root, file: VFile): Root => {
    const { tree: clean, report } = sanitizeReported(tree, options.schema);
    options.onReport?.(file, report);
    return clean;
  };
}
