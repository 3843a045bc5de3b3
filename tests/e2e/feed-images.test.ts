/**
 * A report's body images as a feed reader and a reader of the report's JSON file meet them: in
 * feed.xml, atom.xml, feed.json and news/<year>/<slug>.json every image has its alt text and an
 * address that works away from the site (absolute in feeds; in the JSON file, as absolute as its
 * other URLs), every file it names (src and srcset) is served by the built site, the figure keeps
 * its caption, and no Astro image placeholder (`__ASTRO_IMAGE_`, an <img> without src) is left.
 * Built twice: at a sub-path with SITE_URL, and without SITE_URL (feeds then use the local
 * preview origin, the JSON file root-relative paths). Images are made with sharp into tests/.tmp.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { SaxesParser } from 'saxes';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { buildOnce } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';
import { LOCAL_PREVIEW_ORIGIN } from '../../src/urls/base-urls.ts';

const STREET_ALT = 'A flooded street between old houses';
const ROUTE_ALT = 'the route, a line along the river';
const CAPTION = 'Water in the old town, Tuesday morning (Photo: Jane Doe)';
const REPORT_JSON = 'news/2020/flood-photos.json';

async function imageArchive(): Promise<string> {
  const frontmatter = (title: string, day: number) => `title: ${title}\ndate: 2020-03-0${day}\nsource: { name: Example }`;
  const dir = await writeArchive('feed-images', {
    '2020/flood-photos.md': report(
      frontmatter('Flood photos', 3),
      ['The flood, in pictures.', `![${STREET_ALT}](./flood-photos/street.jpg "${CAPTION}")`, `A map ![${ROUTE_ALT}](./flood-photos/route.png) in a sentence.`].join('\n\n'),
    ),
    '2020/plain.md': report(frontmatter('Plain', 2)),
  });
  const folder = path.join(dir, '2020/flood-photos');
  await mkdir(folder, { recursive: true });
  const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
  await Promise.all([image(1800, 1200).jpeg({ quality: 80 }).toFile(path.join(folder, 'street.jpg')), image(120, 80).png().toFile(path.join(folder, 'route.png'))]);
  return dir;
}

/** The text (CDATA included) of every element of that name in an XML document. */
function xmlElementTexts(xml: string, name: string): string[] {
  const texts: string[] = [];
  let current: string | undefined;
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    if (tag.name === name) current = '';
  });
  parser.on('text', (text) => {
    if (current !== undefined) current += text;
  });
  parser.on('cdata', (text) => {
    if (current !== undefined) current += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === name && current !== undefined) texts.push(current);
    if (tag.name === name) current = undefined;
  });
  parser.write(xml).close();
  return texts;
}

function elements(tree: Root | Element, tagName: string, found: Element[] = []): Element[] {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) found.push(child);
    elements(child, tagName, found);
  }
  return found;
}

/** Each published body of the build, by where it was found. */
async function publishedBodies(siteDir: string): Promise<Record<string, { file: string; text: string; html: string[] }>> {
  const read = (file: string) => readFile(path.join(siteDir, file), 'utf8');
  const [rss, atom, json, record] = await Promise.all([read('feed.xml'), read('atom.xml'), read('feed.json'), read(REPORT_JSON)]);
  return {
    rss: { file: 'feed.xml', text: rss, html: xmlElementTexts(rss, 'content:encoded') },
    atom: { file: 'atom.xml', text: atom, html: xmlElementTexts(atom, 'content') },
    json: { file: 'feed.json', text: json, html: (JSON.parse(json) as { items: { content_html: string }[] }).items.map((item) => item.content_html) },
    record: { file: REPORT_JSON, text: record, html: [(JSON.parse(record) as { html: string }).html] },
  };
}

/** Every image address of the HTML: src and each srcset candidate. */
function imageAddresses(image: Element): string[] {
  const srcset = image.properties.srcSet;
  const candidates = Array.isArray(srcset) ? srcset.join(',') : typeof srcset === 'string' ? srcset : '';
  const fromSrcset = candidates.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  return [String(image.properties.src ?? ''), ...fromSrcset];
}

async function checkPublishedImages(siteDir: string, server: StaticServer, expected: { origin: string | undefined; base: string }, kind: 'feeds' | 'record'): Promise<void> {
  const bodies = await publishedBodies(siteDir);
  for (const [name, body] of Object.entries(bodies)) {
    if ((kind === 'record') !== (name === 'record')) continue;
    assert.ok(!body.text.includes('__ASTRO_IMAGE_'), `${body.file} holds an unresolved Astro image placeholder`);
    const html = body.html.find((h) => h.includes(STREET_ALT));
    assert.ok(html, `${body.file} has the report with the images`);
    const tree = fromHtml(html, { fragment: true });
    const images = elements(tree, 'img');
    assert.deepEqual(images.map((i) => i.properties.alt), [STREET_ALT, ROUTE_ALT], `${body.file}: every image with its alt text`);
    const figures = elements(tree, 'figure');
    assert.equal(figures.length, 1, `${body.file}: the standalone image is a figure`);
    assert.equal(elements(figures[0]!, 'figcaption').map((c) => c.children.map((t) => ('value' in t ? t.value : 'children' in t ? t.children.map((x) => ('value' in x ? x.value : '')).join('') : '')).join(''))[0], CAPTION);
    for (const image of images) {
      const addresses = imageAddresses(image);
      assert.ok(addresses[0], `${body.file}: ${image.properties.alt} has a src`);
      for (const address of addresses) {
        const label = `${body.file}: ${address}`;
        if (expected.origin) {
          assert.ok(URL.canParse(address), `${label} is an absolute URL`);
          assert.equal(new URL(address).origin, expected.origin, label);
        } else {
          assert.match(address, /^\/[^/]/, `${label} is a root-relative path, as the file's other URLs`);
        }
        const pathname = new URL(address, 'http://x.invalid').pathname;
        assert.ok(pathname.startsWith(expected.base), `${label} is under the site's base ${expected.base}`);
        const response = await fetch(server.origin + pathname);
        assert.equal(response.status, 200, `${label} is served by the built site`);
        assert.match(response.headers.get('content-type') ?? '', /^image\//, label);
        await response.arrayBuffer();
      }
    }
  }
}

describe('body images in feeds and the report JSON file', () => {
  let contentDir: string;
  before(async () => {
    contentDir = await imageArchive();
  });

  describe('with SITE_URL, under a sub-path', () => {
    const SITE = 'https://news.example.org';
    const BASE = '/archive/';
    let siteDir: string;
    let server: StaticServer;
    before(async () => {
      siteDir = await buildOnce('feed-images-site', { contentDir, siteUrl: SITE, base: BASE });
      server = await serveStatic(siteDir, BASE);
    });
    after(async () => server?.close());

    test('every feed shows each image: absolute src and srcset on SITE_URL, alt text, caption, files served', async () => {
      await checkPublishedImages(siteDir, server, { origin: SITE, base: BASE }, 'feeds');
    });
    test('the report JSON file shows each image: absolute src and srcset, alt text, caption, files served', async () => {
      await checkPublishedImages(siteDir, server, { origin: SITE, base: BASE }, 'record');
    });
  });

  describe('without SITE_URL', () => {
    let siteDir: string;
    let server: StaticServer;
    before(async () => {
      siteDir = await buildOnce('feed-images-local', { contentDir });
      server = await serveStatic(siteDir, '/');
    });
    after(async () => server?.close());

    test('feeds point images at the local preview origin, as their links, and the files are served', async () => {
      await checkPublishedImages(siteDir, server, { origin: LOCAL_PREVIEW_ORIGIN, base: '/' }, 'feeds');
    });
    test('the report JSON file has root-relative image addresses, as its other URLs', async () => {
      await checkPublishedImages(siteDir, server, { origin: undefined, base: '/' }, 'record');
    });
  });
});
