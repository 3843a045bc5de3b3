import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { buildFeeds } from '../../../src/formats/feeds.ts';
import { assertWellFormedXml } from '../../support/xml.ts';

const SITE = {
  title: 'News Archive',
  description: 'Reports',
  language: 'en',
  home: 'https://example.org/',
  links: { rss: 'https://example.org/feed.xml', atom: 'https://example.org/atom.xml', json: 'https://example.org/feed.json' },
  favicon: 'https://example.org/favicon.svg',
  publisher: 'Example',
};

/** Each element's text (CDATA included) and attributes, in document order. */
function read(xml: string): { name: string; text: string; attributes: Record<string, string> }[] {
  const parser = new SaxesParser();
  const open: { name: string; text: string; attributes: Record<string, string> }[] = [];
  const done: typeof open = [];
  parser.on('opentag', (tag) => open.push({ name: tag.name, text: '', attributes: tag.attributes as Record<string, string> }));
  const add = (text: string) => open.at(-1) && (open.at(-1)!.text += text);
  parser.on('text', add);
  parser.on('cdata', add);
  parser.on('closetag', () => done.push(open.pop()!));
  parser.write(xml).close();
  return done;
}

/** What a feed reader shows for text it takes as HTML. */
const htmlText = (html: string) => html.replace(/<[^>]*>/g, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');

// Titles, summaries and topics as publishers write them, with the XML and HTML characters that
// broke the feeds: `<`, `&`, quotes and CDATA's own end, `]]>`, more than once.
const text = fc.stringMatching(/^[A-Za-z &<>"'\]\[]{1,40}$/).filter((t) => t.trim() === t && t.length > 0);

test('titles, summaries and topics read back exactly from RSS, Atom and JSON Feed, and every feed is well-formed', () => {
  fc.assert(
    fc.property(text, text, text, (title, summary, topic) => {
      const feeds = buildFeeds(SITE, [
        { id: '2020/a', title, url: 'https://example.org/news/2020/a/', date: new Date(Date.UTC(2020, 6, 31)), summary, html: '<p>Body ]]> text ]]> end</p>', author: 'Example', categories: [topic] },
      ]);
      assertWellFormedXml('feed.xml', feeds.rss);
      assertWellFormedXml('atom.xml', feeds.atom);
      const rssItem = read(feeds.rss);
      const item = (name: string) => rssItem.filter((e) => e.name === name).at(-1)!;
      assert.equal(item('title').text, title, 'RSS title');
      assert.equal(htmlText(item('description').text), summary, 'RSS description');
      assert.equal(item('content:encoded').text.includes('Body ]]&gt; text ]]&gt; end'), true);
      const atom = read(feeds.atom);
      const entry = (name: string) => atom.filter((e) => e.name === name);
      assert.equal(htmlText(entry('title').at(-1)!.text), title, 'Atom title');
      assert.equal(htmlText(entry('summary')[0]!.text), summary, 'Atom summary');
      assert.deepEqual({ ...entry('category')[0]!.attributes }, { term: topic, label: topic });
      const json = JSON.parse(feeds.json) as { items: { title: string; summary: string; tags: string[] }[] };
      assert.equal(json.items[0]!.title, title);
      assert.equal(json.items[0]!.summary, summary);
    }),
    { numRuns: 300 },
  );
});
