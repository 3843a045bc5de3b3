/**
 * A table row with more cells than the table's first row is refused
 * (src/reports/render/problems/table-checks.ts): GFM leaves the extra cells out of the page. Checked
 * through the real pipeline, by example and as a property: a body renders if and only if every
 * cell's words are on its page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checked, pageText, unchecked } from '../../support/page-text.ts';

test('a row with more cells than the first row is refused, naming its line in the file, the words lost and the fix', async () => {
  const outcome = await checked('Prices:\n\n| Item | Price |\n| --- | --- |\n| Tea | 2 | or 3 with milk |\n| Coffee |', 6);
  assert.ok(!outcome.ok);
  assert.equal(
    outcome.error,
    'line 11: this table row has 3 cells and the table\'s first row 2, so the page would not show the rest ("or 3 with milk"): add the columns to the first row (and to the | --- | line under it), or remove the extra cells; a | that belongs to the text is written \\|',
  );
});

test('shorter rows, empty cells beyond the first row, escaped pipes and pipes in code render, every word shown', async () => {
  const text = pageText(await checked('| a | b | c |\n| - | - | - |\n| short |\n| x \\| y | `p \\| q` | z |\n| 1 | 2 | 3 | |\n| 4 | 5 | 6 ||'));
  for (const words of ['short', 'x | y', 'p | q', 'z', '3', '6']) assert.ok(text.includes(words), `${words} in ${text}`);
});

test('an extra cell holding no text but a footnote reference is refused too, saying so', async () => {
  const outcome = await checked('| a |\n| - |\n| 1 | [^n] |\n\n[^n]: A note.');
  assert.ok(!outcome.ok);
  assert.match(outcome.error, /so the page would not show the rest \(no text, but an image or a footnote reference\)/);
});

// Tables under a first row of one to three cells, whose rows have one to four cells, each a word
// of its own or empty.
const table = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }))
  .map(([columns, rows]) => {
    const words: string[] = [];
    const cell = (filled: boolean) => (filled ? words[words.push(`Cell${words.length}w`) - 1]! : '');
    const header = Array.from({ length: columns }, () => cell(true));
    const lines = [`| ${header.join(' | ')} |`, `|${' --- |'.repeat(columns)}`, ...rows.map((cells) => `| ${cells.map(cell).join(' | ')} |`)];
    const tooLong = rows.filter((cells) => cells.slice(columns).some(Boolean)).length;
    return { text: `Before the table.\n\n${lines.join('\n')}\n\nAfter it.`, words, tooLong };
  });

test('property: a table renders if and only if every cell is on the page; otherwise one problem per row that would lose cells', async () => {
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(table, async ({ text, words, tooLong }) => {
      const outcome = await checked(text);
      if (outcome.ok) {
        const page = pageText(outcome);
        for (const word of words) assert.ok(page.includes(word), `${word} lost from ${JSON.stringify(text)}`);
        return;
      }
      refused++;
      const page = pageText(await unchecked(text));
      const lost = words.filter((word) => !page.includes(word));
      assert.ok(lost.length > 0, `refused, yet the page would show every cell of ${JSON.stringify(text)}`);
      for (const word of lost) assert.ok(outcome.error.includes(word), `${word} is not named in ${outcome.error}`);
      assert.equal(outcome.error.split('\n').length, tooLong);
    }),
    { numRuns: 200 },
  );
  assert.ok(refused > 0, 'the generator makes rows longer than the first');
});
