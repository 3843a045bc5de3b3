/**
 * Astro's final HTML parse, run only on a tree it could change.
 *
 * `@astrojs/markdown-remark` 7 ends every pipeline it builds with its own rehype-raw, after our
 * rehype plugins: `.use(rehypeRaw).use(rehypeStringify, ...)`. By then our rehype-raw-html.ts has
 * parsed the body's raw HTML and the sanitiser has run, so no raw node is left; yet the parse
 * rebuilds every tree through parse5, about a quarter of a report's rendering time. It cannot be
 * left out in the config, and it is not a no-op on every tree: with or without raw HTML in the
 * body, the parse takes apart a footnote call inside a link's text (an `a` in an `a`), moves text
 * the sanitiser left directly in a table, drops a line feed at the start of a code block, and
 * writes remark-rehype's `data-footnote-ref` as `data-footnote-ref=""`. So it is skipped only
 * where reparse-fixpoint.ts shows it changes nothing (writing such attributes as the parse does),
 * and runs as before on any other tree.
 *
 * Unified calls this attacher while it freezes the processor, when the attachers after it are
 * already listed in `this.attachers`; it puts the guarded parse in the place of Astro's. If the
 * pipeline does not end as described (a later version moved or dropped that rehype-raw, gave it
 * options, or added a step after it), it throws, naming what it found, rather than guess.
 */
import rehypeRaw from 'rehype-raw';
import type { Root } from 'hast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { settleAsReparsed } from './reparse-fixpoint.ts';

export interface FinalRawOptions {
  /** Told of each file whose tree is parsed again (the tests count them). */
  onParse?: (file: VFile) => void;
}

/** rehype-raw, skipped on a tree it would not change. */
export function rehypeRawWhereItMatters(options: FinalRawOptions = {}) {
  const parse = (rehypeRaw as unknown as () => (tree: Root, file: VFile) => Root)();
  return (tree: Root, file: VFile): Root => {
    if (settleAsReparsed(tree)) return tree;
    options.onParse?.(file);
    return parse(tree, file);
  };
}

const pluginName = (plugin: unknown) => (typeof plugin === 'function' && plugin.name) || '(anonymous)';

export default function rehypeFinalRaw(this: Processor, options?: FinalRawOptions): void {
  // As unified lists them: each plugin with the parameters it is called with.
  const attachers = this.attachers as unknown as [plugin: unknown, ...parameters: unknown[]][];
  const own = attachers.findIndex(([plugin]) => plugin === rehypeFinalRaw);
  const raws = attachers.flatMap(([plugin], index) => (plugin === rehypeRaw ? [index] : []));
  const final = attachers.length - 2;
  const asExpected =
    raws.length === 1 &&
    raws[0] === final &&
    final > own &&
    attachers[final]!.slice(1).every((parameter) => parameter === undefined) &&
    pluginName(attachers[final + 1]![0]) === 'rehypeStringify';
  if (!asExpected) {
    const found = attachers.map(([plugin], index) => (index === own ? '[this plugin]' : pluginName(plugin))).join(', ');
    throw new Error(
      'src/reports/render/reparse/rehype-final-raw.ts expects the Markdown pipeline to end with rehype-raw (without options) and ' +
        `then rehype-stringify, after this plugin, as @astrojs/markdown-remark 7 builds it; found: ${found}. ` +
        "Check the installed @astrojs/markdown-remark's createMarkdownProcessor and adapt this plugin (or remove it from markdown-processor.ts).",
    );
  }
  attachers[final] = [rehypeRawWhereItMatters, options];
}
