/**
 * A property of the whole pipeline: whatever mix of words, allowed inline HTML, the tagfilter's
 * tags and Markdown punctuation a body holds, every word of it is in the rendered page's text, in
 * order. (No text lost to the sanitiser, no text swallowed by a <textarea> or <xmp>.)
 *
 * Not generated, because they hide text by design rather than by mistake: link destinations and
 * reference definitions (`(`, `:`), table rows longer than their header (`|`), comments (`<!--`),
 * and `<` glued to a word (`<word>` is a tag).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { createReportRenderer, renderReport } from '../../../src/reports/render/render-report.ts';

type Token = { kind: 'word' | 'tag' | 'punctuation'; text: string };

const ALLOWED = ['sup', 'sub', 'kbd', 'strong', 'em', 'b', 'i', 'code', 'del', 's', 'q', 'span', 'ins', 'samp', 'var', 'div', 'p'];
const FILTERED = ['title', 'textarea', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'script', 'plaintext'];
const NOT_ALLOWED = ['u', 'mark', 'small', 'font', 'abbr', 'cite'];

const word = fc.stringMatching(/^[a-z]{1,8}$/).map((text): Token => ({ kind: 'word', text }));
const tag = fc
  .tuple(fc.constantFrom(...ALLOWED, ...FILTERED, ...NOT_ALLOWED), fc.constantFrom('open', 'close', 'attribute'), fc.boolean())
  .map(([name, form, upper]): Token => {
    const shown = upper ? name.toUpperCase() : name;
    const text = form === 'close' ? `</${shown}>` : form === 'attribute' ? `<${shown} title="t">` : `<${shown}>`;
    return { kind: 'tag', text };
  });
const voidTag = fc.constantFrom('<br>', '<br/>', '<hr>', '<img src="a.png" alt="">').map((text): Token => ({ kind: 'tag', text }));
const punctuation = fc
  .constantFrom('*', '**', '_', '__', '~', '~~', '`', '#', '##', '>', '-', '+', '=', '===', '---', '[', ']', '!', '\\', '&', '&amp;', '<', '"', "'", '.', ',', '1.', '$', '%', '^', '{', '}')
  .map((text): Token => ({ kind: 'punctuation', text }));
const token = fc.oneof({ arbitrary: word, weight: 5 }, { arbitrary: tag, weight: 2 }, { arbitrary: voidTag, weight: 1 }, { arbitrary: punctuation, weight: 2 });

/** What goes between two tokens: a space, a line break, a blank line, or nothing where no text merges. */
function separator(left: Token, right: Token, choice: number): string {
  const glued = left.kind !== right.kind && !(left.text === '<' || right.text === '<') && left.kind !== 'punctuation';
  const options = glued ? ['', ' ', '\n', '\n\n'] : [' ', '\n', '\n\n', ' '];
  return options[choice % options.length]!;
}

const body = fc.array(fc.tuple(token, fc.nat(3)), { minLength: 1, maxLength: 40 }).map((pairs) => {
  // Each word numbered, so that it cannot be found by chance inside another word or a tag name.
  const tokens = pairs.map(([t], i) => (t.kind === 'word' ? { ...t, text: `${t.text}${i}` } : t));
  let text = tokens[0]!.text;
  for (let i = 1; i < tokens.length; i++) text += separator(tokens[i - 1]!, tokens[i]!, pairs[i]![1]) + tokens[i]!.text;
  return { text, words: tokens.filter((t) => t.kind === 'word').map((t) => t.text) };
});

test('every word of a body mixing words, inline HTML, tagfilter tags and Markdown punctuation is on the page, in order', async () => {
  const renderer = await createReportRenderer({ syntaxHighlight: false });
  await fc.assert(
    fc.asyncProperty(body, async ({ text, words }) => {
      const outcome = await renderReport(renderer, { filePath: '/archive/2020/generated.md', body: text, frontmatter: {} });
      assert.ok(outcome.ok);
      const shown = toText(fromHtml(outcome.rendered.html, { fragment: true })).toLowerCase().match(/[a-z0-9]+/g) ?? [];
      // A subsequence: each word found after the previous one (within a longer run of letters too,
      // as `mc<sup>2</sup>` or `*a*b` may show words side by side).
      const page = shown.join(' ');
      let from = 0;
      for (const w of words) {
        const at = page.indexOf(w, from);
        assert.ok(at >= 0, `"${w}" missing after position ${from} of ${JSON.stringify(page)} for ${JSON.stringify(text)}`);
        from = at + w.length;
      }
    }),
    { numRuns: 300 },
  );
});
