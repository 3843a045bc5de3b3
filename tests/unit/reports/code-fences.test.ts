/**
 * A code fence whose opening line holds words after the language is refused
 * (src/reports/render/problems/code-fence-checks.ts): GFM keeps the first word as the code's
 * language and drops the rest. Checked through the real pipeline, by example and as a property: a
 * body renders if and only if every word of its fences' lines is on its page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checked, pageText, unchecked } from '../../support/page-text.ts';

test('a fence line with words after the language is refused, naming its line in the file, the words and the fix', async () => {
  const outcome = await checked('The statement follows.\n\n~~~ Breaking news ~~~\nThe minister resigned.\n~~~', 6);
  assert.ok(!outcome.ok);
  assert.equal(
    outcome.error,
    'line 9: this line opens a code block, and the words after its fence ("Breaking news ~~~") would not be shown: a fence\'s line holds only the code\'s language (```js). ' +
      'If the line is text, not the start of code, escape its fence (\\``` or \\~~~) and any fence that closes it; if it is code, put the words in the text before the block',
  );
  const backticks = await checked('```Statement by the minister\nWe will act.\n```');
  assert.ok(!backticks.ok);
  assert.match(backticks.error, /^line 1: .*\("Statement by the minister"\)/);
});

test('a fence with a language alone, or none, renders; the fix given (an escaped fence) shows every word', async () => {
  assert.match(pageText(await checked('```js\nlet x = 1;\n```\n\n~~~\nplain\n~~~')), /let x = 1;\s+plain/);
  const escaped = pageText(await checked('\\~~~ Breaking news ~~~\nThe minister resigned.'));
  assert.match(escaped, /~~~ Breaking news ~~~\s+The minister resigned\./);
});

// Fences under a language or none, with zero to three words after it, each a word of its own.
const fence = fc
  .tuple(fc.constantFrom('', 'js', 'python', 'text'), fc.integer({ min: 0, max: 3 }), fc.constantFrom('```', '~~~'), fc.constantFrom('', ' '))
  .map(([language, count, marker, gap]) => {
    const words = Array.from({ length: count }, (_, i) => `Meta${i}w`);
    // Without a language the first word takes its place, and is not shown either.
    const info = [language, ...words].filter(Boolean).join(' ');
    return { text: `Before the code.\n\n${marker}${gap}${info}\nCodeLine\n${marker}\n\nAfter it.`, words: info.split(' ').filter((w) => w.startsWith('Meta')), language };
  });

test('property: a fence renders if and only if the words after its language are on the page; otherwise they are named', async () => {
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(fence, async ({ text, words, language }) => {
      const outcome = await checked(text);
      // A first word standing for the language is the code's language, as GFM means it: one word
      // without a language is not a meta, and is not refused.
      const meta = language ? words : words.slice(1);
      if (outcome.ok) {
        const page = pageText(outcome);
        assert.ok(page.includes('CodeLine') && page.includes('After it.'));
        for (const word of meta) assert.ok(page.includes(word), `${word} lost from ${JSON.stringify(text)}`);
        return;
      }
      refused++;
      const page = pageText(await unchecked(text));
      const lost = meta.filter((word) => !page.includes(word));
      assert.ok(lost.length > 0, `refused, yet the page would show every word of ${JSON.stringify(text)}`);
      for (const word of lost) assert.ok(outcome.error.includes(word), `${word} is not named in ${outcome.error}`);
    }),
    { numRuns: 100 },
  );
  assert.ok(refused > 0, 'the generator makes fences with words after the language');
});

test("a fence's single word that is no language's name (punctuation, words joined by a no-break space) is refused too, quoted printably", async () => {
  for (const [body, quoted] of [
    ['~~~Breaking~~~\nThe minister resigned.', '"Breaking~~~"'],
    ['```Update:\nThe minister resigned.\n```', '"Update:"'],
    ['```js\u00a0title\nlet x = 1;\n```', '"js\u00a0title"'],
    ['```js&#x202E;evil\nlet x = 1;\n```', '"js\\u202Eevil"'],
  ] as const) {
    const outcome = await checked(body);
    assert.ok(!outcome.ok, body);
    assert.ok(outcome.error.includes(`(${quoted})`), `${quoted} in ${outcome.error}`);
  }
  for (const language of ['c++', 'objective-c', 'f#', 'shell-session', 'Python3']) assert.ok((await checked(`\`\`\`${language}\nx\n\`\`\``)).ok, language);
});

test('line highlighting after a language (```js {1,3-5}, ~~~js{4}) is refused with its own fix: delete the braces, keeping the language', async () => {
  const outcome = await checked('Set it so:\n\n```json {2, 4-5}\n{ "a": 1 }\n```');
  assert.ok(!outcome.ok);
  assert.equal(
    outcome.error,
    'line 3: this code block\'s fence asks for lines to be highlighted ("json {2, 4-5}"), which the archive does not do, and the braces would not be shown: delete the braces ({2, 4-5}), keeping the language (json)',
  );
  // Written without a space (VitePress), with a tilde fence: the same advice, which names no fence.
  const joined = await checked('~~~javascript{1,4-6}\nx\n~~~');
  assert.ok(!joined.ok);
  assert.match(joined.error, /^line 1: .*delete the braces \(\{1,4-6\}\), keeping the language \(javascript\)$/);
  // Words in braces are words: the general advice.
  const words = await checked('```js {the minister}\nx\n```');
  assert.ok(!words.ok);
  assert.match(words.error, /escape its fence/);
});
