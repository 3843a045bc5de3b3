import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWxr } from '../../../src/importer/readers/read-wxr.ts';
import type { ReadOutcome, SourceItem } from '../../../src/importer/readers/source-item.ts';
import { renderMarkdown } from '../../support/source-fidelity.ts';

interface Post {
  title?: string;
  link?: string;
  guid?: string;
  content?: string;
  excerpt?: string;
  date?: string;
  gmt?: string;
  status?: string;
  type?: string;
  categories?: string;
}

const cdata = (text: string) => `<![CDATA[${text}]]>`;

function item(post: Post, id: number): string {
  return `<item>
<title>${post.title ?? cdata('A post')}</title>
${post.link === undefined ? `<link>https://news.example.org/${id}/</link>` : post.link}
<guid isPermaLink="false">${post.guid ?? `https://news.example.org/?p=${id}`}</guid>
<content:encoded>${cdata(post.content ?? 'Text.')}</content:encoded>
<excerpt:encoded>${cdata(post.excerpt ?? '')}</excerpt:encoded>
<wp:post_id>${id}</wp:post_id>
<wp:post_date>${cdata(post.date ?? '2020-07-31 10:00:00')}</wp:post_date>
<wp:post_date_gmt>${cdata(post.gmt ?? '2020-07-31 02:00:00')}</wp:post_date_gmt>
<wp:status>${cdata(post.status ?? 'publish')}</wp:status>
<wp:post_type>${cdata(post.type ?? 'post')}</wp:post_type>
${post.categories ?? ''}
</item>`;
}

function wxr(posts: Post[], channel = '<title>News &amp; Views</title><link>https://news.example.org</link><language>en-US</language>'): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>${channel}<wp:wxr_version>1.2</wp:wxr_version>
${posts.map((post, i) => item(post, i + 1)).join('\n')}
</channel></rss>`;
}

function only(outcomes: ReadOutcome[]): SourceItem {
  assert.equal(outcomes.length, 1);
  const [outcome] = outcomes;
  assert.equal(outcome!.kind, 'item', JSON.stringify(outcome));
  return (outcome as { item: SourceItem }).item;
}

test('dates: wp:post_date is the local day; with a time zone, wp:post_date_gmt is dated in it', () => {
  // 00:30 on 1 August in Shanghai (UTC+8) is 16:30 on 31 July in UTC.
  const file = wxr([{ date: '2020-08-01 00:30:00', gmt: '2020-07-31 16:30:00' }]);
  assert.equal(only(readWxr(file, 'export.xml', {})).date, '2020-08-01');
  assert.equal(only(readWxr(file, 'export.xml', { timeZone: 'Asia/Shanghai' })).date, '2020-08-01');
  assert.equal(only(readWxr(file, 'export.xml', { timeZone: 'UTC' })).date, '2020-07-31');
  // A post at 23:30 in UTC+8 keeps its local day.
  const late = wxr([{ date: '2020-07-31 23:30:00', gmt: '2020-07-31 15:30:00' }]);
  assert.equal(only(readWxr(late, 'export.xml', {})).date, '2020-07-31');
  assert.equal(only(readWxr(late, 'export.xml', { timeZone: 'Asia/Shanghai' })).date, '2020-07-31');
});

test('dates: a 0000-00-00 GMT date falls back to wp:post_date; no usable date fails with the reason, never a guess', () => {
  const noGmt = wxr([{ date: '2019-12-31 22:00:00', gmt: '0000-00-00 00:00:00' }]);
  assert.equal(only(readWxr(noGmt, 'export.xml', { timeZone: 'Europe/Paris' })).date, '2019-12-31');
  const none = readWxr(wxr([{ date: '0000-00-00 00:00:00', gmt: '0000-00-00 00:00:00' }]), 'export.xml', {});
  assert.equal(none[0]!.kind, 'failed');
  assert.match((none[0] as { reason: string }).reason, /wp:post_date.*is a date/);
  assert.match((none[0] as { origin: string }).origin, /^export\.xml, item 1 \(post 1\)$/);
  const gmtOnly = readWxr(wxr([{ date: '', gmt: '2020-07-31 16:30:00' }]), 'export.xml', {});
  assert.equal(gmtOnly[0]!.kind, 'failed');
  assert.match((gmtOnly[0] as { reason: string }).reason, /--time-zone/);
  const badDay = readWxr(wxr([{ date: '2021-02-30 10:00:00' }]), 'export.xml', {});
  assert.equal(badDay[0]!.kind, 'failed');
  const zone = readWxr(wxr([{}]), 'export.xml', { timeZone: 'Mars/Olympus' });
  assert.deepEqual(zone.map((o) => o.kind), ['failed']);
  assert.match((zone[0] as { reason: string }).reason, /--time-zone "Mars\/Olympus" is not a time zone name/);
});

test('drafts, private, pending, scheduled and trashed posts are skipped with their status; attachments and pages too', () => {
  const statuses = ['draft', 'private', 'pending', 'future', 'trash', 'auto-draft'];
  const file = wxr([
    ...statuses.map((status) => ({ status, gmt: '0000-00-00 00:00:00' })),
    { type: 'attachment', status: 'inherit' },
    { type: 'page' },
    { type: 'nav_menu_item' },
    { title: cdata('Published') },
    { type: 'press_release' },
    { categories: '<wp:post_password><![CDATA[secret]]></wp:post_password>' },
    { type: 'guest-author', title: cdata('Jane Guest') },
  ]);
  const outcomes = readWxr(file, 'export.xml', {});
  assert.deepEqual(outcomes.map((o) => o.kind), [...statuses.map(() => 'skipped'), 'skipped', 'skipped', 'skipped', 'item', 'item', 'skipped', 'skipped']);
  assert.match((outcomes[12] as { reason: string }).reason, /a WordPress guest-author, not an article/, "a Co-Authors Plus guest author's profile");
  assert.match((outcomes[11] as { reason: string }).reason, /password-protected/);
  statuses.forEach((status, i) => assert.match((outcomes[i] as { reason: string }).reason, new RegExp(`status "${status}"`)));
  assert.match((outcomes[7] as { reason: string }).reason, /--pages/);
  const withPages = readWxr(file, 'export.xml', { includePages: true });
  assert.equal(withPages[7]!.kind, 'item');
  assert.equal(withPages[6]!.kind, 'skipped');
});

test('[caption] becomes an image titled with its caption, alone in its paragraph, rendered as a figure with a figcaption', async () => {
  const content =
    'Before.\n\n[caption id="attachment_5" align="aligncenter" width="300"]<a href="https://news.example.org/wp-content/uploads/rocket.jpg"><img class="size-medium" src="/wp-content/uploads/rocket-300x200.jpg" alt="A rocket" width="300" height="200" /></a> The <em>launch</em> at dawn[/caption]\n\nAfter.';
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  assert.equal(post.markdown, 'Before.\n\n![A rocket](https://news.example.org/wp-content/uploads/rocket-300x200.jpg "The launch at dawn")\n\nAfter.');
  assert.deepEqual(post.images, [{ url: 'https://news.example.org/wp-content/uploads/rocket-300x200.jpg', alt: 'A rocket' }]);
  assert.deepEqual(post.warnings, []);
  const { html } = await renderMarkdown(post.markdown);
  // Rendered as the pipeline writes it with --media: the image copied beside the report.
  assert.match(html, /<figure><img [^>]*imported\/image-1\.jpg[^>]*><figcaption>The launch at dawn<\/figcaption><\/figure>/);
  // The old form, with the caption in an attribute.
  const old = only(readWxr(wxr([{ content: '[caption id="" align="alignnone" width="150" caption="Old &amp; gold"]<img src="https://e.org/a.jpg" alt="" />[/caption]' }]), 'e.xml', {}));
  assert.equal(old.markdown, '![](https://e.org/a.jpg "Old & gold")');
});

test('[caption] with a caption attribute and text inside shows both, as WordPress does: the attribute as the figure\'s caption, the text after the image as text', async () => {
  const content =
    'Before.\n\n[caption id="attachment_5" align="alignnone" width="300" caption="Attr caption words"]<a href="https://news.example.org/wp-content/uploads/a.jpg"><img src="https://news.example.org/wp-content/uploads/a-300x200.jpg" alt="A rocket" width="300" /></a> Inner text words[/caption]\n\nAfter.';
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  const { html, text } = await renderMarkdown(post.markdown);
  assert.match(html, /<figure><img [^>]*><figcaption>Attr caption words<\/figcaption><\/figure>/);
  assert.equal(text.replace(/\s+/g, ' ').trim(), 'Before. Attr caption words Inner text words After.');
  assert.deepEqual(post.warnings, []);
});

test('a [caption] attribute holding markup, as old WordPress editors wrote it, shows its words as WordPress did, no tags as text', async () => {
  const content = `[caption id="" align="alignnone" width="300" caption="The pad, by <a href='https://photos.example.org/jd'>J. Doe</a> &amp; <em>staff</em>"]<img src="https://news.example.org/a.jpg" alt="The pad" />[/caption]`;
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  const { html, text } = await renderMarkdown(post.markdown);
  assert.equal(text.replace(/\s+/g, ' ').trim(), 'The pad, by J. Doe & staff');
  assert.match(html, /<figcaption>The pad, by J\. Doe &#x26; staff<\/figcaption>/);
  // A caption is text in Markdown: its link goes, and the editor is told.
  assert.deepEqual(post.warnings, ['the link to "https://photos.example.org/jd" in the caption of the image "https://news.example.org/a.jpg" was not kept (a caption is text); its words are kept']);
});

test('a [caption] attribute with a < that opens no tag (WordPress drops it) keeps its words as text, and swallows or formats nothing after it', async () => {
  const image = '<img src="https://news.example.org/a.jpg" alt="A">';
  for (const [caption, shown] of [['Photo <!-- credit', 'Photo <!-- credit'], ['Ratio a<b and c', 'Ratio a<b and c'], ['Q&amp;A <i', 'Q&A <i']]) {
    const post = only(readWxr(wxr([{ content: `[caption caption="${caption}"]${image}[/caption]<p>After words here.</p>` }]), 'export.xml', {}));
    const { html, text } = await renderMarkdown(post.markdown);
    assert.equal(text.replace(/\s+/g, ' ').trim(), `${shown} After words here.`, post.markdown);
    assert.match(html, /<p>After words here\.<\/p>/, 'the next paragraph is as written, not bold');
    assert.ok(post.warnings.some((warning) => warning.includes('[caption]') && warning.includes(JSON.stringify(caption))), JSON.stringify(post.warnings));
  }
});

test('a [caption] attribute of markup is read on its own: what it leaves open ends with the caption', async () => {
  const image = '<img src="https://news.example.org/a.jpg" alt="A">';
  const post = only(readWxr(wxr([{ content: `[caption caption="Photo <b>by J. Doe"]${image}[/caption]<p>After words here.</p>` }]), 'export.xml', {}));
  const { html, text } = await renderMarkdown(post.markdown);
  assert.equal(text.replace(/\s+/g, ' ').trim(), 'Photo by J. Doe After words here.');
  assert.match(html, /<p>After words here\.<\/p>/);
  // A comment that ends inside the value hides its own words only, as in WordPress.
  const comment = only(readWxr(wxr([{ content: `[caption caption="Photo <!-- a > b"]${image}[/caption]<p>After words here.</p>` }]), 'export.xml', {}));
  assert.equal((await renderMarkdown(comment.markdown)).text.replace(/\s+/g, ' ').trim(), 'Photo After words here.');
});

test('a list item whose formatting starts with a blank line (Enter twice) stays in its list: the next item\'s figure keeps its caption on the page', async () => {
  // wpautop makes the two <br> a paragraph break, leaving <b> empty before the paragraph:
  // `<li><span><b></b><p><b>Crew named</b></p></span></li>`.
  const content =
    '<ol><li><span><b><br><br>Crew named</b></span></li>' +
    '<li>[caption id="attachment_7" align="alignnone" width="300"]<img src="https://news.example.org/wp-content/uploads/crew.jpg" alt="The crew" width="300" /> The crew at the pad[/caption]</li>' +
    '<li>Launch set</li></ol>';
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  const { html, text } = await renderMarkdown(post.markdown);
  assert.equal(text.trim(), 'Crew named The crew at the pad Launch set', post.markdown);
  assert.equal(html.match(/<ol\b/g)?.length, 1, html);
  assert.equal(html.match(/<li\b/g)?.length, 3, html);
  assert.match(html, /<li><figure><img [^>]*><figcaption>The crew at the pad<\/figcaption><\/figure><\/li>/);
});

test('an Enter pressed twice inside highlighted text of a list item: the paragraph it makes, and the nested list after it, stay blocks', async () => {
  // wpautop and the parser leave `<li><mark><p>Crew named</p><ul>…</ul></mark></li>`: blocks in an inline element.
  const content =
    '<ul><li><mark><br><br>Crew named</mark><ul>' +
    '<li>[caption id="attachment_7" align="alignnone" width="300"]<img src="https://news.example.org/wp-content/uploads/crew.jpg" alt="The crew" width="300" /> The crew at the pad[/caption]</li>' +
    '</ul></li><li>Launch set</li></ul>';
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  const { html, text } = await renderMarkdown(post.markdown);
  assert.equal(text.replace(/\s+/g, ' ').trim(), 'Crew named The crew at the pad Launch set', post.markdown);
  assert.match(html, /<li><figure><img [^>]*><figcaption>The crew at the pad<\/figcaption><\/figure><\/li>/);
});

test('other shortcodes stay as text and the editor is told; bracketed words are not shortcodes', async () => {
  const content = 'A [sic] quote.\n\n[gallery ids="1,2,3"]\n\n[embed]https://video.example/v/1[/embed]\n\n[gallery ids="4"]';
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  const { text } = await renderMarkdown(post.markdown);
  assert.equal(text.trim(), 'A [sic] quote. [gallery ids="1,2,3"] [embed]https://video.example/v/1[/embed] [gallery ids="4"]');
  assert.equal(post.warnings.length, 2);
  assert.match(post.warnings[0]!, /\[gallery\] was kept as text/);
  assert.match(post.warnings[1]!, /\[embed\] was kept as text/);
});

test("WordPress's paragraphs: double line breaks are paragraphs, single ones line breaks, <pre> untouched", () => {
  const content = 'First line\nsecond line\n\nSecond paragraph\n<pre>code\n\n  indented</pre>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>';
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  assert.equal(post.markdown, 'First line\\\nsecond line\n\nSecond paragraph\n\n```\ncode\n\n  indented\n```\n\n* one\n* two');
});

test('fields: permalink as key and source URL (else the guid), topics, summary, language, source name', () => {
  const categories =
    '<category domain="category" nicename="space"><![CDATA[Space &amp; Rockets]]></category><category domain="post_tag" nicename="t"><![CDATA[Launch]]></category>' +
    '<category domain="category" nicename="uncategorized"><![CDATA[Uncategorized]]></category><category domain="post_format" nicename="post-format-aside"><![CDATA[Aside]]></category>' +
    '<category domain="post_tag" nicename="t"><![CDATA[Launch]]></category>';
  const [first, second] = readWxr(
    wxr([{ excerpt: 'Short &amp; <b>sweet</b>', categories }, { link: '', guid: 'https://news.example.org/?p=2' }]),
    'export.xml',
    {},
  ).map((o) => (o as { item: SourceItem }).item);
  assert.equal(first!.key, 'https://news.example.org/1/');
  assert.deepEqual(first!.source, { name: 'News & Views', url: 'https://news.example.org/1/' });
  assert.deepEqual(first!.topics, ['Space & Rockets', 'Launch']);
  assert.equal(first!.summary, 'Short & sweet');
  assert.equal(first!.language, 'en-US');
  assert.equal(second!.key, 'https://news.example.org/?p=2');
  assert.deepEqual(second!.source, { name: 'News & Views' });
  const named = only(readWxr(wxr([{}], '<title>Blog</title>'), 'x.xml', { sourceName: 'Agency', language: 'fr' }));
  assert.deepEqual(named.source, { name: 'Agency', url: 'https://news.example.org/1/' });
  assert.equal(named.language, 'fr');
});

test('CDATA is kept exactly and entities are decoded once', () => {
  const post = only(
    readWxr(
      wxr([{ title: 'It&#8217;s &amp;amp; &lt;b&gt;', content: 'Shown: &amp;lt;tag&amp;gt; and ]]]]><![CDATA[> and &#8217; and 中文 العربية Русский' }]),
      'export.xml',
      {},
    ),
  );
  // The title element holds the HTML `It’s &amp; <b>`: a reader sees `It’s & ` followed by bold.
  assert.equal(post.title, 'It’s &');
  assert.equal(post.markdown, 'Shown: \\&lt;tag\\&gt; and ]]> and ’ and 中文 العربية Русский');
});

test('one bad post never stops the others; a file that is not XML fails as a whole, with the place named', () => {
  const outcomes = readWxr(wxr([{ title: cdata('  ') }, {}]), 'export.xml', {});
  assert.deepEqual(outcomes.map((o) => o.kind), ['failed', 'item']);
  assert.match((outcomes[0] as { reason: string }).reason, /no title/);
  const broken = readWxr('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>x</item></channel></rss>', 'export.xml', {});
  assert.equal(broken.length, 1);
  assert.equal(broken[0]!.kind, 'failed');
  assert.match((broken[0] as { reason: string }).reason, /not well-formed XML \(line 1, column \d+/);
});

test('an image with a data: source or lazy-loaded (data-src) keeps its alt text: as text, or as the image at its real address', () => {
  const inline = only(readWxr(wxr([{ content: 'Text with an <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Inline chart alt"> image.' }]), 'export.xml', {}));
  assert.equal(inline.markdown, 'Text with an Inline chart alt (an embedded data: image, not imported) image.');
  assert.match(inline.warnings.join('\n'), /alt text "Inline chart alt" is kept as text/);
  const lazy = only(readWxr(wxr([{ content: '<p><img data-src="https://ex.org/real.jpg" alt="Lazy loaded photo alt"></p>' }]), 'export.xml', {}));
  assert.equal(lazy.markdown, '![Lazy loaded photo alt](https://ex.org/real.jpg)');
  assert.deepEqual(lazy.images, [{ url: 'https://ex.org/real.jpg', alt: 'Lazy loaded photo alt' }]);
});

test('[caption] with a caption attribute keeps the text before its image before it, in the order WordPress shows', async () => {
  const content = '[caption caption="Attr words"]<p>Para words</p><img src="https://news.example.org/a.jpg" alt="A" /> Tail words[/caption]';
  const post = only(readWxr(wxr([{ content }]), 'export.xml', {}));
  const { text } = await renderMarkdown(post.markdown);
  assert.equal(text.replace(/\s+/g, ' ').trim(), 'Para words Attr words Tail words');
});

const AUTHORS = `<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('jdoe')}</wp:author_login><wp:author_email>${cdata('jdoe@news.example.org')}</wp:author_email><wp:author_display_name>${cdata('Jane Doe')}</wp:author_display_name></wp:author>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login>${cdata('li.ming')}</wp:author_login><wp:author_display_name>${cdata('李明 &amp; R&amp;D')}</wp:author_display_name></wp:author>
<wp:author><wp:author_id>3</wp:author_id><wp:author_login>${cdata('nodisplay')}</wp:author_login><wp:author_display_name>${cdata('')}</wp:author_display_name></wp:author>`;
const CHANNEL = '<title>News &amp; Views</title><link>https://news.example.org</link><language>en-US</language>';

test('authors: dc:creator holds the login; the byline is the display name of the channel\'s wp:author, decoded like titles', () => {
  const post = only(readWxr(wxr([{ categories: `<dc:creator>${cdata('jdoe')}</dc:creator>` }], CHANNEL + AUTHORS), 'export.xml', {}));
  assert.deepEqual(post.authors, ['Jane Doe']);
  const second = only(readWxr(wxr([{ categories: `<dc:creator>${cdata('li.ming')}</dc:creator>` }], CHANNEL + AUTHORS), 'export.xml', {}));
  assert.deepEqual(second.authors, ['李明 & R&D']);
});

test('authors: without a wp:author entry, or with an empty display name, the login is the name', () => {
  const creators = `<dc:creator>${cdata('nodisplay')}</dc:creator><dc:creator>${cdata('guest')}</dc:creator>`;
  assert.deepEqual(only(readWxr(wxr([{ categories: creators }], CHANNEL + AUTHORS), 'export.xml', {})).authors, ['nodisplay', 'guest']);
  // An export without any <wp:author> (WordPress 3.0's, or one made for a single author).
  assert.deepEqual(only(readWxr(wxr([{ categories: creators }]), 'export.xml', {})).authors, ['nodisplay', 'guest']);
});

test('authors: Co-Authors Plus co-authors (author terms, exported as categories holding the login) follow the post author, each once, by display name', () => {
  const jsmith = `<wp:author><wp:author_login>${cdata('jsmith')}</wp:author_login><wp:author_display_name>${cdata('John Smith')}</wp:author_display_name></wp:author>`;
  const term = (login: string) => `<category domain="author" nicename="cap-${login}">${cdata(login)}</category>`;
  const categories = `<dc:creator>${cdata('jdoe')}</dc:creator>${term('jdoe')}${term('jsmith')}`;
  const post = only(readWxr(wxr([{ categories }], CHANNEL + AUTHORS + jsmith), 'export.xml', {}));
  assert.deepEqual(post.authors, ['Jane Doe', 'John Smith']);
  // An author category is no topic.
  assert.equal(post.topics, undefined);
  // The post author is first wherever its term is; a guest author (no wp:author entry) by its term's name.
  const guest = `<dc:creator>${cdata('li.ming')}</dc:creator>${term('guest-writer')}${term('jdoe')}${term('li.ming')}`;
  assert.deepEqual(only(readWxr(wxr([{ categories: guest }], CHANNEL + AUTHORS), 'export.xml', {})).authors, ['李明 & R&D', 'guest-writer', 'Jane Doe']);
});

test('authors: several dc:creators (not what WordPress exports, but kept) are all kept, in order, each once; none or a blank one is no author', () => {
  const creators = ['li.ming', 'jdoe', 'li.ming', ' jdoe ', 'guest'].map((login) => `<dc:creator>${cdata(login)}</dc:creator>`).join('');
  assert.deepEqual(only(readWxr(wxr([{ categories: creators }], CHANNEL + AUTHORS), 'export.xml', {})).authors, ['李明 & R&D', 'Jane Doe', 'guest']);
  assert.equal(only(readWxr(wxr([{}], CHANNEL + AUTHORS), 'export.xml', {})).authors, undefined);
  assert.equal(only(readWxr(wxr([{ categories: `<dc:creator>${cdata(' ')}</dc:creator>` }], CHANNEL + AUTHORS), 'export.xml', {})).authors, undefined);
});
