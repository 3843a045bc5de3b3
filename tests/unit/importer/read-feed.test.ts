import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFeed } from '../../../src/importer/readers/read-feed.ts';
import type { ReadOutcome, SourceItem } from '../../../src/importer/readers/source-item.ts';

const rss = (items: string, channel = '<title>Agency &amp; Co</title><link>https://agency.example/</link><language>ru</language>') =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>${channel}${items}</channel></rss>`;
const atom = (entries: string, attributes = ' xml:lang="fr"') =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"${attributes}><title type="text">Agence</title><id>urn:feed</id><link href="https://agence.example/"/>${entries}</feed>`;

const itemsOf = (outcomes: ReadOutcome[]): SourceItem[] =>
  outcomes.map((outcome) => {
    assert.equal(outcome.kind, 'item', JSON.stringify(outcome));
    return (outcome as { item: SourceItem }).item;
  });
const reasonOf = (outcome: ReadOutcome | undefined) => {
  assert.equal(outcome?.kind, 'failed', JSON.stringify(outcome));
  return (outcome as { reason: string }).reason;
};

test('RSS: content:encoded is the body and the description its summary; a description alone is the body', () => {
  const [full, short] = itemsOf(
    readFeed(
      rss(`<item><title>Новости дня</title><link>https://agency.example/n/1</link><pubDate>Fri, 31 Jul 2020 23:30:00 +0800</pubDate>
<description>&lt;p&gt;Кратко &amp;amp; ясно&lt;/p&gt;</description><content:encoded><![CDATA[<p>Полный текст &amp; <a href="/x">ссылка</a></p><img src="img/1.jpg" alt="Фото">]]></content:encoded>
<category>Мир</category><category>Мир</category><category>Космос</category></item>
<item><title>Second</title><guid isPermaLink="false">id-2</guid><pubDate>31 Jul 2020 16:00 GMT</pubDate><description>Only &lt;b&gt;this&lt;/b&gt;</description></item>`),
      'feed.xml',
      {},
    ),
  );
  assert.equal(full!.markdown, 'Полный текст & [ссылка](https://agency.example/x)\n\n![Фото](https://agency.example/n/img/1.jpg)');
  assert.equal(full!.summary, 'Кратко & ясно');
  assert.deepEqual(full!.images, [{ url: 'https://agency.example/n/img/1.jpg', alt: 'Фото' }]);
  assert.deepEqual(full!.topics, ['Мир', 'Космос']);
  assert.equal(full!.language, 'ru');
  assert.equal(full!.key, 'https://agency.example/n/1');
  assert.deepEqual(full!.source, { name: 'Agency & Co', url: 'https://agency.example/n/1' });
  assert.equal(full!.origin, 'feed.xml, item 1');
  assert.equal(short!.markdown, 'Only **this**');
  assert.equal(short!.summary, undefined);
  // No link: the guid is the key; a guid that is not a permalink is no source URL.
  assert.equal(short!.key, 'id-2');
  assert.deepEqual(short!.source, { name: 'Agency & Co' });
});

test('RSS dates: the day written in the feed\'s own offset; with a time zone, the day there', () => {
  const feed = rss(`<item><title>Late</title><guid>https://agency.example/late</guid><pubDate>Fri, 31 Jul 2020 23:30:00 +0800</pubDate><description>x</description></item>
<item><title>Dc</title><guid>g2</guid><dc:date>2020-07-31T20:00:00-05:00</dc:date><description>x</description></item>
<item><title>Zone</title><guid>g3</guid><pubDate>Sat, 01 Aug 2020 01:00:00 EDT</pubDate><description>x</description></item>`);
  assert.deepEqual(itemsOf(readFeed(feed, 'f.xml', {})).map((i) => i.date), ['2020-07-31', '2020-07-31', '2020-08-01']);
  assert.deepEqual(itemsOf(readFeed(feed, 'f.xml', { timeZone: 'UTC' })).map((i) => i.date), ['2020-07-31', '2020-08-01', '2020-08-01']);
  assert.deepEqual(itemsOf(readFeed(feed, 'f.xml', { timeZone: 'America/Los_Angeles' })).map((i) => i.date), ['2020-07-31', '2020-07-31', '2020-07-31']);
  // A guid is a permalink unless it says otherwise.
  assert.equal(itemsOf(readFeed(feed, 'f.xml', {}))[0]!.source?.url, 'https://agency.example/late');
});

test('RSS: an item without a date or a title fails, named, and the others are read', () => {
  const outcomes = readFeed(
    rss(`<item><title>No date</title><description>x</description></item><item><description>untitled</description><pubDate>Fri, 31 Jul 2020 10:00:00 GMT</pubDate></item>
<item><title>Bad</title><pubDate>Friday the 31st</pubDate><description>x</description></item><item><title>Fine</title><pubDate>Fri, 31 Jul 2020 10:00:00 GMT</pubDate><description>x</description></item>`),
    'f.xml',
    {},
  );
  assert.match(reasonOf(outcomes[0]), /no pubDate or dc:date/);
  assert.match(reasonOf(outcomes[1]), /no title/);
  assert.match(reasonOf(outcomes[2]), /pubDate "Friday the 31st" is not a date/);
  assert.equal(outcomes[3]!.kind, 'item');
  assert.equal((outcomes[0] as { origin: string }).origin, 'f.xml, item 1');
});

test('Atom: html, xhtml and text content; the summary when there is no content; id as key without a link', () => {
  const entries = itemsOf(
    readFeed(
      atom(`<entry><title type="html">A &amp;amp; &lt;b&gt;B&lt;/b&gt;</title><id>urn:1</id><link rel="self" href="https://agence.example/1.atom"/><link rel="alternate" href="https://agence.example/1"/>
<published>2020-07-31T23:30:00+08:00</published><updated>2020-08-02T10:00:00Z</updated><summary type="html"><![CDATA[<p>Court &amp; bon</p>]]></summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x &amp;amp; <b>y</b> <![CDATA[<z>]]></p><img src="i.png" alt="I"/></div></content><category term="space" label="Espace"/><category term="ciel"/></entry>
<entry><title>Texte &lt;brut&gt;</title><id>urn:2</id><updated>2020-07-31T01:30:00-05:00</updated><content>Ligne un
ligne deux

Para *deux*</content></entry>
<entry xml:lang="ar"><title>بيان</title><id>urn:3</id><published>2020-07-31T12:00:00Z</published><summary>ملخص فقط</summary></entry>`),
      'atom.xml',
      {},
    ),
  );
  const [first, second, third] = entries;
  assert.equal(first!.title, 'A & B');
  assert.equal(first!.markdown, 'x \\&amp; **y** \\<z>\n\n![I](https://agence.example/i.png)');
  assert.equal(first!.summary, 'Court & bon');
  assert.equal(first!.key, 'https://agence.example/1');
  assert.equal(first!.date, '2020-07-31');
  assert.deepEqual(first!.topics, ['Espace', 'ciel']);
  assert.equal(first!.language, 'fr');
  assert.deepEqual(first!.source, { name: 'Agence', url: 'https://agence.example/1' });
  assert.equal(second!.title, 'Texte <brut>');
  assert.equal(second!.markdown, 'Ligne un\nligne deux\n\nPara \\*deux\\*');
  assert.equal(second!.key, 'urn:2');
  assert.equal(second!.origin, 'atom.xml, entry 2');
  assert.equal(third!.markdown, 'ملخص فقط');
  assert.equal(third!.language, 'ar');
});

test('Atom: content kept elsewhere is not fetched (the summary is imported, with a warning); no date fails', () => {
  const outcomes = readFeed(
    atom(`<entry><title>Out</title><id>urn:1</id><published>2020-07-31T10:00:00Z</published><summary>Short.</summary><content type="text/html" src="https://agence.example/1.html"/></entry>
<entry><title>Undated</title><id>urn:2</id><content>x</content></entry>`),
    'atom.xml',
    {},
  );
  const [out] = itemsOf(outcomes.slice(0, 1));
  assert.equal(out!.markdown, 'Short.');
  assert.match(out!.warnings[0]!, /content is at https:\/\/agence\.example\/1\.html, not in the feed/);
  assert.match(reasonOf(outcomes[1]), /no published or updated date/);
});

test('a feed that is neither RSS nor Atom, or not XML, fails as one outcome', () => {
  assert.match(reasonOf(readFeed('<urlset></urlset>', 'f.xml', {})[0]), /neither an RSS 2\.0 feed/);
  assert.match(reasonOf(readFeed('<rss><channel><title>a & b</title></channel></rss>', 'f.xml', {})[0]), /not well-formed XML \(line 1/);
});

test('RSS: a "<" in a title or description that starts no HTML tag is text, not a tag that swallows words', () => {
  const [item] = itemsOf(
    readFeed(
      rss(`<item><title>Why x&lt;y matters &lt;b&gt;now&lt;/b&gt;</title><link>https://agency.example/n/2</link><pubDate>Fri, 31 Jul 2020 10:00:00 GMT</pubDate>
<description>Rates &lt;5% and &lt;brut&gt; data</description><content:encoded><![CDATA[<p>Body</p>]]></content:encoded><category>R&amp;D &lt;lab&gt;</category></item>`),
      'feed.xml',
      {},
    ),
  );
  assert.equal(item!.title, 'Why x<y matters now');
  assert.equal(item!.summary, 'Rates <5% and <brut> data');
  assert.deepEqual(item!.topics, ['R&D <lab>']);
});

test('Atom xhtml is read as XML: an empty element written self-closing (<iframe/>, <textarea/>, <script/>) holds nothing, and the text after it stays', () => {
  for (const empty of ['<iframe src="https://video.example/embed/1"/>', '<textarea/>', '<script src="https://cdn.example/w.js"/>', '<title/>', '<br/>']) {
    const [entry] = itemsOf(
      readFeed(
        atom(`<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Launch <span/>day</div></title><id>urn:1</id><published>2020-07-31T10:00:00Z</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First paragraph words.</p>${empty}<p>Second paragraph after the video.</p><p>Third <b>paragraph</b>.</p></div></content></entry>`),
        'atom.xml',
        {},
      ),
    );
    assert.equal(entry!.title, 'Launch day', empty);
    assert.match(entry!.markdown, /^First paragraph words\.\n\n(\n|<br>|\\\n)*Second paragraph after the video\.\n\nThird \*\*paragraph\*\*\.$/, empty);
  }
});

test('Atom xhtml: markup inside a <textarea> is its text, as HTML reads it, not tags shown as text', () => {
  const [entry] = itemsOf(
    readFeed(
      atom(`<entry><title>t</title><id>urn:1</id><published>2020-07-31T10:00:00Z</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><textarea><b>Typed</b> words &amp; more</textarea><p>After it.</p></div></content></entry>`),
      'atom.xml',
      {},
    ),
  );
  assert.doesNotMatch(entry!.markdown, /<b>|\\<b>/, entry!.markdown);
  assert.match(entry!.markdown, /Typed words & more[\s\S]*After it\./);
});

test('Atom xhtml under a namespace prefix, with CDATA, references and quotes in attributes: the same text as the HTML', () => {
  const [entry] = itemsOf(
    readFeed(
      atom(`<entry><title>t</title><id>urn:1</id><published>2020-07-31T10:00:00Z</published>
<content type="xhtml"><xh:div xmlns:xh="http://www.w3.org/1999/xhtml"><xh:p>A &amp;amp; B&#160;C <![CDATA[<not a tag> & more]]></xh:p><xh:img src='https://e.org/a.png' alt='Say "cheese" &amp; smile'/></xh:div></content></entry>`),
      'atom.xml',
      {},
    ),
  );
  assert.equal(entry!.markdown, 'A \\&amp; B\u00a0C \\<not a tag> & more\n\n![Say "cheese" & smile](https://e.org/a.png)');
});

/** HTML's white space, the only white space a browser collapses (src/importer/html/html-whitespace.ts). */
const HTML_SPACE = /[\t\n\f\r ]+/g;
/** Any text XML can carry, weighted towards the white space that is not HTML's. */
const titleText = fc
  .string({
    unit: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('\u00a0', '\u3000', '\ufeff', '\u2003', '\u200b', '\u2028', '\u0085', ' ', '\t', '\n', '&', '<', '&amp;', '<b>') },
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    ),
    minLength: 1,
    maxLength: 12,
  })
  .filter((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/.test(text) && text.trim() !== '');
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

test('titles keep their text exactly (no-break, ideographic and zero-width spaces too), only runs of HTML white space made one space', () => {
  fc.assert(
    fc.property(titleText, (text) => {
      const expected = text.replace(HTML_SPACE, ' ').trim();
      const dated = '<published>2020-07-31T10:00:00Z</published><content>x</content>';
      const entries = itemsOf(
        readFeed(atom(`<entry><title type="html">${escapeXml(escapeXml(text))}</title><id>urn:1</id>${dated}</entry><entry><title type="text">${escapeXml(text)}</title><id>urn:2</id>${dated}</entry>`), 'atom.xml', {}),
      );
      const rssItems = itemsOf(readFeed(rss(`<item><title>${escapeXml(escapeXml(text))}</title><guid>g</guid><pubDate>Fri, 31 Jul 2020 10:00:00 GMT</pubDate><description>x</description></item>`), 'rss.xml', {}));
      assert.deepEqual([...entries, ...rssItems].map((item) => item.title), [expected, expected, expected]);
    }),
    { numRuns: Number(process.env.FIDELITY_RUNS ?? 200) },
  );
});

test('an Atom title with a no-break space keeps it', () => {
  const [entry] = itemsOf(readFeed(atom('<entry><title type="html">title&amp;#160;here</title><id>urn:1</id><published>2020-07-31T10:00:00Z</published><content>x</content></entry>'), 'atom.xml', {}));
  assert.equal(entry!.title, 'title\u00a0here');
});

const dated = '<pubDate>Fri, 31 Jul 2020 10:00:00 +0000</pubDate><description>x</description>';

test('RSS authors: every dc:creator, in order and once; else <author>\'s name in parentheses, else its text as written', () => {
  const feed = rss(`<item><title>A</title><guid>g1</guid>${dated}<dc:creator><![CDATA[Jane Doe]]></dc:creator><dc:creator>R&amp;amp;D Desk</dc:creator><dc:creator>Jane Doe</dc:creator><author>jd@agency.example (Someone Else)</author></item>
<item><title>B</title><guid>g2</guid>${dated}<author>jd@agency.example (Jane Doe)</author></item>
<item><title>C</title><guid>g3</guid>${dated}<author>newsdesk@agency.example</author></item>
<item><title>D</title><guid>g4</guid>${dated}<author>jd@agency.example (Jane (JD) Doe)</author></item>
<item><title>E</title><guid>g5</guid>${dated}<dc:creator> </dc:creator></item>`);
  assert.deepEqual(itemsOf(readFeed(feed, 'feed.xml', {})).map((i) => i.authors), [
    ['Jane Doe', 'R&D Desk'],
    ['Jane Doe'],
    ['newsdesk@agency.example'],
    ['Jane (JD) Doe'],
    undefined,
  ]);
});

test('Atom authors: each <author><name> of the entry; else of its <source>; else the feed\'s', () => {
  const entry = (id: number, extra: string) => `<entry><title>E${id}</title><id>urn:e${id}</id><published>2020-07-31T10:00:00Z</published><summary>x</summary>${extra}</entry>`;
  const entries = [
    entry(1, '<author><name>Jane Doe</name><email>jd@agence.example</email></author><author><name>Jean Dupont</name></author>'),
    entry(2, '<source><id>urn:other</id><author><name>Source Author</name></author></source>'),
    entry(3, ''),
    entry(4, '<author><name>R&amp;amp;D</name></author>'),
  ].join('');
  const withFeedAuthor = atom(`<author><name>Rédaction</name></author>${entries}`);
  assert.deepEqual(itemsOf(readFeed(withFeedAuthor, 'atom.xml', {})).map((i) => i.authors), [['Jane Doe', 'Jean Dupont'], ['Source Author'], ['Rédaction'], ['R&D']]);
  assert.equal(itemsOf(readFeed(atom(entry(3, '')), 'atom.xml', {}))[0]!.authors, undefined);
});
