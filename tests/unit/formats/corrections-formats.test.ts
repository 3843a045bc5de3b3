/**
 * What a correction or update changes in the archive's data: JSON-LD dateModified and
 * CorrectionComment, the feeds' updated dates, the corrections feed, the report's JSON record
 * and the sitemap's lastmod.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { buildCorrectionsFeed, buildFeeds, type FeedItemInput } from '../../../src/formats/feeds.ts';
import { newsArticle } from '../../../src/formats/structured-data.ts';
import { reportRecord } from '../../../src/formats/machine-readable.ts';
import { lastmodByUrl, sitemapLastmod } from '../../../src/formats/sitemap-lastmod.ts';
import { reportSchema } from '../../../src/reports/schema.ts';
import { absoluteUrl } from '../../../src/urls/base-urls.ts';
import { assertWellFormedXml } from '../../support/xml.ts';
import { TMP } from '../../support/paths.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T,>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

const article = {
  title: 'T', date: day('2020-07-31'), url: 'https://x/a/', language: 'en',
  source: { name: 'CASIC' }, publisher: { name: 'News Archive', url: 'https://x/' },
  topics: [], organizations: [], people: [],
};

test('JSON-LD: dateModified is the latest note of either kind; each correction is a CorrectionComment', () => {
  const data = newsArticle({
    ...article,
    updates: [
      { date: day('2020-09-01'), kind: 'update', note: 'Figures added.' },
      { date: day('2020-08-02'), kind: 'correction', note: 'The year was wrong.' },
      { date: day('2020-08-20'), kind: 'correction', note: 'A name was misspelt.' },
    ],
  });
  assert.equal(data.datePublished, '2020-07-31');
  assert.equal(data.dateModified, '2020-09-01');
  assert.deepEqual(data.correction, [
    { '@type': 'CorrectionComment', text: 'The year was wrong.', datePublished: '2020-08-02' },
    { '@type': 'CorrectionComment', text: 'A name was misspelt.', datePublished: '2020-08-20' },
  ]);
  const updatedOnly = newsArticle({ ...article, updates: [{ date: day('2020-08-05'), kind: 'update', note: 'n' }] });
  assert.equal(updatedOnly.dateModified, '2020-08-05');
  assert.ok(!('correction' in updatedOnly));
  const never = newsArticle({ ...article, updates: [] });
  assert.ok(!('dateModified' in never) && !('correction' in never));
});

const site = {
  title: 'News Archive', description: 'd', language: 'en', home: 'https://example.org/',
  links: { rss: 'https://example.org/feed.xml', atom: 'https://example.org/atom.xml', json: 'https://example.org/feed.json' },
  favicon: 'https://example.org/favicon.svg', publisher: 'News Archive',
};
const items: FeedItemInput[] = [
  { id: '2021/b', title: 'B', url: 'https://example.org/news/2021/b/', date: day('2021-02-03'), html: '<p>B</p>', author: 'Org', categories: [] },
  { id: '2020/a', title: 'A', url: 'https://example.org/news/2020/a/', date: day('2020-07-31'), updated: day('2021-05-06'), html: '<p>A</p>', author: 'Org', categories: [] },
];

test('feeds: a corrected report keeps its published date and gets the correction as updated; the feed is as new as its newest item', () => {
  const { rss, atom, json } = buildFeeds(site, items);
  const feed = xml.parse(atom).feed;
  const entries = asArray(feed.entry);
  assert.equal(feed.updated, '2021-05-06T00:00:00.000Z');
  assert.equal(entries[1].updated, '2021-05-06T00:00:00.000Z');
  assert.equal(entries[1].published, '2020-07-31T00:00:00.000Z');
  assert.equal(entries[0].updated, '2021-02-03T00:00:00.000Z');
  const jsonItems = JSON.parse(json).items;
  assert.equal(jsonItems[1].date_modified, '2021-05-06T00:00:00.000Z');
  assert.equal(jsonItems[1].date_published, '2020-07-31T00:00:00.000Z');
  const rssItems = asArray(xml.parse(rss).rss.channel.item);
  assert.equal(new Date(rssItems[1].pubDate).toISOString(), '2020-07-31T00:00:00.000Z');
});

const correctionsSite = {
  title: 'News Archive: corrections', home: 'https://example.org/corrections/', self: 'https://example.org/corrections/atom.xml',
  language: 'en', favicon: 'https://example.org/favicon.svg', publisher: 'News Archive',
};

test('the corrections feed: strict Atom, one entry per correction, its note as written, linked to the note', () => {
  const atom = buildCorrectionsFeed(correctionsSite, [
    { title: 'AT&T <b>results</b>', url: 'https://example.org/news/2020/a/#correction-2020-08-02', date: day('2020-08-02'), note: 'Said 5 < 6 & "x" ]]> wrong ]]> twice.' },
    { title: 'C', url: 'https://example.org/news/2020/c/#correction-2020-05-03', date: day('2020-05-03'), note: 'c1' },
  ]);
  assertWellFormedXml('corrections/atom.xml', atom);
  const feed = xml.parse(atom).feed;
  assert.equal(feed.updated, '2020-08-02T00:00:00.000Z');
  assert.equal(feed.author.name, 'News Archive', 'Atom needs an author');
  assert.deepEqual(asArray(feed.link).map((l: Record<string, string>) => [l['@rel'], l['@href']]), [
    ['alternate', 'https://example.org/corrections/'],
    ['self', 'https://example.org/corrections/atom.xml'],
  ]);
  const entries = asArray(feed.entry);
  assert.deepEqual(entries.map((e: { id: string }) => e.id), ['https://example.org/news/2020/a/#correction-2020-08-02', 'https://example.org/news/2020/c/#correction-2020-05-03']);
  // type="html": what a reader shows once the HTML is read is the text as the editor wrote it.
  const shown = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.equal(shown(entries[0].title['#text']), 'Correction: AT&T <b>results</b>');
  assert.equal(shown(entries[0].content['#text']), 'Said 5 < 6 & "x" ]]> wrong ]]> twice.');
  assert.equal(entries[0].published, '2020-08-02T00:00:00.000Z');
  // No corrections yet: still a valid feed to subscribe to.
  const empty = buildCorrectionsFeed(correctionsSite, []);
  assertWellFormedXml('empty corrections feed', empty);
  assert.equal(xml.parse(empty).feed.entry, undefined);
});

test("the report's JSON: updated (the latest day) and every note oldest first; both absent when there are none", () => {
  const data = reportSchema.parse({
    title: 'T', date: '2020-07-31', source: { name: 'S' },
    updates: [{ date: '2020-09-01', kind: 'update', note: 'Figures added.' }, { date: '2020-08-02', kind: 'correction', note: 'Wrong year.' }],
  });
  const record = reportRecord('2020/x', data, (p) => absoluteUrl('https://example.org', '/', p));
  assert.equal(record.updated, '2020-09-01');
  assert.deepEqual(record.updates, [
    { date: '2020-08-02', kind: 'correction', note: 'Wrong year.' },
    { date: '2020-09-01', kind: 'update', note: 'Figures added.' },
  ]);
  const plain = reportRecord('2020/y', reportSchema.parse({ title: 'T', date: '2020-07-31', source: { name: 'S' } }), (p) => p);
  assert.ok(!('updated' in plain) && !('updates' in plain));
});

test('sitemap lastmod: the latest update of each updated report, read from reports.json; other URLs unchanged', async () => {
  const index = {
    reports: [
      { url: 'https://example.org/news/2020/a/', updated: '2020-09-01' },
      { url: 'https://example.org/news/2020/b/' },
    ],
  };
  assert.deepEqual([...lastmodByUrl(index as never)], [['https://example.org/news/2020/a/', '2020-09-01']]);
  const dir = path.join(TMP, 'unit', 'sitemap-lastmod');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'reports.json');
  await writeFile(file, JSON.stringify(index));
  const serialize = sitemapLastmod(file);
  assert.deepEqual(await serialize({ url: 'https://example.org/news/2020/a/' }), { url: 'https://example.org/news/2020/a/', lastmod: '2020-09-01' });
  assert.deepEqual(await serialize({ url: 'https://example.org/news/2020/b/' }), { url: 'https://example.org/news/2020/b/' });
  assert.deepEqual(await serialize({ url: 'https://example.org/topics/' }), { url: 'https://example.org/topics/' });
});
