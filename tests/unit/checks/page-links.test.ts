import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageLinks } from '../../../src/checks/page-links.ts';
import { brokenLinks, extractLinks, linkTarget, pageUrlPath } from '../../../src/checks/link-check.ts';

const bytes = (html: string) => new TextEncoder().encode(html);
const pageA = '<a href="/news/">All</a><link rel="stylesheet" href="/_astro/site.css"><a href="../b/">b</a>';
const pageB = '<a href="/news/">All</a><img src="/missing.png" alt="">';

test('a page with the same bytes as one of the last build is not parsed again, and has the same links', () => {
  let parsed = 0;
  const counting = (html: string) => (parsed++, extractLinks(html));
  const first = pageLinks(undefined, 'v1', counting);
  assert.deepEqual(first.read(bytes(pageA)).links, extractLinks(pageA));
  assert.deepEqual(first.read(bytes(pageB)).links, extractLinks(pageB));
  assert.equal(parsed, 2);
  const kept = JSON.parse(JSON.stringify(first.toCache()));

  const second = pageLinks(kept, 'v1', counting);
  assert.deepEqual(second.read(bytes(pageA)).links, extractLinks(pageA));
  assert.deepEqual(second.read(bytes(pageB)).links, extractLinks(pageB));
  assert.equal(parsed, 2, 'both remembered');
  assert.equal(second.extracted, 0);
  const edited = pageB.replace('missing', 'found');
  assert.deepEqual(second.read(bytes(edited)).links, extractLinks(edited), 'a changed page is parsed');
  assert.equal(second.extracted, 1);
});

test('the cache keeps only the pages of the last build', () => {
  const first = pageLinks(undefined, 'v1');
  first.read(bytes(pageA));
  first.read(bytes(pageB));
  const second = pageLinks(first.toCache(), 'v1');
  second.read(bytes(pageA));
  assert.equal(Object.keys(second.toCache().pages).length, 1);
});

test('another extractor, or a damaged cache, parses every page again', () => {
  const first = pageLinks(undefined, 'v1');
  first.read(bytes(pageA));
  const cache = first.toCache();
  for (const previous of [pageLinks(cache, 'v2'), pageLinks({ ...cache, links: [] }, 'v1'), pageLinks('not json', 'v1'), pageLinks(null, 'v1')]) {
    assert.deepEqual(previous.read(bytes(pageA)).links, extractLinks(pageA));
    assert.equal(previous.extracted, 1);
  }
});

test('links resolved once per site find the same broken links as resolving each on its page', () => {
  const pages = [
    { file: 'news/2020/a/index.html', html: pageA },
    { file: 'news/2020/b/index.html', html: pageB + '<a href="../c/">c</a><a href="/\\\\evil.example/x">e</a><a href="/news/%zz">m</a>' },
    { file: 'index.html', html: '<a href="news/2020/a/">a</a><a href="/news/">n</a><a href="/outside/">o</a>' },
  ];
  const exists = (file: string) => ['news/index.html', '_astro/site.css', 'news/2020/a/index.html', 'news/2020/b/index.html'].includes(file);
  // Each link resolved on its own page, one by one.
  const perPage = pages.flatMap(({ file, html }) =>
    extractLinks(html).flatMap((link) => {
      const target = linkTarget(link, pageUrlPath('/news/', file), '/news/', undefined);
      return target && !('file' in target && exists(target.file)) ? [{ page: file, link }] : [];
    }),
  );
  const once = brokenLinks(pages.map((p) => ({ file: p.file, links: extractLinks(p.html) })), exists, '/news/');
  assert.deepEqual(once.map(({ page, link }) => ({ page, link })), perPage);
  assert.ok(perPage.some((b) => b.link === '/missing.png'), 'the missing image is found');
  assert.ok(perPage.some((b) => b.page === 'news/2020/b/index.html' && b.link === '../c/'), 'a relative link is resolved on its page');
});

test('a file whose stamp is the one it had when read and found clean is not read again, build after build', () => {
  const first = pageLinks(undefined, 'v1');
  first.vouch('news/a/index.html', 'stamp-a', first.read(bytes(pageA)).digest);
  first.vouch('news/a.json', 'stamp-json');
  // Read, but not found clean (it held an unresolved image): never vouched for.
  first.read(bytes(pageB));
  const second = pageLinks(JSON.parse(JSON.stringify(first.toCache())), 'v1');
  assert.deepEqual(second.unchanged('news/a/index.html', 'stamp-a'), extractLinks(pageA));
  assert.deepEqual(second.unchanged('news/a.json', 'stamp-json'), []);
  assert.equal(second.unchanged('news/a/index.html', 'stamp-a-rewritten'), undefined, 'another stamp: read it');
  assert.equal(second.unchanged('news/b/index.html', 'stamp-b'), undefined, 'never found clean: read it');
  // Kept for the build after, though not read in this one.
  const third = pageLinks(JSON.parse(JSON.stringify(second.toCache())), 'v1');
  assert.deepEqual(third.unchanged('news/a/index.html', 'stamp-a'), extractLinks(pageA));
  assert.deepEqual(third.unchanged('news/a.json', 'stamp-json'), []);
  assert.equal(pageLinks(JSON.parse(JSON.stringify(third.toCache())), 'v2').unchanged('news/a/index.html', 'stamp-a'), undefined, 'another extractor');
});
