/**
 * A property of the report pipeline and Pagefind together: every word a reader sees in a report's
 * body, whatever blocks and controls its raw HTML is made of, is a word of its search record, as
 * written and in order; and an image's alt text is searchable too. Pagefind separates some blocks
 * by itself and not others (`<dt>`/`<dd>`, `<th>`, `<summary>`, text after `<pre>`), so words that
 * a browser shows apart were indexed as one (rehype-word-separators.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as pagefind from 'pagefind';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { readFragment } from '../../../src/search/build/pagefind-format.ts';
import { createReportRenderer, renderReport } from '../../../src/reports/render/render-report.ts';

/** A block of a body: raw HTML (or Markdown) with `W` for each word and `A` for each word of alt text. */
const BLOCKS = [
  '<dl><dt>W</dt><dd>W</dd></dl>',
  '<table><tr><th>W</th><th>W</th></tr><tr><td>W</td><td>W</td></tr></table>',
  '<details><summary>W</summary>W</details>',
  '<blockquote>W</blockquote>W',
  '<pre>W</pre>W',
  '<ul><li>W</li><li>W</li></ul>',
  '<h3>W</h3>W',
  '<div>W</div>W',
  '<header>W</header><footer>W</footer>',
  '<section>W</section><aside>W</aside>',
  '<figure>W<figcaption>W</figcaption></figure>',
  '<form><label>W</label><button>W</button></form>',
  '<select><option>W</option><option>W</option></select>',
  '<p>W</p><p>W</p>',
  'W<br>W',
  'W <b>W</b> <i>W</i> W',
  'W <img src="/figures/chart.png" alt="A A"> W',
  '<p><img src="/figures/map.png" alt="A"></p>',
  '- W\n- W',
  '| W | W |\n| - | - |\n| W | W |',
];
const JOINS = ['', '\n', '\n\n'];

/** Words unlike any of Pagefind's or the pipeline's own: a letter run and a number. */
const WORD = /^[a-z]+\d+$/;

const body = fc.array(fc.tuple(fc.constantFrom(...BLOCKS), fc.constantFrom(...JOINS), fc.stringMatching(/^[a-z]{1,6}$/)), { minLength: 1, maxLength: 8 }).map((blocks) => {
  let n = 0;
  const shown: string[] = [];
  const indexed: string[] = [];
  const markdown = blocks
    .map(([block, join, stem], b) => {
      const filled = block.replace(/[WA]/g, (slot) => {
        const word = `${stem}${n++}`;
        if (slot === 'W') shown.push(word);
        indexed.push(word);
        return word;
      });
      const previous = blocks[b - 1]?.[0];
      // Two words written with nothing between them are one word, as written; and a Markdown list
      // or table is a block of its own (a table row's extra cells are not shown, by design).
      const glued = join === '' && /W$/.test(previous ?? '') && /^W/.test(block);
      const markdownBlock = [block, previous ?? ''].some((written) => /^[-|]/.test(written));
      return b === 0 ? filled : (markdownBlock ? '\n\n' : glued ? ' ' : join) + filled;
    })
    .join('');
  return { markdown, shown, indexed };
});

const renderer = await createReportRenderer({ syntaxHighlight: false, gfm: true });

/** The words of `text` of the generated kind, with the punctuation Pagefind ends a block with taken off. */
const generatedWords = (text: string) => text.split(/\s+/).map((token) => token.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')).filter((token) => WORD.test(token));

test('every word a reader sees in a report body, and its images\' alt text, is a word of its search record, in order', { timeout: 300_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'record-words-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  let run = 0;
  await fc.assert(
    fc.asyncProperty(body, async ({ markdown, shown, indexed }) => {
      const outcome = await renderReport(renderer, { filePath: '/archive/2020/report.md', body: markdown, frontmatter: {} });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
      const html = outcome.rendered.html;
      // The page, as a browser shows it (the innerText algorithm): the words apart, in order.
      assert.deepEqual(generatedWords(toText(fromHtml(html, { fragment: true }))), shown, 'the page shows every word apart');
      const outputPath = path.join(root, String(run++));
      try {
        const { index } = await pagefind.createIndex({});
        const added = await index!.addHTMLFile({ url: '/news/2020/report/', content: `<!doctype html><html lang="en"><body><main data-pagefind-body>${html}</main></body></html>` });
        assert.deepEqual(added.errors, []);
        assert.deepEqual((await index!.writeFiles({ outputPath })).errors, []);
      } finally {
        await pagefind.close();
      }
      const [fragment] = await readdir(path.join(outputPath, 'fragment'));
      const record = readFragment(await readFile(path.join(outputPath, 'fragment', fragment!)));
      assert.deepEqual(generatedWords(record.content), indexed, `the search record of ${JSON.stringify(markdown)}: ${JSON.stringify(record.content)}`);
      await rm(outputPath, { recursive: true, force: true });
    }),
    { numRuns: 100 },
  );
});

test("an ordered list's first number, which the page shows as the list's marker, is a word of the search record: 1986. A great year", async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'record-words-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const outcome = await renderReport(renderer, {
    filePath: '/archive/2020/report.md',
    body: 'Milestones of the company:\n\n1986. A great year for the works.\n\nSteps:\n\n7. Seventh step\n8. Eighth step\n\n<ol start="2004"><li>Raw list</li></ol>\n\n<ol start="qq"><li>Starts at one</li></ol>\n\n<ol><li value="1990">Valued item</li><li value="zz">Unvalued item</li></ol>\n\n<ul><li value="4321">Bulleted item</li></ul>',
    frontmatter: {},
  });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  try {
    const { index } = await pagefind.createIndex({});
    await index!.addHTMLFile({ url: '/news/2020/report/', content: `<!doctype html><html lang="en"><body><main data-pagefind-body>${outcome.rendered.html}</main></body></html>` });
    assert.deepEqual((await index!.writeFiles({ outputPath: root })).errors, []);
  } finally {
    await pagefind.close();
  }
  const [fragment] = await readdir(path.join(root, 'fragment'));
  const content = readFragment(await readFile(path.join(root, 'fragment', fragment!))).content;
  assert.match(content, /1986\W+A great year for the works/, content);
  assert.match(content, /\b7\W+Seventh step/, content);
  assert.match(content, /2004\W+Raw list/, content);
  // A start the browser cannot read as a number: it shows 1, not the written text.
  assert.doesNotMatch(content, /qq/, content);
  // An item's own number, written in raw HTML: shown as its marker, so indexed too, when it is one.
  assert.match(content, /1990\W+Valued item/, content);
  assert.doesNotMatch(content, /zz/, content);
  assert.doesNotMatch(content, /4321/, "a bullet shows no number: the item's value is not indexed");
});
