/**
 * Image and link addresses of a report's HTML as feeds and its JSON file publish them: resolved
 * against the report's URL as each file makes it (feeds always absolute, with or without
 * SITE_URL; the JSON file as its other URLs), src, every srcset candidate and href alike; absolute
 * addresses and everything else untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import fc from 'fast-check';
import { bodyUrlsFromPage, rewriteSrcset } from '../../../src/formats/body-urls.ts';
import { absoluteUrl, feedUrl, LOCAL_PREVIEW_ORIGIN } from '../../../src/urls/base-urls.ts';
import { srcsetUrls } from '../../../src/urls/srcset.ts';

// As Astro's render() writes a resolved Markdown image, in a figure of rehypeBodyImages.
const ASTRO_FIGURE =
  '<figure><img alt="A flooded street &#x26; a bridge" loading="eager" decoding="async" fetchpriority="high" sizes="(min-width: 46rem) 46rem, 100vw" width="1800" height="1200" ' +
  'src="/archive/_astro/street.Der9_1tw.webp" srcset="/archive/_astro/street.Der9_2nu.webp 400w, /archive/_astro/street.Der9_Zij.webp 800w">' +
  '<figcaption>Water in the old town <span class="credit">(Photo: Jane Doe)</span></figcaption></figure>';
const BODY = `<p>The tag reads src="/nowhere.png" in the release; see <a href="/archive/news/2020/other/">the other report</a>.</p>${ASTRO_FIGURE}<p>A map <img src="./flood/route.png" alt="the route"> inline.</p>`;
const REPORT = 'news/2020/flood/';

function images(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) if (child.type === 'element') (child.tagName === 'img' ? found.push(child) : walk(child));
  };
  walk(fromHtml(html, { fragment: true }));
  return found;
}

const srcset = (image: Element) => String(image.properties.srcSet ?? '');
const imageAddresses = (html: string) => images(html).flatMap((i) => [String(i.properties.src), ...srcsetUrls(srcset(i))]);

test('feeds: every image address is absolute on SITE_URL, under the base, whatever the page wrote', () => {
  const out = bodyUrlsFromPage(BODY, feedUrl('https://news.example.org', '/archive/', REPORT));
  const addresses = imageAddresses(out);
  assert.equal(addresses.length, 4);
  for (const address of addresses) assert.ok(address.startsWith('https://news.example.org/archive/'), address);
  assert.ok(addresses.includes('https://news.example.org/archive/_astro/street.Der9_1tw.webp'));
  // A page-relative address resolves from the report's page, as a browser on the page resolves it.
  assert.ok(addresses.includes('https://news.example.org/archive/news/2020/flood/flood/route.png'));
});

test('feeds without SITE_URL: image addresses use the local preview origin, as every feed link does', () => {
  const out = bodyUrlsFromPage(BODY, feedUrl(undefined, '/', REPORT));
  for (const address of imageAddresses(out)) assert.ok(address.startsWith(`${LOCAL_PREVIEW_ORIGIN}/`), address);
});

test('the JSON file without SITE_URL: root-relative image addresses, as its other URLs', () => {
  const out = bodyUrlsFromPage(BODY, absoluteUrl(undefined, '/archive/', REPORT));
  for (const address of imageAddresses(out)) assert.match(address, /^\/archive\/[^/]/, address);
});

test('only addresses change: alt text, sizes, figure and caption, and text stay as written', () => {
  const out = bodyUrlsFromPage(BODY, feedUrl('https://news.example.org', '/archive/', REPORT));
  const strip = (html: string) => html.replace(/ (src|srcset|href)="[^"]*"/g, ` $1=""`);
  assert.equal(strip(out), strip(BODY));
  assert.deepEqual(images(out).map((i) => i.properties.alt), ['A flooded street & a bridge', 'the route']);
  assert.equal(srcset(images(out)[0]!), 'https://news.example.org/archive/_astro/street.Der9_2nu.webp 400w, https://news.example.org/archive/_astro/street.Der9_Zij.webp 800w', 'descriptors kept');
});

test('a body without images or links is returned as it is', () => {
  const html = '<p>No pictures, no links, and the words src="/x.png" and href="/y/".</p>';
  assert.equal(bodyUrlsFromPage(html, 'https://x.example/news/2020/a/'), html);
});

const hrefs = (html: string): string[] => {
  const found: string[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'a') found.push(String(child.properties.href));
      walk(child);
    }
  };
  walk(fromHtml(html, { fragment: true }));
  return found;
};

test('links in feeds go where they go on the page: relative ones resolved, absolute ones as written', () => {
  const page = feedUrl('https://news.example.org', '/archive/', REPORT);
  const html =
    '<p>See <a href="/archive/news/2019/dam/">the dam</a>, <a href="../../2018/levee/">the levee</a>, a note<sup><a href="#user-content-fn-1" id="user-content-fnref-1">1</a></sup>, ' +
    '<a href="https://Example.com/a%20b?x=1&amp;y=2">a source</a> and <a href="mailto:desk@example.org">the desk</a>; the text says href="/x/".</p>';
  const out = bodyUrlsFromPage(html, page);
  assert.deepEqual(hrefs(out), [
    'https://news.example.org/archive/news/2019/dam/',
    'https://news.example.org/archive/news/2018/levee/',
    'https://news.example.org/archive/news/2020/flood/#user-content-fn-1',
    'https://Example.com/a%20b?x=1&y=2',
    'mailto:desk@example.org',
  ]);
  // Absolute addresses keep their bytes (no case, escape, entity or quote normalised), and so does the text.
  assert.ok(out.includes('href="https://Example.com/a%20b?x=1&amp;y=2"'));
  const written = `<p><a href='https://example.org/?a=1&#38;b=2'>single quotes, a numeric entity</a></p>`;
  assert.equal(bodyUrlsFromPage(written, page), written);
  assert.ok(out.includes('the text says href="/x/".'));
  // The JSON file without SITE_URL: root-relative, under the base.
  assert.deepEqual(hrefs(bodyUrlsFromPage(html, absoluteUrl(undefined, '/archive/', REPORT))).slice(0, 3), [
    '/archive/news/2019/dam/',
    '/archive/news/2018/levee/',
    '/archive/news/2020/flood/#user-content-fn-1',
  ]);
});

test('any relative link resolves as a browser on the report page resolves it; any absolute one is kept (property)', () => {
  const page = 'https://news.example.org/archive/news/2020/flood/';
  const segment = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
  const relative = fc.oneof(
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}/`),
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.array(segment, { minLength: 1, maxLength: 3 })).map(([up, parts]) => `${'../'.repeat(up)}${parts.join('/')}`),
    segment.map((id) => `#${id}`),
  );
  const absolute = fc.webUrl({ withQueryParameters: true, withFragments: true });
  fc.assert(
    fc.property(relative, absolute, (rel, abs) => {
      const html = `<p><a href="${rel}">one</a> and <a href="${abs.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">two</a></p>`;
      assert.deepEqual(hrefs(bodyUrlsFromPage(html, page)), [new URL(rel, page).href, abs]);
    }),
    { numRuns: 300 },
  );
});

test('addresses with entities and commas are read as a browser reads them and written back escaped', () => {
  const out = bodyUrlsFromPage('<img alt="x" src="/_astro/a&amp;b.webp" srcset="/_astro/a,1.webp 1x, /_astro/b.webp 2x">', 'https://x.example/news/2020/a/');
  assert.deepEqual(images(out).map((i) => [i.properties.src, srcset(i)]), [['https://x.example/_astro/a&b.webp', 'https://x.example/_astro/a,1.webp 1x, https://x.example/_astro/b.webp 2x']]);
  assert.match(out, /src="https:\/\/x\.example\/_astro\/a&amp;b\.webp"/);
  assert.equal(rewriteSrcset('a.webp 400w,b.webp  800w', (u) => `/x/${u}`), '/x/a.webp 400w, /x/b.webp 800w');
});
