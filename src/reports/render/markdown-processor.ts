/**
 * How report bodies become HTML, shared by astro.config.mjs and the tests that check rendering.
 * - remark-gfm is owned here (the processor's own GFM is off, or it would run twice), through
 *   gfm/remark-gfm-lean.ts: a body that cannot hold a table or an autolink literal is parsed without
 *   those constructs (most of micromark's time), to the same tree.
 * - No smart punctuation: an archive of record shows quotes and dashes as the source wrote them.
 * - Raw HTML in a report is parsed, then sanitised with GitHub's rules (hast-util-sanitize's
 *   default schema): allowed elements (`sup`, `kbd`, `details`, `div`, ...) and their text stay;
 *   scripts, event handlers, `javascript:` URLs, `<iframe>` and `<style>` never reach the page.
 *   GFM's tagfilter shows `<script>`, `<textarea>`, `<xmp>`, ... as text (gfm/remark-tagfilter.ts).
 *   What the sanitiser removed is reported per file (`onSanitized`; the reports loader logs it).
 * - Ids from the body get GitHub's `user-content-` prefix, so a heading "Main" cannot take the
 *   id of the page's <main>; in-page links follow (user-content-ids.ts).
 * - Blocks written as raw HTML (`<dt>`, `<th>`, `<summary>`, form controls) are set apart by white
 *   space, which the page does not show, so that Pagefind does not index two of their words as one
 *   (rehype-word-separators.ts).
 * - Links that leave the site get rel="noopener".
 * - A list's first number ("1986. A great year" starts a list at 1986) is indexed for search,
 *   though the page shows it as the list's marker (rehype-list-numbers.ts).
 * - Tables sit in a focusable scroll region (wide ones scroll on narrow screens); alignment is a class.
 * - Nothing the publisher wrote is dropped unseen: a footnote the text never refers to (or a
 *   second one with the same label), a table row with more cells than the first row, words
 *   after a code fence's language, or a link definition no link uses, which GFM leaves out of the
 *   page, and a list item whose number the page would change (`1990.` shown as 1987), are refused
 *   with their line (reported per file, `onProblems`; problems/).
 * - Images: alt text required, none from another site (reported per file, `onProblems`); an
 *   image alone in its paragraph becomes a captioned <figure>; loading priority and srcset widths
 *   (body-images.ts).
 *
 * Order matters. `@astrojs/markdown-remark` 7 runs: remark-parse, the remark plugins below,
 * its image collector, remark-rehype, syntax highlighting, the rehype plugins below, its image
 * and heading-id plugins, and only then its own rehype-raw. So raw HTML is parsed here, first,
 * and heading ids are given here, before the sanitiser prefixes them (its heading-id plugin keeps
 * an id that is already set). Its rehype-raw still parses the finished tree again, which changes
 * some trees and not most: reparse/rehype-final-raw.ts runs it only where it can change the HTML.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import rehypeExternalLinks from 'rehype-external-links';
import type { VFile } from 'vfile';
import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import remarkGfmLean from './gfm/remark-gfm-lean.ts';
import remarkTagfilter from './gfm/remark-tagfilter.ts';
import rehypeRawHtml from './rehype-raw-html.ts';
import rehypeSanitizeReported, { type SanitizeReport } from './sanitize/rehype-sanitize-reported.ts';
import { rehypeHeadingSlugs, rehypeInPageLinks, USER_CONTENT_PREFIX } from './user-content-ids.ts';
import rehypeTables from './rehype-tables.ts';
import rehypeListNumbers from './rehype-list-numbers.ts';
import rehypeWordSeparators from './rehype-word-separators.ts';
import { rehypeBodyImages, remarkImageChecks } from './body-images.ts';
import { remarkFootnoteChecks } from './problems/footnote-checks.ts';
import { remarkTableChecks } from './problems/table-checks.ts';
import { remarkCodeFenceChecks } from './problems/code-fence-checks.ts';
import { remarkDefinitionChecks } from './problems/definition-checks.ts';
import { remarkListNumberChecks } from './problems/list-number-checks.ts';
import type { OnBodyProblems } from './problems/body-problems.ts';
import rehypeFinalRaw from './reparse/rehype-final-raw.ts';

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: USER_CONTENT_PREFIX,
  // A style element's content is CSS, not text: dropped with it rather than shown. (The tagfilter
  // already turns a written <style> into text; this is for anything that slips past it.)
  strip: [...(defaultSchema.strip ?? []), 'style'],
  // Figures with captions, written as raw HTML or made from a standalone image (body-images.ts).
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
};

export interface MarkdownOptions {
  /** Receives what the sanitiser removed from each rendered file (the file's path is `file.path`). */
  onSanitized?: (file: VFile, report: SanitizeReport) => void;
  /**
   * Receives what stops each file that has any from being published (problems/body-problems.ts): an image
   * without alt text or from another site, a footnote or table cell the page would not show.
   */
  onProblems?: OnBodyProblems;
}

export function markdownOptions(options: MarkdownOptions = {}): UnifiedProcessorOptions {
  return {
    gfm: false,
    smartypants: false,
    remarkPlugins: [
      remarkGfmLean,
      remarkTagfilter,
      [remarkImageChecks, { onProblems: options.onProblems }],
      [remarkFootnoteChecks, { onProblems: options.onProblems }],
      [remarkTableChecks, { onProblems: options.onProblems }],
      [remarkCodeFenceChecks, { onProblems: options.onProblems }],
      [remarkDefinitionChecks, { onProblems: options.onProblems }],
      [remarkListNumberChecks, { onProblems: options.onProblems }],
    ],
    // Footnote ids are prefixed by the sanitiser with every other id; remark-rehype's own prefix
    // would make them user-content-user-content-fn-1.
    remarkRehype: { clobberPrefix: '' },
    rehypePlugins: [
      rehypeRawHtml,
      rehypeHeadingSlugs,
      rehypeWordSeparators,
      [rehypeSanitizeReported, { schema: sanitizeSchema, onReport: options.onSanitized }],
      rehypeInPageLinks,
      [rehypeExternalLinks, { rel: ['noopener'] }],
      rehypeTables,
      rehypeListNumbers,
      [rehypeBodyImages, { onProblems: options.onProblems }],
      // Not a step here: swaps Astro's final rehype-raw for one that skips trees it cannot change.
      rehypeFinalRaw,
    ],
  };
}

export const markdownProcessorOptions: UnifiedProcessorOptions = markdownOptions();
