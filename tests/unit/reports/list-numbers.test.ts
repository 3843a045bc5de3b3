/**
 * A Markdown list numbers its items from the first one's number on, whatever the others say, so
 * `1986. A great year` then `1990. Another` showed 1987 where 1990 was written. Such a list is
 * refused (src/reports/render/problems/list-number-checks.ts), by example and as a property
 * through the real pipeline: a list renders if and only if the page shows each number as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { checked } from '../../support/page-text.ts';

test('a list item whose number the page would change is refused, naming its line, both numbers and the fix', async () => {
  const outcome = await checked('Milestones:\n\n1986. The works opened\n1990. The second line opened', 4);
  assert.ok(!outcome.ok);
  assert.equal(
    outcome.error,
    'line 8: this list item is numbered 1990, but the page would show 1987: a Markdown list numbers its items one after another from the first one\'s number (1986). ' +
      "Number the items one after another; if the numbers are text (years), not the list's, escape each one's dot (1986\\. and 1990\\.), so that its line is a paragraph",
  );
  // The fix: the years as text, each line a paragraph of its own.
  const fixed = await checked('Milestones:\n\n1986\\. The works opened\n\n1990\\. The second line opened');
  assert.ok(fixed.ok);
  assert.match(fixed.rendered.html, /<p>1986\. The works opened<\/p>\n<p>1990\. The second line opened<\/p>/);
});

test('numbers one after another, or all alike (Markdown counts for the writer), in a quote or nested, render', async () => {
  for (const body of ['1. a\n2. b\n3. c', '1. a\n1. b\n1. c', '> 3. q\n> 4. r', '- x\n  7) a\n  8) b', '1. a\n\n   More of a.\n\n2. b']) {
    assert.ok((await checked(body)).ok, body);
  }
  const quoted = await checked('> 3. q\n> 5. r');
  assert.ok(!quoted.ok);
  assert.match(quoted.error, /^line 2: this list item is numbered 5, but the page would show 4/);
});

/** An ordered list of two to four items, numbered from `start` by the given steps (0: the same number again). */
const list = fc.tuple(fc.integer({ min: 0, max: 2100 }), fc.array(fc.constantFrom(0, 1, 1, 1, 2, 4), { minLength: 1, maxLength: 3 }), fc.constantFrom('.', ')')).map(([start, steps, delimiter]) => {
  const numbers = steps.reduce((all, step) => [...all, all.at(-1)! + step], [start]);
  return { numbers, body: `Intro.\n\n${numbers.map((n, i) => `${n}${delimiter} Item${i}w`).join('\n')}` };
});

test('property: an ordered list renders if and only if the page shows every number as written (or all are alike)', async () => {
  await fc.assert(
    fc.asyncProperty(list, async ({ numbers, body }) => {
      const outcome = await checked(body);
      const alike = numbers.every((n) => n === numbers[0]);
      const consecutive = numbers.every((n, i) => n === numbers[0]! + i);
      if (alike || consecutive) {
        assert.ok(outcome.ok, `${body}\n${outcome.ok ? '' : outcome.error}`);
        // What the page shows: the list starts at the first number, each item its own.
        const ol = fromHtml(outcome.rendered.html, { fragment: true }).children.find((node) => node.type === 'element' && node.tagName === 'ol');
        assert.ok(ol && ol.type === 'element');
        assert.equal(Number(ol.properties.start ?? 1), numbers[0]);
      } else {
        assert.ok(!outcome.ok, body);
        const changed = numbers.findIndex((n, i) => n !== numbers[0]! + i);
        assert.match(outcome.error, new RegExp(`^line ${3 + changed}: this list item is numbered ${numbers[changed]}, but the page would show ${numbers[0]! + changed}:`));
      }
    }),
    { numRuns: 200 },
  );
});
