/**
 * Footnotes whose words the page would not show are refused (src/reports/render/footnote-checks.ts):
 * GFM renders a footnote only if the text refers to it (directly or from a footnote it shows), and
 * of two with one label only the first. Checked through the real pipeline, by example and as a
 * property: a body renders if and only if every footnote's words are on its page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checked, pageText, unchecked } from '../../support/page-text.ts';

const render = checked;

async function refused(body: string, lineOffset = 0): Promise<string> {
  const outcome = await render(body, lineOffset);
  assert.ok(!outcome.ok, `rendered, yet it should be refused:\n${outcome.ok ? outcome.rendered.html : ''}`);
  return outcome.error;
}

async function shown(body: string): Promise<string> {
  return pageText(await render(body));
}

test('a footnote the text never refers to is refused, naming its line (in the file) and label, with the fix', async () => {
  const error = await refused('A claim.[^1]\n\n[^1]: The source.\n\n[^2]: A note nobody refers to.', 6);
  assert.match(error, /^line 11: the footnote \[\^2\] is not referred to in the text .*: refer to it where it belongs with \[\^2\] \(inside raw HTML, or an image's alt text or caption, that is not a reference\), or delete it$/);
});

test('a second footnote with the same label is refused: the page would show only the first', async () => {
  const error = await refused('A claim.[^a]\n\n[^a]: First source.\n\n[^A]: Second source, which would vanish.');
  assert.match(error, /^line 5: the footnote \[\^A\] is defined twice, and the page would show only the first: merge the two/);
});

test('a footnote referred to only from a footnote the page does not show is refused with it', async () => {
  const error = await refused('No calls here.\n\n[^a]: Orphan pointing on.[^b]\n\n[^b]: Reached only through the orphan.');
  assert.match(error, /line 3: the footnote \[\^a\]/);
  assert.match(error, /line 5: the footnote \[\^b\]/);
});

test('footnotes the page shows render: referred to in another case, from another footnote only, or defined inside a quote or a list', async () => {
  const text = await shown(
    [
      'Calls: one[^Note], two[^inner], three[^listed].',
      '[^note]: First, with a pointer.[^chained]',
      '[^chained]: Reached only from the first.',
      '> Quoted.\n>\n> [^inner]: Defined inside a quote.',
      '- item\n\n  [^listed]: Defined inside a list item.',
    ].join('\n\n'),
  );
  for (const words of ['First, with a pointer.', 'Reached only from the first.', 'Defined inside a quote.', 'Defined inside a list item.']) assert.ok(text.includes(words), `${words} in ${text}`);
});

test('a footnote whose label holds spaces, which Markdown reads as a link definition the page never shows, is refused with the label to write', async () => {
  const error = await refused('A claim.[^source 1]\n\n[^source 1]: https://example.org/report.pdf "The annual report"');
  assert.match(error, /^line 3: \[\^source 1\]: is not a footnote: a footnote's label cannot hold spaces, .* \(for example \[\^source-1\]\)$/);
});

test('a reference in a table cell the page does not show does not count: the footnote is refused with the cell', async () => {
  const error = await refused('| Figure |\n| --- |\n| 12 | rounded[^r] |\n\n[^r]: Rounded to the nearest unit.');
  assert.match(error, /line 3: this table row has 2 cells/);
  assert.match(error, /line 5: the footnote \[\^r\] is not referred to/);
});

// Bodies of paragraphs that refer to some of the labels, and footnotes (some labels defined twice,
// some never referred to, some referred to from other footnotes, some inside quotes or list items),
// each footnote with a word of its own.
const LABELS = ['1', '2', 'a', 'B', 'note'];
const reference = fc.constantFrom(...LABELS).map((label) => `[^${label}]`);
const paragraph = fc.array(fc.oneof(fc.constantFrom('Text', 'more text.', 'A claim'), reference), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
const footnote = fc.record({
  label: fc.constantFrom(...LABELS, 'NOTE', 'b'),
  references: fc.array(reference, { maxLength: 2 }),
  container: fc.constantFrom('', '> ', '- '),
});
const body = fc.tuple(fc.array(paragraph, { maxLength: 3 }), fc.array(footnote, { minLength: 1, maxLength: 5 })).map(([paragraphs, footnotes]) => ({
  text: [
    ...paragraphs,
    ...footnotes.map((f, i) => {
      const definition = `[^${f.label}]: Footnote${i}word ${f.references.join(' ')}`.trimEnd();
      return f.container === '- ' ? `- item\n\n  ${definition}` : `${f.container}${definition}`;
    }),
  ].join('\n\n'),
  words: footnotes.map((_, i) => `Footnote${i}word`),
  labels: footnotes.map((f) => f.label),
}));

test('property: a body renders if and only if the words of every footnote it defines are on the page; otherwise the error names each lost one', async () => {
  let refusedCount = 0;
  await fc.assert(
    fc.asyncProperty(body, async ({ text, words, labels }) => {
      const outcome = await render(text);
      if (outcome.ok) {
        const page = pageText(outcome);
        for (const word of words) assert.ok(page.includes(word), `${word} lost from the page of ${JSON.stringify(text)}`);
        return;
      }
      refusedCount++;
      // Refused: without the check, the page would lose one footnote for each footnote named.
      const page = pageText(await unchecked(text));
      const lost = words.flatMap((word, i) => (page.includes(word) ? [] : [labels[i]!]));
      const named = [...outcome.error.matchAll(/the footnote \[\^([^\]]+)\]/g)].map((m) => m[1]!);
      assert.deepEqual(named.sort(), lost.sort(), `${outcome.error}\n${JSON.stringify(text)}`);
    }),
    { numRuns: 300 },
  );
  assert.ok(refusedCount > 0, 'the generator makes bodies that lose footnotes');
});
