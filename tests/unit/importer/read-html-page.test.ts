import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readHtmlPage } from '../../../src/importer/readers/read-html-page.ts';
import type { ReadOutcome, SourceItem } from '../../../src/importer/readers/source-item.ts';
import { assertWordsInOrder, renderMarkdown, visibleWords } from '../../support/source-fidelity.ts';

const itemOf = (outcomes: ReadOutcome[]): SourceItem => {
  assert.equal(outcomes.length, 1);
  assert.equal(outcomes[0]!.kind, 'item', JSON.stringify(outcomes[0]));
  return (outcomes[0] as { item: SourceItem }).item;
};
const reasonOf = (outcomes: ReadOutcome[]) => {
  assert.equal(outcomes[0]!.kind, 'failed', JSON.stringify(outcomes[0]));
  return (outcomes[0] as { reason: string }).reason;
};

const JSON_LD = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Page"},
{"@type":"NewsArticle","headline":"JSON-LD headline","datePublished":"2020-07-30T22:00:00-04:00","url":"https://agency.example/ld-url",
"publisher":{"@type":"Organization","name":"Agency Inc."},"keywords":"space, launch","description":"What happened."}]}</script>`;

function page(head: string, body: string, lang = ' lang="zh-Hans"'): string {
  return `<!DOCTYPE html><html${lang}><head><meta charset="utf-8"><title>Document title | Agency</title>${head}</head><body>${body}</body></html>`;
}

const ARTICLE = '<nav><a href="/">Home</a></nav><article><h1>Heading one</h1><p>正文 <strong>bold</strong> it&#8217;s</p><time datetime="2019-01-02">2 Jan</time></article><footer>Footer</footer>';

test('metadata precedence: JSON-LD, then Open Graph and article: meta tags, then the page', () => {
  const og =
    '<meta property="og:title" content="OG title"><meta property="og:site_name" content="Agency site"><meta property="og:url" content="https://agency.example/og-url">' +
    '<meta property="article:published_time" content="2020-07-31T23:30:00+08:00"><meta property="article:section" content="World"><meta name="description" content="Site description">';
  const canonical = '<link rel="canonical" href="https://agency.example/canonical">';
  const all = itemOf(readHtmlPage(page(og + canonical + JSON_LD, ARTICLE), 'saved/release.html', {}));
  assert.equal(all.title, 'JSON-LD headline');
  assert.equal(all.date, '2020-07-30');
  assert.equal(all.key, 'https://agency.example/canonical');
  assert.deepEqual(all.source, { name: 'Agency Inc.', url: 'https://agency.example/canonical' });
  assert.equal(all.summary, 'What happened.');
  assert.deepEqual(all.topics, ['space', 'launch', 'World']);
  assert.equal(all.language, 'zh-Hans');
  // Without JSON-LD: Open Graph and article: tags.
  const noLd = itemOf(readHtmlPage(page(og, ARTICLE), 'release.html', { timeZone: 'UTC' }));
  assert.equal(noLd.title, 'OG title');
  assert.equal(noLd.date, '2020-07-31');
  assert.equal(noLd.key, 'https://agency.example/og-url');
  assert.deepEqual(noLd.source, { name: 'Agency site', url: 'https://agency.example/og-url' });
  // Only the page: its <h1>, its <time datetime>, the file as key; the option names the source.
  const bare = itemOf(readHtmlPage(page('', ARTICLE, ''), 'saved/release.html', { sourceName: 'Given', language: 'en' }));
  assert.equal(bare.title, 'Heading one');
  assert.equal(bare.date, '2019-01-02');
  assert.equal(bare.key, 'saved/release.html');
  assert.deepEqual(bare.source, { name: 'Given' });
  assert.equal(bare.language, 'en');
  // The heading that is the title is not repeated in the body; the rest is all there.
  assert.equal(bare.markdown, '正文 **bold** it’s\n\n2 Jan');
  // Last resort for the title: <title>.
  assert.equal(itemOf(readHtmlPage(page('', '<main><p>Text <time datetime="2019-01-02">x</time></p></main>'), 'r.html', {})).title, 'Document title | Agency');
});

test('a page with no date fails with the reason, never dated by guess', () => {
  assert.match(reasonOf(readHtmlPage(page('', '<article><h1>T</h1><p>Text</p></article>'), 'r.html', {})), /gives no date/);
  assert.match(reasonOf(readHtmlPage(page('<meta property="article:published_time" content="yesterday">', '<article><p>T</p></article>'), 'r.html', {})), /article:published_time meta tag "yesterday" is not a date/);
  assert.match(reasonOf(readHtmlPage(page('', '<article><h1>T</h1><script>x()</script><time datetime="2020-01-01"></time></article>'), 'r.html', {})), /no article text/);
});

test('the article is what the page marks (articleBody, then <article>, then <main>), never its chrome', () => {
  const chrome = (inner: string) => `<header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>${inner}<aside>Most read</aside><footer>Copyright</footer>`;
  const date = '<meta property="article:published_time" content="2020-07-31">';
  const teasers = '<article><h2>Teaser</h2><p>Short.</p></article>';
  const longest = itemOf(readHtmlPage(page(date, chrome(`<article><h1>T</h1><p>The long story, with more words than the teaser has.</p></article>${teasers}`)), 'r.html', {}));
  assert.equal(longest.markdown, 'The long story, with more words than the teaser has.');
  const body = itemOf(readHtmlPage(page(date, chrome('<div><h1 itemprop="headline">T</h1><div itemprop="articleBody"><p>Marked body.</p></div><p>Share this</p></div>')), 'r.html', {}));
  assert.equal(body.title, 'T');
  assert.equal(body.markdown, 'Marked body.');
  const main = itemOf(readHtmlPage(page(date, chrome('<main><h1>T</h1><p>Main text.</p></main>')), 'r.html', {}));
  assert.equal(main.markdown, 'Main text.');
});

test('without marks, Readability locates the article and every word of it is kept, short paragraphs and tables included', async () => {
  const story =
    '<div class="content"><h1>Big news</h1><p class="dateline">Published <time datetime="2021-02-03T09:00:00+01:00">3 Feb</time></p>' +
    '<p>First paragraph of the press release with enough words to count as content, and more words here and there, as releases have.</p>' +
    // Readability itself drops this paragraph, for its class (it takes "share" for a share button).
    '<p>Ok.</p><p class="share-price">Share price rose 3%.</p><table><caption>Results</caption><tr><th>Year</th><th>Launches</th></tr><tr><td>2020</td><td>35</td></tr></table>' +
    '<figure><img src="/img/launch.jpg" alt="Launch"><figcaption>The launch</figcaption></figure>' +
    '<p>Second paragraph, also long enough to be article content for Readability, with commas, and more, and still more words.</p>' +
    '<p>Last paragraph long enough, with words and commas, and so on, to be kept by Readability in any case.</p></div>';
  const html = `<html><head><title>Big news - Agency</title><link rel="canonical" href="https://agency.example/2021/big-news"></head><body><div id="nav"><a href="/">Home</a> <a href="/x">Other</a></div>${story}<div id="footer"><p>Footer text of the site</p></div></body></html>`;
  const item = itemOf(readHtmlPage(html, 'big.html', {}));
  assert.equal(item.title, 'Big news');
  assert.equal(item.date, '2021-02-03');
  assert.match(item.warnings.join('\n'), /located with Readability/);
  assert.doesNotMatch(item.markdown, /Home|Other|Footer text/);
  const { text } = await renderMarkdown(item.markdown);
  const expected = visibleWords(story).slice(2); // "Big news" is the title
  assertWordsInOrder(expected, text, item.markdown);
  assert.deepEqual(item.images, [{ url: 'https://agency.example/img/launch.jpg', alt: 'Launch' }]);
});

test('JSON-LD text written with HTML character references (as WordPress writes titles) reads as the page shows it', () => {
  const ld = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Sanders&#8217; plan &amp; more","datePublished":"2020-07-31T10:00:00Z",
"description":"Q&amp;A, x &lt; y","publisher":{"@type":"Organization","name":"AT&amp;T News"},"keywords":["R&amp;D"]}</script>`;
  const item = itemOf(readHtmlPage(page(ld, '<article><h1>Sanders’ plan &amp; more</h1><p>Body text.</p></article>', ' lang="en"'), 'p.html', {}));
  assert.equal(item.title, 'Sanders’ plan & more');
  assert.equal(item.summary, 'Q&A, x < y');
  assert.equal(item.source?.name, 'AT&T News');
  assert.deepEqual(item.topics, ['R&D']);
  assert.equal(item.markdown, 'Body text.', 'the heading that repeats the title is not said twice');
});

const dateMeta = '<meta property="article:published_time" content="2020-07-31T10:00:00Z">';
const authorsOf = (head: string, body = ARTICLE) => itemOf(readHtmlPage(page(dateMeta + head, body), 'release.html', {})).authors;
const ld = (article: Record<string, unknown>, graph: unknown[] = []) =>
  `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'NewsArticle', headline: 'H', ...article }, ...graph] })}</script>`;

test('authors from JSON-LD: a Person, a list, a name, a reference to a Person in the graph (Yoast); entities decoded; no organization', () => {
  assert.deepEqual(authorsOf(ld({ author: { '@type': 'Person', name: 'Jane Doe' } })), ['Jane Doe']);
  assert.deepEqual(authorsOf(ld({ author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'R&amp;D &#8217;Desk' }, 'John  Smith'] })), ['Jane Doe', 'R&D ’Desk', 'John Smith']);
  const person = { '@type': 'Person', '@id': 'https://agency.example/#/schema/person/1', name: 'Li Ming' };
  assert.deepEqual(authorsOf(ld({ author: { '@id': person['@id'] } }, [person])), ['Li Ming']);
  // An organization as author is the publisher: no byline, the next source of names is read.
  assert.equal(authorsOf(ld({ author: { '@type': 'Organization', name: 'Agency Inc.' } })), undefined);
  assert.deepEqual(authorsOf(ld({ author: { '@type': 'Organization', name: 'Agency Inc.' } }) + '<meta name="author" content="Jane Doe">'), ['Jane Doe']);
});

test('authors from <meta name="author"> (each of them), else the rel="author" links of the article, else of the page', () => {
  const metas = '<meta name="author" content="Jane Doe"><meta name="Author" content="John Smith">';
  assert.deepEqual(authorsOf(metas + ld({ author: { '@type': 'Person', name: 'From JSON-LD' } })), ['From JSON-LD']);
  assert.deepEqual(authorsOf(metas), ['Jane Doe', 'John Smith']);
  const byline = '<article><h1>Heading one</h1><p class="byline">By <a rel="author" href="/author/jd">Jane\n Doe</a> and <a href="/author/js" rel="author external">John Smith</a></p><p>Text.</p></article>';
  assert.deepEqual(authorsOf('', `<aside><a rel="author" href="/author/other">Other Writer</a></aside>${byline}`), ['Jane Doe', 'John Smith']);
  assert.deepEqual(authorsOf('', `<div class="by"><a rel="author" href="/author/jd">Jane Doe</a></div><article><h1>Heading one</h1><p>Text.</p></article>`), ['Jane Doe']);
  assert.equal(authorsOf(''), undefined);
});

test("the article's byline links are credited even where the link itself is not kept (no address, javascript:), not a link elsewhere on the page", () => {
  const aside = '<aside><a rel="author" href="/author/other">Other Writer</a></aside>';
  for (const link of ['<a rel="author" href="javascript:void(0)">Jane Doe</a>', '<a rel="author">Jane Doe</a>', '<a rel="author" href="ftp://agency.example/jd">Jane Doe</a>']) {
    assert.deepEqual(authorsOf('', `${aside}<article><h1>H</h1><p>By ${link}</p><p>Text.</p></article>`), ['Jane Doe'], link);
  }
});

test("the page's rel=author links: only the first byline's, not a commenter's or a related story's", () => {
  const text = '<p>The agency said on Friday that the launch went ahead as planned, after two delays caused by the weather over the Pacific.</p>'.repeat(4);
  const byline = '<div class="entry-meta">By <span class="author"><a rel="author" href="/a/jd">Jane Doe</a></span> and <span class="author"><a rel="author" href="/a/js">John Smith</a></span></div>';
  const comments = '<div class="comments"><p><a rel="author" href="/a/c">Commenter</a> says:</p><p>Great news, thank you for the report.</p></div>';
  const related = '<div class="related"><h3>Another launch</h3><p>By <a rel="author" href="/a/r">Related Writer</a></p></div>';
  const body = `<div class="post"><h1>Heading one</h1>${byline}<div class="entry-content">${text}</div>${comments}${related}</div>`;
  assert.deepEqual(authorsOf('', body), ['Jane Doe', 'John Smith']);
  // Authors listed one to an item of a list are one byline.
  const listed = '<ul class="authors"><li><a rel="author" href="/a/jd">Jane Doe</a></li><li><a rel="author" href="/a/js">John Smith</a></li></ul>';
  assert.deepEqual(authorsOf('', `<div class="post"><h1>Heading one</h1>${listed}<div class="entry-content">${text}</div>${comments}</div>`), ['Jane Doe', 'John Smith']);
  // Comments inside the article (as some themes place them): the article's own byline only.
  assert.deepEqual(authorsOf('', `<article><h1>Heading one</h1>${byline}${text}${comments}</article>`), ['Jane Doe', 'John Smith']);
});
