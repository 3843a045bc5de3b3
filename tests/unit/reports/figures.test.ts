/**
 * Captions are text a reader sees and search indexes, never a tooltip: an image with a title
 * alone in its paragraph, or alone in a tight list's item (as the importer writes a figure in a
 * list), is a <figure> whose caption is the title, as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReportRenderer, renderReport } from '../../../src/reports/render/render-report.ts';

const renderer = await createReportRenderer({ syntaxHighlight: false, gfm: true });
const render = async (body: string) => {
  const outcome = await renderReport(renderer, { filePath: '/archive/2020/figures.md', body, frontmatter: {} });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return outcome.rendered.html;
};

test('an image with a title alone in its paragraph is a figure whose caption is the title, shown as text', async () => {
  assert.match(await render('![A rocket](./a.jpg "The launch at dawn")'), /^<figure><img [^>]+><figcaption>The launch at dawn<\/figcaption><\/figure>$/);
  // The caption is text: markup in a title stays text.
  assert.match(await render('![x](./a.jpg "<b>bold</b> &amp; more")'), /<figcaption>&#x3C;b>bold&#x3C;\/b> &#x26; more<\/figcaption>/);
});

test('an image with text beside it stays an image in its paragraph; one alone in a list item is a figure', async () => {
  assert.match(await render('See ![A](./a.jpg "T")'), /^<p>See <img [^>]+><\/p>$/);
  assert.match(await render('* ![A](./a.jpg "In a list")'), /<li><figure><img [^>]+><figcaption>In a list<\/figcaption><\/figure><\/li>/);
  assert.match(await render('* ![A](./a.jpg "In a list")\n* and text'), /<li><figure>/);
});
