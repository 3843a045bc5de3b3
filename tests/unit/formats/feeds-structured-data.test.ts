import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { buildFeeds, type FeedItemInput } from '../../../src/formats/feeds.ts';
import { breadcrumbList, jsonLdText, newsArticle } from '../../../src/formats/structured-data.ts';

const site = {
  title: 'News Archive',
  description: 'Reports & releases',
  language: 'en',
  home: 'https://example.org/archive/',
  links: { rss: 'https://example.org/archive/feed.xml', atom: 'https://example.org/archive/atom.xml', json: 'https://example.org/archive/feed.json' },
  favicon: 'https://example.org/archive/favicon.svg',
  publisher: 'News Archive',
};
const items: FeedItemInput[] = [
  { id: '2021/b', title: 'B & <b>', url: 'https://example.org/archive/news/2021/b/', date: new Date('2021-02-03T00:00:00Z'), summary: 'Sum B', html: '<p>Body <em>B</em></p>', author: 'Org B', categories: ['Energy'] },
  { id: '2020/a', title: 'A', url: 'https://example.org/archive/news/2020/a/', date: new Date('2020-07-31T00:00:00Z'), html: '<p>Body A</p>', author: 'Org A', categories: [] },
];
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T,>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

test('RSS 2.0 carries every item with link, guid, date and full content', () => {
  const { rss } = buildFeeds(site, items);
  const channel = xml.parse(rss).rss.channel;
  const parsed = asArray(channel.item);
  assert.deepEqual(parsed.map((i: { link: string }) => i.link), items.map((i) => i.url));
  assert.equal(parsed[0].title, 'B & <b>');
  assert.match(parsed[0]['content:encoded'], /<em>B<\/em>/);
  assert.equal(new Date(parsed[1].pubDate).toISOString(), '2020-07-31T00:00:00.000Z');
  assert.equal(channel.link, site.home);
});

test('Atom 1.0 has one entry per item, ids are the report URLs, updated is the newest report day', () => {
  const { atom } = buildFeeds(site, items);
  const feed = xml.parse(atom).feed;
  const entries = asArray(feed.entry);
  assert.deepEqual(entries.map((e: { id: string }) => e.id), items.map((i) => i.url));
  assert.equal(feed.updated, '2021-02-03T00:00:00.000Z');
});

test('JSON Feed 1.1: version, language, authors, content and summary', () => {
  const feed = JSON.parse(buildFeeds(site, items).json);
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.language, 'en');
  assert.equal(feed.feed_url, site.links.json);
  assert.deepEqual(feed.items.map((i: { url: string }) => i.url), items.map((i) => i.url));
  assert.deepEqual(feed.items[0].authors, [{ name: 'Org B' }]);
  assert.equal(feed.items[0].author, undefined);
  assert.equal(feed.items[0].summary, 'Sum B');
  assert.equal(feed.items[0].content_html, '<p>Body <em>B</em></p>');
  assert.deepEqual(feed.items[0].tags, ['Energy']);
});

test('NewsArticle JSON-LD: headline, date, publisher, topics as about, people and organizations as mentions', () => {
  const data = newsArticle({
    title: 'T', subtitle: 'S', date: new Date('2020-07-31T00:00:00Z'), url: 'https://x/a/', language: 'en',
    source: { name: 'CASIC', url: 'https://casic.example/' }, publisher: { name: 'News Archive', url: 'https://x/' },
    topics: [{ name: 'Energy' }],
    organizations: [{ name: 'CASIC' }],
    people: [{ name: 'Yuan Jie' }],
  });
  assert.equal(data['@type'], 'NewsArticle');
  assert.equal(data.headline, 'T');
  assert.equal(data.datePublished, '2020-07-31');
  assert.deepEqual(data.publisher, { '@type': 'Organization', name: 'News Archive', url: 'https://x/' });
  assert.deepEqual(data.about, [{ '@type': 'Thing', name: 'Energy' }]);
  assert.deepEqual(data.mentions, [
    { '@type': 'Person', name: 'Yuan Jie' },
    { '@type': 'Organization', name: 'CASIC' },
  ]);
});

test('BreadcrumbList numbers its items from 1', () => {
  const data = breadcrumbList([{ name: 'Home', url: 'https://x/' }, { name: '2020', url: 'https://x/news/2020/' }]);
  assert.deepEqual((data.itemListElement as { position: number }[]).map((i) => i.position), [1, 2]);
});

test('JSON-LD text cannot close its script element', () => {
  const text = jsonLdText({ headline: '</script><script>alert(1)</script>' });
  assert.ok(!text.includes('<'));
  assert.equal(JSON.parse(text).headline, '</script><script>alert(1)</script>');
});

const byline = ['Jane Doe', 'R&amp;D & <Lab>'];
const authored: FeedItemInput[] = [{ ...items[0]!, authors: byline }, items[1]!];

test('RSS: a report\'s authors are one dc:creator each (RSS <author> is an e-mail address); without authors the source stays its <author>', () => {
  const { rss } = buildFeeds(site, authored);
  const parsed = xml.parse(rss).rss;
  assert.equal(parsed['@xmlns:dc'], 'http://purl.org/dc/elements/1.1/');
  const [first, second] = asArray(parsed.channel.item) as Record<string, unknown>[];
  assert.deepEqual(asArray(first!['dc:creator']), byline);
  assert.equal(first!.author, undefined);
  assert.equal(second!.author, 'Org A');
  assert.equal(second!['dc:creator'], undefined);
  // The namespace is declared even when no item has content (the library declares it only then).
  const bare = xml.parse(buildFeeds(site, [{ ...authored[0]!, html: '' }]).rss).rss;
  assert.equal(bare['@xmlns:dc'], 'http://purl.org/dc/elements/1.1/');
  assert.deepEqual(asArray(bare.channel.item['dc:creator']), byline);
});

test('Atom: one <author><name> per author, as written; without authors the source', () => {
  const entries = asArray(xml.parse(buildFeeds(site, authored).atom).feed.entry) as { author: unknown }[];
  assert.deepEqual(asArray(entries[0]!.author as { name: string }[]).map((a) => a.name), byline);
  assert.deepEqual(asArray(entries[1]!.author as { name: string }[]).map((a) => a.name), ['Org A']);
});

test('JSON Feed 1.1: every author in `authors`; without authors the source', () => {
  const feed = JSON.parse(buildFeeds(site, authored).json);
  assert.deepEqual(feed.items[0].authors, byline.map((name) => ({ name })));
  assert.deepEqual(feed.items[1].authors, [{ name: 'Org A' }]);
  assert.equal(feed.items[0].author, undefined);
});

test('NewsArticle JSON-LD: the authors are Persons and the source their organization; without authors the source is the author', () => {
  const article = {
    title: 'T', date: new Date('2020-07-31T00:00:00Z'), url: 'https://x/a/', language: 'en',
    source: { name: 'CASIC', url: 'https://casic.example/' }, publisher: { name: 'News Archive', url: 'https://x/' },
    topics: [], organizations: [], people: [],
  };
  const source = { '@type': 'Organization', name: 'CASIC', url: 'https://casic.example/' };
  const data = newsArticle({ ...article, authors: ['Jane Doe', 'John Smith'] });
  assert.deepEqual(data.author, [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'John Smith' }]);
  assert.deepEqual(data.sourceOrganization, source);
  assert.deepEqual(data.publisher, { '@type': 'Organization', name: 'News Archive', url: 'https://x/' });
  for (const without of [newsArticle(article), newsArticle({ ...article, authors: [] })]) {
    assert.deepEqual(without.author, source);
    assert.ok(!('sourceOrganization' in without));
  }
});
