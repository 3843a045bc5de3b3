import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReportRenderer, renderReport } from '../../../src/reports/render/render-report.ts';

const renderer = await createReportRenderer({ syntaxHighlight: false, gfm: true });
const render = async (body: string) => {
  const outcome = await renderReport(renderer, { filePath: '/archive/2020/figures.md', body, frontmatter: {} });
  assert.ok(outcome.ok);
  return outcome.rendered.html;
};

test('an image with a title alone in its paragraph is a figure whose caption is the title, shown as text', async () => {
  assert.equal(
    await render('![A rocket](https://e.org/a.jpg "The launch at dawn")'),
    '<figure><img src="https://e.org/a.jpg" alt="A rocket"><figcaption>The launch at dawn</figcaption></figure>',
  );
  // The caption is text: markup in a title stays text.
  assert.match(await render('![x](https://e.org/a.jpg "<b>bold</b> &amp; more")'), /<figcaption>&#x3C;b>bold&#x3C;\/b> &#x26; more<\/figcaption>/);
});

test('an image without a title, or with text beside it, stays an image in its paragraph', async () => {
  assert.equal(await render('![A](https://e.org/a.jpg)'), '<p><img src="https://e.org/a.jpg" alt="A"></p>');
  assert.equal(await render('See ![A](https://e.org/a.jpg "T")'), '<p>See <img src="https://e.org/a.jpg" alt="A" title="T"></p>');
  assert.match(await render('* ![A](https://e.org/a.jpg "In a list")'), /<li><figure>/);
});
