/** The lead image in the files machines read: JSON-LD, the three feeds and the JSON records. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { buildFeeds, type FeedItemInput } from '../../../src/formats/feeds.ts';
import { newsArticle } from '../../../src/formats/structured-data.ts';
import { reportRecord } from '../../../src/formats/machine-readable.ts';
import { reportSchema } from '../../../src/reports/schema.ts';
import { leadImageWidths, fallbackFormat } from '../../../src/reports/lead-image/lead-image-sizes.ts';
import { assertWellFormedXml } from '../../support/xml.ts';

const PHOTO = 'https://example.org/archive/news/2021/b/photo.jpg';
const site = {
  title: 'News Archive',
  description: 'Reports',
  language: 'en',
  home: 'https://example.org/archive/',
  links: { rss: 'https://example.org/archive/feed.xml', atom: 'https://example.org/archive/atom.xml', json: 'https://example.org/archive/feed.json' },
  favicon: 'https://example.org/archive/favicon.svg',
  publisher: 'News Archive',
};
const items: FeedItemInput[] = [
  { id: '2021/b', title: 'B', url: 'https://example.org/archive/news/2021/b/', date: new Date('2021-02-03T00:00:00Z'), html: '<p>B</p>', author: 'Org', categories: [], image: { url: PHOTO, bytes: 123_456, mediaType: 'image/jpeg' } },
  { id: '2020/a', title: 'A', url: 'https://example.org/archive/news/2020/a/', date: new Date('2020-07-31T00:00:00Z'), html: '<p>A</p>', author: 'Org', categories: [] },
];
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

test('RSS: an <enclosure> with the URL, the byte length of the published file and its media type; none without an image', () => {
  const { rss } = buildFeeds(site, items);
  assertWellFormedXml('feed.xml', rss);
  const [b, a] = xml.parse(rss).rss.channel.item;
  assert.deepEqual(b.enclosure, { '@url': PHOTO, '@length': '123456', '@type': 'image/jpeg' });
  assert.equal(a.enclosure, undefined);
});

test('Atom: a link rel="enclosure" with a real media type (image/jpeg, not image/jpg) and length', () => {
  const { atom } = buildFeeds(site, items);
  assertWellFormedXml('atom.xml', atom);
  const [b, a] = xml.parse(atom).feed.entry;
  const links = ([] as Record<string, string>[]).concat(b.link);
  assert.deepEqual(
    links.filter((l) => l['@rel'] === 'enclosure').map((l) => [l['@href'], l['@type'], l['@length']]),
    [[PHOTO, 'image/jpeg', '123456']],
  );
  assert.equal(([] as Record<string, string>[]).concat(a.link).some((l) => l['@rel'] === 'enclosure'), false);
});

test('JSON Feed: the item image is the photo URL', () => {
  const feed = JSON.parse(buildFeeds(site, items).json);
  assert.equal(feed.items[0].image, PHOTO);
  assert.equal(feed.items[1].image, undefined);
});

test('JSON-LD: the article image is an ImageObject with url, size, caption and credit', () => {
  const base = {
    title: 'T', date: new Date('2021-02-03T00:00:00Z'), url: 'https://example.org/archive/news/2021/b/', language: 'en',
    source: { name: 'Org' }, publisher: { name: 'P', url: 'https://example.org/archive/' }, topics: [], organizations: [], people: [],
  };
  assert.deepEqual(newsArticle({ ...base, image: { url: PHOTO, width: 1600, height: 1000, caption: 'At dawn.', credit: 'Jane Doe' } }).image, {
    '@type': 'ImageObject', url: PHOTO, width: 1600, height: 1000, caption: 'At dawn.', creditText: 'Jane Doe',
  });
  assert.deepEqual(newsArticle({ ...base, image: { url: PHOTO, width: 10, height: 5 } }).image, { '@type': 'ImageObject', url: PHOTO, width: 10, height: 5 });
  assert.equal('image' in newsArticle(base), false);
});

test('the report JSON carries the image (absolute URL, bytes, size, alt, caption, credit); none without one', () => {
  const data = reportSchema.parse({ title: 'T', date: '2021-02-03', source: { name: 'S' } });
  const image = { path: 'news/2021/b/photo.jpg', mediaType: 'image/jpeg', bytes: 9, width: 4, height: 3, alt: 'A photo', credit: 'Jane Doe' };
  assert.deepEqual(reportRecord('2021/b', data, (p) => `https://example.org/${p}`, [], image).image, {
    url: 'https://example.org/news/2021/b/photo.jpg', mediaType: 'image/jpeg', bytes: 9, width: 4, height: 3, alt: 'A photo', credit: 'Jane Doe',
  });
  assert.equal('image' in reportRecord('2021/b', data, (p) => p), false);
});

test('the page picture: widths up to the original, never above it; PNG and GIF keep a PNG fallback', () => {
  assert.deepEqual(leadImageWidths(2400), [480, 800, 1200, 1600]);
  assert.deepEqual(leadImageWidths(1600), [480, 800, 1200, 1600]);
  assert.deepEqual(leadImageWidths(1000), [480, 800, 1000]);
  assert.deepEqual(leadImageWidths(300), [300]);
  assert.equal(fallbackFormat('image/jpeg'), 'jpg');
  assert.equal(fallbackFormat('image/png'), 'png');
});
