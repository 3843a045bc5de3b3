import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractLinks, findBrokenLinks, linkTarget, pageUrlPath } from '../../../src/checks/link-check.ts';
import { checkCompleteness, type BuiltSite, type CompletenessInput } from '../../../src/checks/completeness.ts';
import { absoluteUrl, feedUrl } from '../../../src/urls/base-urls.ts';

test('extracts href and src values, decoding entities', () => {
  assert.deepEqual(extractLinks('<a href="/a/?x=1&amp;y=2">x</a><img src="/i.png" alt=""><link rel="icon" href="/f.svg">'), [
    '/a/?x=1&y=2', '/i.png', '/f.svg',
  ]);
});

test('links are read from elements as a browser reads them, never from text', () => {
  const html = [
    '<p>The tag reads src="/nowhere.png" and href="/missing/" in the release.</p>',
    '<pre><code>&lt;img src="/code.png"&gt; <a href="/in-code/"></code></pre>'.replace('<a href="/in-code/">', 'a href="/in-code/"'),
    '<!-- <a href="/commented/">old</a> -->',
    `<p title='see src="/in-title.png"'>x</p>`,
    '<script type="application/ld+json">{"image": "x", "a": " href=\\"/in-json/\\""}</script>',
    '<a href=/unquoted/>u</a>',
    '<link rel="stylesheet" href="/_astro/site.css">',
    '<img src="/a.png" srcset="/a-1x.png 1x, /a,2x.png 2x,/a-3.png   3x" alt="">',
    '<picture><source srcset="/b.webp"><img src="/b.png" alt=""></picture>',
    '<a HREF="/upper/">x</a>',
  ].join('\n');
  assert.deepEqual(extractLinks(html), [
    '/unquoted/', '/_astro/site.css', '/a.png', '/a-1x.png', '/a,2x.png', '/a-3.png', '/b.webp', '/b.png', '/upper/',
  ]);
});

test('maps links to the files that serve them, under a base', () => {
  assert.equal(pageUrlPath('/archive/', 'news/2020/x/index.html'), '/archive/news/2020/x/');
  assert.equal(pageUrlPath('/archive/', 'index.html'), '/archive/');
  const page = '/archive/news/2020/x/';
  assert.deepEqual(linkTarget('/archive/topics/energy/', page, '/archive/', undefined), { file: 'topics/energy/index.html' });
  assert.deepEqual(linkTarget('../y/', page, '/archive/', undefined), { file: 'news/2020/y/index.html' });
  assert.deepEqual(linkTarget('#main', page, '/archive/', undefined), { file: 'news/2020/x/index.html' });
  assert.deepEqual(linkTarget('/archive/feed.xml', page, '/archive/', undefined), { file: 'feed.xml' });
  assert.deepEqual(linkTarget('/topics/', page, '/archive/', undefined), { outside: '/topics/' });
  assert.equal(linkTarget('https://other.example/', page, '/archive/', undefined), null);
  assert.equal(linkTarget('mailto:a@b.c', page, '/archive/', undefined), null);
  assert.deepEqual(linkTarget('https://example.org/archive/news/', page, '/archive/', 'https://example.org'), { file: 'news/index.html' });
});

test('finds links to missing files and links that escape the base', () => {
  const pages = [
    { file: 'index.html', html: '<a href="/archive/news/">ok</a><a href="/archive/gone/">x</a><a href="/search/">y</a><a href="https://elsewhere.example/">z</a>' },
  ];
  const exists = (f: string) => f === 'news/index.html' || f === 'index.html';
  const broken = findBrokenLinks(pages, exists, '/archive/');
  assert.deepEqual(broken.map((b) => b.link), ['/archive/gone/', '/search/']);
});

test('a link with a malformed or encoded-slash path is a broken link of its page, not a crash or a file outside the site', () => {
  // Raw HTML in a report keeps its href as written: `<a href="100%">` reached the check as is, and
  // decoding it threw "URI malformed", which stopped the build without naming the page.
  const pages = [{ file: 'news/2020/x/index.html', html: '<a href="100%">a</a><a href="/news/%E0%A4%A/">b</a><a href="/news/..%2F..%2Fetc%2Fpasswd">c</a>' }];
  const broken = findBrokenLinks(pages, () => true, '/');
  assert.deepEqual(broken.map((b) => [b.page, b.link]), [
    ['news/2020/x/index.html', '100%'],
    ['news/2020/x/index.html', '/news/%E0%A4%A/'],
    ['news/2020/x/index.html', '/news/..%2F..%2Fetc%2Fpasswd'],
  ]);
  assert.match(broken[0]!.problem, /malformed/);
});

const ids = ['2021/b', '2020/a', '2020/c'];
const url = (p: string) => absoluteUrl('https://example.org', '/', p);
const feedLink = (p: string) => feedUrl('https://example.org', '/', p);

function completeSite(): Map<string, string> {
  const files = new Map<string, string>();
  for (const id of ids) files.set(`news/${id}/index.html`, '<h1>x</h1>');
  files.set('news/index.html', ids.slice(0, 2).map((id) => `<a href="/news/${id}/">x</a>`).join(''));
  files.set('news/page/2/index.html', `<a href="/news/2020/c/">x</a>`);
  files.set('news/2021/index.html', `<a href="/news/2021/b/">x</a>`);
  files.set('news/2020/index.html', `<a href="/news/2020/a/">x</a><a href="/news/2020/c/">x</a>`);
  files.set('sitemap-0.xml', ids.map((id) => `<url><loc>${url(`news/${id}/`)}</loc></url>`).join(''));
  const dates: Record<string, string> = { '2021/b': '2021-01-01', '2020/a': '2020-05-01', '2020/c': '2020-03-01' };
  // 2020/a was corrected (and 2021/b only updated, which the corrections page does not list).
  const updates: Record<string, unknown[]> = {
    '2020/a': [{ date: '2020-06-01', kind: 'correction', note: 'n' }],
    '2021/b': [{ date: '2021-02-01', kind: 'update', note: 'n' }],
  };
  files.set('reports.json', JSON.stringify({ reports: ids.map((id) => ({ id, date: dates[id], ...(updates[id] ? { updates: updates[id] } : {}) })) }));
  files.set('corrections/index.html', `<a href="/news/2020/a/#correction-2020-06-01">x</a>`);
  files.set('corrections/atom.xml', feedLink('news/2020/a/#correction-2020-06-01'));
  // Feeds of size 2: the two newest.
  const feed = ['2021/b', '2020/a'].map((id) => feedLink(`news/${id}/`)).join(' ');
  for (const f of ['feed.xml', 'atom.xml', 'feed.json']) files.set(f, feed);
  return files;
}

function run(files: Map<string, string>, overrides: Partial<CompletenessInput> = {}): string[] {
  const site: BuiltSite = { files: [...files.keys()], exists: (f) => files.has(f), read: (f) => files.get(f), size: (f) => files.get(f)?.length };
  return checkCompleteness(site, {
    ids, base: '/', absolute: url, feedUrl: feedLink, hasSiteUrl: true, feedSize: 2,
    feedFiles: { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' }, indexFile: 'reports.json',
    corrections: { page: 'corrections/index.html', feed: 'corrections/atom.xml' }, ...overrides,
  });
}

test('a complete site passes', () => {
  assert.deepEqual(run(completeSite()), []);
});

test('each kind of omission is reported, naming the report', () => {
  const cases: [string, (f: Map<string, string>) => void, RegExp][] = [
    ['page', (f) => f.delete('news/2020/c/index.html'), /their own page: 2020\/c/],
    ['listing', (f) => f.set('news/page/2/index.html', ''), /archive listing .*: 2020\/c/],
    ['year page', (f) => f.set('news/2020/index.html', '<a href="/news/2020/a/">'), /year page news\/2020\/: 2020\/c/],
    ['sitemap', (f) => f.set('sitemap-0.xml', ''), /sitemap: 2021\/b, 2020\/a, 2020\/c/],
    ['index', (f) => f.set('reports.json', JSON.stringify({ reports: [{ id: '2021/b', date: '2021-01-01' }] })), /JSON index reports\.json: 2020\/a, 2020\/c/],
    ['feed', (f) => f.set('atom.xml', feedLink('news/2021/b/')), /atom feed atom\.xml: 2020\/a/],
    ['missing feed', (f) => f.delete('feed.json'), /json feed feed\.json was not written/],
    ['corrections page', (f) => f.set('corrections/index.html', '<p>No report has been corrected.</p>'), /corrections page corrections\/index\.html: 2020\/a/],
    ['corrections feed', (f) => f.set('corrections/atom.xml', ''), /corrections feed corrections\/atom\.xml: 2020\/a/],
    ['missing corrections page', (f) => f.delete('corrections/index.html'), /corrections page corrections\/index\.html was not written/],
  ];
  for (const [name, breakIt, expected] of cases) {
    const files = completeSite();
    breakIt(files);
    const problems = run(files);
    assert.equal(problems.length, 1, `${name}: ${problems.join(' | ')}`);
    assert.match(problems[0]!, expected, name);
  }
});

test('an older report need not be in the feeds; without a site URL the sitemap is not required', () => {
  const files = completeSite();
  files.delete('sitemap-0.xml');
  assert.deepEqual(run(files, { hasSiteUrl: false }), []);
});

test('every attachment the index lists is published, whole', () => {
  const withAttachment = (files: Map<string, string>) => {
    const index = JSON.parse(files.get('reports.json')!);
    index.reports[1].attachments = [{ title: 'Release', url: url('news/2020/a/release.pdf'), mediaType: 'application/pdf', bytes: 4 }];
    files.set('reports.json', JSON.stringify(index));
    return files;
  };
  const files = withAttachment(completeSite());
  files.set('news/2020/a/release.pdf', '%PDF');
  assert.deepEqual(run(files), []);
  files.delete('news/2020/a/release.pdf');
  assert.deepEqual(run(files), ['the attachment news/2020/a/release.pdf of 2020/a was not published']);
  files.set('news/2020/a/release.pdf', '%P');
  assert.deepEqual(run(files), ['the attachment news/2020/a/release.pdf of 2020/a was published with 2 bytes, not the 4 of its file']);
});

test('every lead image the index lists is published, whole', () => {
  const files = completeSite();
  const index = JSON.parse(files.get('reports.json')!);
  index.reports[1].image = { url: url('news/2020/a/photo.jpg'), mediaType: 'image/jpeg', bytes: 5, width: 4, height: 3, alt: 'A photo' };
  files.set('reports.json', JSON.stringify(index));
  files.set('news/2020/a/photo.jpg', 'JFIF!');
  assert.deepEqual(run(files), []);
  files.delete('news/2020/a/photo.jpg');
  assert.deepEqual(run(files), ['the lead image news/2020/a/photo.jpg of 2020/a was not published']);
  files.set('news/2020/a/photo.jpg', 'JF');
  assert.deepEqual(run(files), ['the lead image news/2020/a/photo.jpg of 2020/a was published with 2 bytes, not the 5 of its file']);
});
