/**
 * remark-gfm, with the costly GFM constructs left out of the parse of a body that cannot hold them.
 *
 * Most of a report's rendering time is micromark's (the Markdown tokenizer), and most of that is
 * spent on two GFM constructs that most reports never use: the email autolink literal is tried at
 * the start of every word (`contact@example.org` needs no brackets), and the table at the start
 * of every paragraph line, which it reads to its end before the next line shows it is no table.
 * Measured on generated reports of 400-900 words: 2.4 ms of micromark per report with them, 0.9 ms
 * without.
 *
 * Each construct needs characters that must be written as such in the body (a character reference
 * such as `&#64;` is never part of one): an email autolink `@`; a www autolink `www.`; an http one
 * `http://` or `https://` (any case); a table's delimiter row a `|`, or a colon next to a hyphen
 * (`:--` or `--:` makes a one-column table without pipes). A body without them is parsed without
 * those constructs, which cannot change what it becomes: a construct tried and failed leaves
 * nothing behind in micromark (its attempt is undone).
 *
 * GFM also finds autolink literals after parsing, in the tree's text (mdast-util-gfm-autolink-
 * literal's transform: four regular expressions with look-behinds over every text node, about a
 * tenth of a report's rendering). That text is decoded, so the body may not show what the transform finds: a
 * character reference makes any character (`&#64;` an `@`), and a backslash escape any punctuation
 * (`www\.example.org` is the text `www.example.org`, which the transform links). Everything it
 * links starts with `http://`, `https://` or `www.` (any case) or holds an `@`; escapes make no
 * letters. So a body with no `&`, no `@` and neither `www` nor `http` (any case) is parsed
 * without the transform. Everything else (footnotes, task lists, strikethrough) is always on.
 */
import remarkGfm from 'remark-gfm';
import { fromMarkdown, type Options as FromMarkdownOptions } from 'mdast-util-from-markdown';
import type { Root } from 'mdast';
import type { Processor } from 'unified';

type SyntaxExtension = NonNullable<FromMarkdownOptions['extensions']>[number];

/** What remark-parse reads from the processor's data (its own types declare them on unified's Data). */
interface ParseData {
  settings?: Record<string, unknown>;
  micromarkExtensions?: SyntaxExtension[];
  fromMarkdownExtensions?: NonNullable<FromMarkdownOptions['mdastExtensions']>;
}

/** The constructs (by their micromark name) that can be left out, and what a body needs to hold one. */
export const OPTIONAL_CONSTRUCTS: Readonly<Record<string, RegExp>> = {
  emailAutolink: /@/,
  wwwAutolink: /www\./i,
  protocolAutolink: /https?:\/\//i,
  table: /\||:-|-:/,
};

/**
 * What a body needs for the autolink transform to find anything in its decoded text: a character
 * reference (`&`), an `@`, or the letters of `www` or `http` (an escape may supply the punctuation).
 */
export const AUTOLINK_TEXT = /[&@]|www|http/i;

/** The optional constructs a body cannot hold, sorted. Pure. */
export function constructsNotNeeded(body: string): string[] {
  return Object.keys(OPTIONAL_CONSTRUCTS).filter((name) => !OPTIONAL_CONSTRUCTS[name]!.test(body)).sort();
}

/** A copy of a micromark syntax extension without the constructs of those names. Pure. */
export function withoutConstructs(extension: SyntaxExtension, names: ReadonlySet<string>): SyntaxExtension {
  const named = (item: unknown): item is { name: string } =>
    typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string';
  const copy: Record<string, unknown> = {};
  for (const [hook, record] of Object.entries(extension as Record<string, Record<string, unknown> | undefined>)) {
    if (!record || typeof record !== 'object') {
      copy[hook] = record;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(record)) {
      const list = (Array.isArray(value) ? value : [value]).filter((item) => !(named(item) && names.has(item.name)));
      // A code left with no construct is no break in the text at all, as without the extension.
      if (list.length > 0) kept[code] = Array.isArray(value) ? list : list[0];
    }
    copy[hook] = kept;
  }
  return copy as SyntaxExtension;
}

type MdastExtensions = NonNullable<FromMarkdownOptions['mdastExtensions']>;
type MdastExtension = Exclude<MdastExtensions[number], unknown[]>;

/** The mdast extensions without the autolink literal's transform (found by its token handlers), or an error naming what is missing. */
export function withoutAutolinkTransform(extensions: MdastExtensions): MdastExtensions {
  let found = 0;
  const strip = (list: readonly unknown[]): unknown[] =>
    list.map((item) => {
      if (Array.isArray(item)) return strip(item);
      const extension = item as MdastExtension;
      if (!extension.enter?.literalAutolink || extension.transforms?.length !== 1) return extension;
      found++;
      const { transforms: _, ...rest } = extension;
      return rest;
    });
  const stripped = strip(extensions) as MdastExtensions;
  if (found !== 1) {
    throw new Error(
      `remark-gfm-lean.ts: expected remark-gfm to add one autolink literal extension (handlers for literalAutolink and one transform), found ${found}; ` +
        'check the installed mdast-util-gfm-autolink-literal and adapt the plugin.',
    );
  }
  return stripped;
}

export default function remarkGfmLean(this: Processor): void {
  remarkGfm.call(this);
  const data = this.data() as ParseData;
  const extensions = data.micromarkExtensions ?? [];
  // remark-gfm's own, just added; the others (none today) stay as they are.
  const gfm = extensions.at(-1)!;
  const variants = new Map<string, SyntaxExtension>();
  const gfmFor = (body: string): SyntaxExtension => {
    const left = constructsNotNeeded(body);
    if (left.length === 0) return gfm;
    const key = left.join(' ');
    let variant = variants.get(key);
    if (!variant) variants.set(key, (variant = withoutConstructs(gfm, new Set(left))));
    return variant;
  };
  // Checked here, so that a changed remark-gfm fails at setup; made at the first parse, when every
  // plugin has added its extensions.
  withoutAutolinkTransform(data.fromMarkdownExtensions ?? []);
  let withoutTransform: MdastExtensions | undefined;
  const mdastFor = (body: string): MdastExtensions => {
    const all = data.fromMarkdownExtensions ?? [];
    return AUTOLINK_TEXT.test(body) ? all : (withoutTransform ??= withoutAutolinkTransform(all));
  };
  // As remark-parse's parser (set before this plugin runs), with GFM fitted to the body.
  this.parser = (document: string): Root =>
    fromMarkdown(document, {
      ...data.settings,
      extensions: (data.micromarkExtensions ?? []).map((extension: SyntaxExtension) => (extension === gfm ? gfmFor(document) : extension)),
      mdastExtensions: mdastFor(document),
    });
}
