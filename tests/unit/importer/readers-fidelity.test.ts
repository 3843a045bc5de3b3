/**
 * The readers lose no text: for generated articles (tables, nested lists, figures, entities,
 * Chinese, Arabic and Russian text, Markdown punctuation, scripts and iframes to neutralise),
 * carried in a WordPress export, an RSS feed, an Atom feed or a saved page, every word a browser
 * shows of the source article is, in order, in the text of the page the site's real renderer makes
 * from the imported Markdown, and every image's alt text is on it (lazy-loaded images and embedded
 * `data:` ones too); the title is read exactly; every image is listed; every author the source
 * credits is, as written and in order, in the report the importer writes; and nothing executable
 * reaches the page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFeed } from '../../../src/importer/readers/read-feed.ts';
import { readHtmlPage } from '../../../src/importer/readers/read-html-page.ts';
import { readWxr } from '../../../src/importer/readers/read-wxr.ts';
import { detectFormat } from '../../../src/importer/readers/detect-format.ts';
import { expandShortcodes, wordpressAutop } from '../../../src/importer/readers/wordpress-content.ts';
import type { ReadOutcome, SourceItem } from '../../../src/importer/readers/source-item.ts';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { articleHtml, atomFile, bylined as article, htmlPage, rssFile, wxrFile, type Dated, type GeneratedArticle, type PageShape } from '../../support/article-generator.ts';
import { itemToDraft, reportFile } from '../../../src/importer/pipeline/item-to-report.ts';
import { reportSchema } from '../../../src/reports/schema.ts';
import { assertWordsInOrder, assertWordsSomewhereInOrder, imageAlts, renderMarkdown, visibleWords } from '../../support/source-fidelity.ts';

const DATE: Dated = {
  rfc822: 'Fri, 31 Jul 2020 23:30:00 +0800',
  rfc3339: '2020-07-31T23:30:00+08:00',
  wordpressLocal: '2020-07-31 23:30:00',
  wordpressGmt: '2020-07-31 15:30:00',
};
const RUNS = Number(process.env.FIDELITY_RUNS ?? 60);

function items(outcomes: ReadOutcome[], count: number): SourceItem[] {
  assert.equal(outcomes.length, count, JSON.stringify(outcomes.filter((o) => o.kind !== 'item')));
  return outcomes.map((outcome) => {
    assert.equal(outcome.kind, 'item', JSON.stringify(outcome));
    return (outcome as { item: SourceItem }).item;
  });
}

/**
 * A WordPress post as WordPress shows it: its stored content through wpautop (the port's rules are
 * checked against WordPress's in read-wxr.test.ts). Its words are those of the editor's HTML,
 * except where WordPress itself shows others: a paragraph break wpautop makes inside a `<q>`
 * leaves the quotation empty (`<b><q><br><br>words</q></b>` shows `""` then the words), and the
 * `<br />` it writes into a `<textarea>` is shown there as text.
 */
const wordpressShown = (source: GeneratedArticle) => wordpressAutop(expandShortcodes(source.blocks.map((b) => b.wordpress).join('\n\n')).html);

/** The authors of the report file the importer writes for the item, as the site reads them. */
function writtenAuthors(item: SourceItem): string[] {
  const drafted = itemToDraft({ ...item, source: { name: 'Agency', ...item.source } });
  assert.ok(drafted.ok, drafted.ok ? '' : drafted.reason);
  const { text } = reportFile(drafted.draft, item.key, { year: 2020, slug: 'r' });
  return reportSchema.parse(parseFrontmatter(text).frontmatter).authors;
}

async function assertFaithful(item: SourceItem, source: GeneratedArticle, file: string, displayed = articleHtml(source)): Promise<void> {
  const context = `source HTML:\n${displayed}\nMarkdown:\n${item.markdown}\nfile:\n${file}`;
  assert.equal(item.title, source.title, context);
  assert.equal(item.date, '2020-07-31');
  assert.deepEqual(item.authors, source.authors, `authors\n${file}`);
  assert.deepEqual(writtenAuthors(item), source.authors ?? [], `written authors\n${file}`);
  const { html, text } = await renderMarkdown(item.markdown);
  assertWordsInOrder(visibleWords(displayed), text, context);
  // Displayed through the importer's port of wpautop (a WordPress post): the editor's own words too,
  // found whole or not, so that a port that lost words would not vouch for itself.
  if (displayed !== articleHtml(source)) assertWordsSomewhereInOrder(visibleWords(articleHtml(source)), text, context);
  // An image's alt text is words too: on the page as the image's alt, or as text where the image
  // could not be imported (an embedded data: image).
  const shown = `${text} ${imageAlts(html).join(' ')}`;
  for (const alt of imageAlts(articleHtml(source))) assert.ok(shown.includes(alt), `the alt text "${alt}" is not on the page\n${context}`);
  const listed = new Set(item.images.map((image) => image.url));
  for (const image of source.images) assert.ok(listed.has(image), `image ${image} is not listed\n${context}`);
  for (const image of item.images) assert.ok(item.markdown.includes(image.url), `listed image ${image.url} is not in the Markdown`);
  assert.doesNotMatch(html, /<script|<iframe|<style|onclick|onmouseover|javascript:|alert\(|\.evil/i, context);
}

test('a WordPress export: every word of every post (with [caption] shortcodes and wpautop paragraphs) is on the rendered page', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 3 }), async (articles) => {
      const file = wxrFile(articles, DATE);
      assert.equal(detectFormat(file, 'export.txt'), 'wxr');
      const read = items(readWxr(file, 'export.xml', {}), articles.length);
      for (let i = 0; i < articles.length; i++) await assertFaithful(read[i]!, articles[i]!, file, wordpressShown(articles[i]!));
    }),
    { numRuns: RUNS },
  );
});

test('an RSS feed (content:encoded, or an escaped description): every word of every item is on the rendered page', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 3 }), fc.boolean(), async (articles, asDescription) => {
      const file = rssFile(articles, DATE, asDescription);
      assert.equal(detectFormat(file, 'feed.html'), 'rss');
      const read = items(readFeed(file, 'feed.xml', {}), articles.length);
      for (let i = 0; i < articles.length; i++) await assertFaithful(read[i]!, articles[i]!, file);
    }),
    { numRuns: RUNS },
  );
});

test('an Atom feed (content of type html or xhtml, empty XHTML elements self-closing or not): every word of every entry is on the rendered page', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), async (articles, xhtml, selfClosing) => {
      const file = atomFile(articles, DATE, xhtml, selfClosing);
      assert.equal(detectFormat(file, 'feed'), 'atom');
      const read = items(readFeed(file, 'atom.xml', {}), articles.length);
      for (let i = 0; i < articles.length; i++) await assertFaithful(read[i]!, articles[i]!, file);
    }),
    { numRuns: RUNS },
  );
});

test('a saved page (<article>, <main> or articleBody in its chrome): every word of the article, and none of the chrome, is on the rendered page', async () => {
  await fc.assert(
    fc.asyncProperty(article, fc.constantFrom<PageShape>('article', 'main', 'articleBody'), async (source, shape) => {
      const file = htmlPage(source, DATE, shape);
      assert.equal(detectFormat(file, 'release.txt'), 'html');
      const [item] = items(readHtmlPage(file, 'release.html', {}), 1);
      await assertFaithful(item!, source, file);
      assert.doesNotMatch(item!.markdown, /Related stories|All rights reserved|window\.tracker/);
      assert.equal(item!.source?.url, 'https://agency.example/news/1');
      assert.equal(item!.language, 'zh-Hans');
    }),
    { numRuns: RUNS },
  );
});
