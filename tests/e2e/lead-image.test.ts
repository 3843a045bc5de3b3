/**
 * A report's lead image as readers and their tools meet it: on the page at a resolution fit for
 * the screen, with alt text, caption and credit in one figure, no layout shift, readable in dark
 * mode and print; small in listings and search results; in link previews, JSON-LD, feeds and the
 * JSON files; and a build that fails, naming the report, the field and the fix, when alt text or
 * the file is missing. Images are made with sharp into tests/.tmp.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { build, startCold } from '../support/build.ts';
import { openSiteSession, type SiteSession } from '../support/browser.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { openSearch } from '../support/search-page.ts';
import { assertWellFormedXml } from '../support/xml.ts';
import { TMP } from '../support/paths.ts';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SITE_URL = 'https://news.example.org';
const PHOTO = 'news/2020/satellite-launch/photo.jpg';
const ALT = 'Engineers in white suits inspect the satellite';

async function photo(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const stripe = Buffer.from(`<svg width="${width}" height="${height}"><rect width="${width / 2}" height="${height}" fill="#c84"/></svg>`);
  return sharp({ create: { width, height, channels: 3, background: '#246' } }).composite([{ input: stripe }])[format]().toBuffer();
}

async function archiveWith(name: string, files: Record<string, string>, images: Record<string, Buffer>): Promise<string> {
  const dir = await writeArchive(name, files);
  for (const [file, bytes] of Object.entries(images)) {
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true }));
    await writeFile(path.join(dir, file), bytes);
  }
  return dir;
}

const withPhoto = report(
  `title: Satellite launch prepared
date: 2020-07-31
source: { name: CASIC }
summary: The team readied the satellite.
image:
  src: ./satellite-launch/photo.jpg
  alt: "${ALT}"
  caption: The clean room before launch.
  credit: Jane Doe`,
  'The engineers readied the satellite over three weeks. '.repeat(20),
);

async function contrast(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (css: string) => {
      const [r, g, b] = rgb(css).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    let bg = 'rgb(255, 255, 255)';
    for (let node: Element | null = el; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if (color && !/rgba\(.*, 0\)$|transparent/.test(color)) {
        bg = color;
        break;
      }
    }
    const [a, b] = [lum(getComputedStyle(el).color), lum(bg)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

describe('a report with a lead image', () => {
  let session: SiteSession;
  let siteDir: string;
  let contentDir: string;

  before(async () => {
    contentDir = await archiveWith(
      'lead-image',
      {
        '2020/satellite-launch.md': withPhoto,
        '2020/ribbon.md': report('title: A ribbon\ndate: 2020-06-01\nsource: { name: CASIC }\nimage: { src: ./ribbon/ribbon.png, decorative: true }'),
        '2020/plain.md': report('title: Plain report\ndate: 2020-05-01\nsource: { name: CASIC }'),
      },
      { '2020/satellite-launch/photo.jpg': await photo(2000, 1250, 'jpeg'), '2020/ribbon/ribbon.png': await photo(900, 300, 'png') },
    );
    siteDir = path.join(TMP, 'builds', 'lead-image');
    const result = await build({ contentDir, outDir: siteDir, siteUrl: SITE_URL });
    assert.equal(result.code, 0, result.output.slice(-3000));
    session = await openSiteSession(siteDir, '/');
  });
  after(async () => {
    await session?.close();
  });

  for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
    test(`loads at a resolution fit for a ${viewport.width}px screen, in a figure with alt, caption and credit, without layout shift`, async () => {
      const context = await session.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(session.server.url('news/2020/satellite-launch/'));
      const img = page.locator('figure.lead-image img');
      await img.evaluate((el: HTMLImageElement) => el.decode());
      const shown = await img.evaluate((el: HTMLImageElement) => ({
        natural: el.naturalWidth,
        displayed: el.getBoundingClientRect().width * devicePixelRatio,
        current: el.currentSrc,
        alt: el.alt,
        width: el.getAttribute('width'),
        height: el.getAttribute('height'),
        loading: el.getAttribute('loading'),
        priority: el.getAttribute('fetchpriority'),
      }));
      assert.ok(shown.natural > 0, 'the image loads');
      assert.ok(shown.natural >= shown.displayed, `${shown.current}: ${shown.natural}px wide for ${shown.displayed}px shown`);
      assert.ok(shown.natural <= shown.displayed * 2.5, `${shown.current}: ${shown.natural}px wide is far more than the ${shown.displayed}px shown`);
      assert.match(shown.current, /\.(webp|avif)$/, 'a modern format where the browser takes it');
      assert.deepEqual([shown.alt, shown.width, shown.height, shown.loading, shown.priority], [ALT, '2000', '1250', 'eager', 'high']);
      assert.equal(await page.locator('figure.lead-image picture source[type="image/webp"]').count(), 1);
      assert.match((await page.locator('figure.lead-image img').getAttribute('src'))!, /\.jpg$/, 'a JPEG fallback');
      assert.equal(await page.locator('figure.lead-image figcaption').innerText(), 'The clean room before launch. Photo: Jane Doe');
      assert.equal(await page.locator('figure.lead-image figcaption .credit').innerText(), 'Photo: Jane Doe');
      const shifts = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) total += (entry as PerformanceEntry & { value: number }).value;
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(total), 500);
          }),
      );
      assert.equal(shifts, 0, 'no layout shift');
      await context.close();
    });
  }

  test('caption and credit stay visible and readable in dark mode and in print; axe finds nothing in either scheme', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await session.browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(session.server.url('news/2020/satellite-launch/'));
      for (const selector of ['figure.lead-image figcaption', 'figure.lead-image .credit']) {
        assert.ok(await page.locator(selector).isVisible(), `${selector} visible (${colorScheme})`);
        assert.ok((await contrast(page, selector)) >= 4.5, `${selector} readable (${colorScheme})`);
      }
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${colorScheme}: ${v.id}: ${v.help}`), []);
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['figure.lead-image img', 'figure.lead-image figcaption', 'figure.lead-image .credit']) {
        assert.ok(await page.locator(selector).isVisible(), `${selector} printed (${colorScheme})`);
      }
      assert.ok((await contrast(page, 'figure.lead-image figcaption')) >= 4.5, `caption readable in print (${colorScheme})`);
      await context.close();
    }
  });

  test('a decorative lead image has empty alt and no og:image:alt', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(session.server.url('news/2020/ribbon/'));
    assert.equal(await page.locator('figure.lead-image img').getAttribute('alt'), '');
    assert.equal(await page.locator('figure.lead-image figcaption').count(), 0);
    assert.equal(await page.locator('meta[property="og:image:alt"]').count(), 0);
    assert.match((await page.locator('figure.lead-image img').getAttribute('src'))!, /\.png$/, 'a PNG keeps a PNG fallback');
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
    await context.close();
  });

  test('link previews: an absolute og:image that serves the photo, its size and alt, and a large Twitter card', async () => {
    const html = await readFile(path.join(siteDir, 'news/2020/satellite-launch/index.html'), 'utf8');
    const meta = (key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
    assert.equal(meta('og:image'), `${SITE_URL}/${PHOTO}`);
    assert.deepEqual([meta('og:image:width'), meta('og:image:height'), meta('og:image:alt')], ['2000', '1250', ALT]);
    assert.deepEqual([meta('twitter:card'), meta('twitter:image')], ['summary_large_image', `${SITE_URL}/${PHOTO}`]);
    assert.equal(new RegExp('twitter:card" content="summary"').test(await readFile(path.join(siteDir, 'news/2020/plain/index.html'), 'utf8')), true);
    const response = await fetch(session.server.url(new URL(meta('og:image')!).pathname.slice(1)));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^image\/jpeg/);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), await readFile(path.join(contentDir, '2020/satellite-launch/photo.jpg')));
    const article = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!);
    assert.deepEqual(article.image, { '@type': 'ImageObject', url: `${SITE_URL}/${PHOTO}`, width: 2000, height: 1250, caption: 'The clean room before launch.', creditText: 'Jane Doe' });
  });

  test('feeds carry the photo as an enclosure of its published bytes; the JSON files describe it', async () => {
    const bytes = (await readFile(path.join(siteDir, PHOTO))).length;
    const rss = await readFile(path.join(siteDir, 'feed.xml'), 'utf8');
    const atom = await readFile(path.join(siteDir, 'atom.xml'), 'utf8');
    assertWellFormedXml('feed.xml', rss);
    assertWellFormedXml('atom.xml', atom);
    assert.match(rss, new RegExp(`<enclosure length="${bytes}" type="image/jpeg" url="${SITE_URL}/${PHOTO}"/>`));
    assert.match(atom, new RegExp(`<link rel="enclosure" href="${SITE_URL}/${PHOTO}" type="image/jpeg" length="${bytes}"/>`));
    const json = JSON.parse(await readFile(path.join(siteDir, 'feed.json'), 'utf8'));
    assert.equal(json.items.find((i: { url: string }) => i.url.endsWith('satellite-launch/')).image, `${SITE_URL}/${PHOTO}`);
    const expected = { url: `${SITE_URL}/${PHOTO}`, mediaType: 'image/jpeg', bytes, width: 2000, height: 1250, alt: ALT, caption: 'The clean room before launch.', credit: 'Jane Doe' };
    const index = JSON.parse(await readFile(path.join(siteDir, 'reports.json'), 'utf8'));
    assert.deepEqual(index.reports.find((r: { id: string }) => r.id === '2020/satellite-launch').image, expected);
    assert.equal(index.reports.find((r: { id: string }) => r.id === '2020/plain').image, undefined);
    assert.deepEqual(JSON.parse(await readFile(path.join(siteDir, 'news/2020/satellite-launch.json'), 'utf8')).image, expected);
  });

  test('listings show a small lazy thumbnail with alt and size; the year page too', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    for (const sitePath of ['', 'news/', 'news/2020/']) {
      await page.goto(session.server.url(sitePath));
      const thumbnail = page.locator('img.thumbnail').first();
      await thumbnail.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => (document.querySelector('img.thumbnail') as HTMLImageElement).complete);
      const shown = await thumbnail.evaluate((el: HTMLImageElement) => ({ loaded: el.naturalWidth > 0, alt: el.alt, width: el.width > 0 && el.getAttribute('width') !== null, lazy: el.loading }));
      assert.deepEqual(shown, { loaded: true, alt: ALT, width: true, lazy: 'lazy' }, sitePath || 'home');
      assert.equal(await page.locator('img.thumbnail').count(), 2, `${sitePath || 'home'}: the two reports with an image`);
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${sitePath}: ${v.id}: ${v.help}`), []);
    }
    await context.close();
  });

  test('search results show the thumbnail with its alt text', async () => {
    const page = await session.browser.newPage();
    await openSearch(page, session.server.url(`search/?${new URLSearchParams({ q: 'engineers' })}`));
    const thumbnail = page.locator('.search-result img.thumbnail').first();
    await thumbnail.waitFor();
    await page.waitForFunction(() => (document.querySelector('.search-result img.thumbnail') as HTMLImageElement).complete);
    const shown = await thumbnail.evaluate((el: HTMLImageElement) => ({ loaded: el.naturalWidth > 0, alt: el.alt, width: el.getAttribute('width'), height: el.getAttribute('height') }));
    assert.deepEqual(shown, { loaded: true, alt: ALT, width: '96', height: '64' });
    await page.close();
  });
});

describe('a lead image the build refuses', () => {
  async function failingBuild(name: string, frontmatterImage: string, images: Record<string, Buffer> = {}): Promise<string> {
    const contentDir = await archiveWith(
      `lead-image-${name}`,
      { '2020/good.md': report('title: Good\ndate: 2020-01-02\nsource: { name: Example }'), [`2020/${name}.md`]: report(`title: Bad\ndate: 2020-01-03\nsource: { name: Example }\n${frontmatterImage}`) },
      images,
    );
    const result = await build({ contentDir, outDir: path.join(TMP, 'builds', `error-lead-image-${name}`) });
    assert.notEqual(result.code, 0, `the build of ${name} should fail:\n${result.output.slice(-2000)}`);
    return result.output;
  }

  test('without alt text: names the report, image.alt and the fix', async () => {
    const output = await failingBuild('no-alt', `image: { src: ./no-alt/photo.jpg }`, { '2020/no-alt/photo.jpg': await photo(40, 30, 'jpeg') });
    assert.match(output, /no-alt/);
    assert.match(output, /image\.alt/);
    assert.match(output, /the lead image has no alt text: describe what the photo shows.*decorative: true/);
  });

  test('with a missing file: names the report, image.src and the path', async () => {
    const output = await failingBuild('no-file', `image: { src: ./no-file/photo.jpg, alt: "A photo" }`);
    assert.match(output, /2020\/no-file\.md: image\.src: the lead image "\.\/no-file\/photo\.jpg" does not exist \(looked for [^)]*2020\/no-file\/photo\.jpg\)/);
  });
});

describe('rebuilding with lead images', () => {
  test('an unchanged rebuild makes no image again; a replaced photo is published with its new size everywhere', async () => {
    const contentDir = await archiveWith('lead-image-rebuild', { '2020/satellite-launch.md': withPhoto }, { '2020/satellite-launch/photo.jpg': await photo(1600, 1000, 'jpeg') });
    const outDir = path.join(TMP, 'builds', 'lead-image-rebuild');
    // Without the images of an earlier run of this test in its cache.
    await startCold(outDir, contentDir);
    const first = await build({ contentDir, outDir });
    assert.equal(first.code, 0, first.output.slice(-2000));
    assert.match(first.output, /\(before: \d+kB, after: \d+kB\)/, 'the first build makes the images');

    const again = await build({ contentDir, outDir });
    assert.equal(again.code, 0, again.output.slice(-2000));
    assert.doesNotMatch(again.output, /\(before: \d+kB/, 'no image is made again');
    assert.match(again.output, /\(reused cache entry\)/);

    const replaced = await photo(1200, 900, 'jpeg');
    await writeFile(path.join(contentDir, '2020/satellite-launch/photo.jpg'), replaced);
    const third = await build({ contentDir, outDir });
    assert.equal(third.code, 0, third.output.slice(-2000));
    const html = await readFile(path.join(outDir, 'news/2020/satellite-launch/index.html'), 'utf8');
    assert.match(html, /<meta property="og:image:width" content="1200">/);
    assert.match(html, /width="1200" height="900"/);
    assert.deepEqual(await readFile(path.join(outDir, PHOTO)), replaced);
    assert.match(await readFile(path.join(outDir, 'feed.xml'), 'utf8'), new RegExp(`<enclosure length="${replaced.length}"`));
  });

  test('a photo replaced by another of the same size: listings and search show the new one, not a thumbnail of the old', async () => {
    const contentDir = await archiveWith('lead-image-swap', { '2020/satellite-launch.md': withPhoto }, { '2020/satellite-launch/photo.jpg': await photo(1600, 1000, 'jpeg') });
    const outDir = path.join(TMP, 'builds', 'lead-image-swap');
    const thumbnails = async () => {
      const search = /data-pagefind-meta="image:([^"]+)"/.exec(await readFile(path.join(outDir, 'news/2020/satellite-launch/index.html'), 'utf8'))?.[1];
      const listed = [];
      for (const page of ['index.html', 'news/index.html', 'news/2020/index.html']) {
        const src = /<img class="thumbnail" src="([^"]+)"/.exec(await readFile(path.join(outDir, page), 'utf8'))?.[1];
        assert.ok(src, `${page}: a thumbnail`);
        listed.push(src);
      }
      assert.ok(search, 'a search thumbnail');
      return { search, listed, bytes: await readFile(path.join(outDir, search.replace(/^\//, ''))) };
    };
    assert.equal((await build({ contentDir, outDir })).code, 0);
    const first = await thumbnails();
    const other = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    await writeFile(path.join(contentDir, '2020/satellite-launch/photo.jpg'), other);
    const second = await build({ contentDir, outDir });
    assert.equal(second.code, 0, second.output.slice(-2000));
    const now = await thumbnails();
    assert.notDeepEqual(now.bytes, first.bytes, 'the search thumbnail is made from the new photo');
    assert.deepEqual(now.listed, [now.search, now.search, now.search], 'every listing shows the thumbnail search shows');
  });
});
