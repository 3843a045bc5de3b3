/**
 * A link definition no link uses, or a second definition of a label, is refused
 * (src/reports/render/problems/definition-checks.ts): the page shows nothing of a definition but
 * through the links that name it. Checked through the real pipeline, by example and as a property:
 * a body renders if and only if every definition's address is linked on its page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checked } from '../../support/page-text.ts';

test('a definition no link uses is refused, naming its line in the file, the definition and the fix', async () => {
  const outcome = await checked('The ministry published its report.\n\n[1]: https://gov.example.org/report.pdf "Annual report"', 6);
  assert.ok(!outcome.ok);
  assert.equal(
    outcome.error,
    'line 9: [1]: https://gov.example.org/report.pdf "Annual report" is a link definition that no link in the text uses, so the page would not show it: link to it from the text ([words][1]), or write the address as text (<https://gov.example.org/report.pdf>)',
  );
});

test('a second definition of a label is refused unless it says the same; used definitions render with their addresses', async () => {
  const twice = await checked('See [the report][r].\n\n[r]: https://a.example.org/\n[R]: https://b.example.org/');
  assert.ok(!twice.ok);
  assert.match(twice.error, /^line 4: \[R\]: https:\/\/b\.example\.org\/ defines a label defined before \(line 3\), and links use only the first/);
  const same = await checked('See [the report][r].\n\n[r]: https://a.example.org/\n[r]: https://a.example.org/');
  assert.ok(same.ok, same.ok ? '' : same.error);
  const used = await checked('See [the report][r], [r] again and [R][].\n\n[r]: https://a.example.org/ "A"');
  assert.ok(used.ok, used.ok ? '' : used.error);
  assert.equal(used.rendered.html.match(/href="https:\/\/a\.example\.org\/"/g)?.length, 3);
});

test('property: a body renders if and only if each definition is the first of its label and some link uses it', async () => {
  const body = fc
    .tuple(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }), fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 4 }))
    .map(([references, defined]) => ({
      text: `${['Text.', ...references.map((label) => `[link ${label}][${label}]`)].join(' ')}\n\n${defined.map((label, i) => `[${label}]: https://example.org/${label}/${i}`).join('\n')}`,
      // Each definition shows (as a link's address) only if it is its label's first and the text uses that label.
      allShown: defined.every((label, i) => defined.indexOf(label) === i && references.includes(label)),
    }));
  await fc.assert(
    fc.asyncProperty(body, async ({ text, allShown }) => {
      const outcome = await checked(text);
      assert.equal(outcome.ok, allShown, JSON.stringify(text));
    }),
    { numRuns: 150 },
  );
});
