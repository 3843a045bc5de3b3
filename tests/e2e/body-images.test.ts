/**
 * Images in a report body as a reader meets them, in Chromium, on a phone and a laptop: every
 * image loads at a resolution fit for how wide it is drawn, with its alt text; a standalone image
 * is a figure with its caption and credit, which stay visible in dark mode and in print; the
 * first image is fetched at once and the others lazily; nothing shifts while images load; axe
 * finds nothing. And the build refuses an image without alt text, or a missing one, saying which.
 * Images are made with sharp into tests/.tmp (never committed).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { openSiteSession, type SiteSession } from '../support/browser.ts';
import { build, buildOnce } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';
import { allResults, openSearch } from '../support/search-page.ts';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const PAGE = 'news/2020/flood-photos/';
const CAPTION = 'Water in the old town, Tuesday morning (Photo: Jane Doe)';
const SECOND_CAPTION = 'The bridge, “closed” since 6 a.m. & guarded (Credit: City of Bern)';
const PARAGRAPH = 'The river rose through the night and the old town woke to water in its streets. '.repeat(12);

/** A photo-like image (noise compresses as badly as a photograph). */
function photo(file: string, width: number, height: number, format: 'jpeg' | 'png'): Promise<unknown> {
  const image = sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
  return (format === 'jpeg' ? image.jpeg({ quality: 80 }) : image.png()).toFile(file);
}

const frontmatter = (title: string, day: number) => `title: ${title}\ndate: 2020-03-${String(day).padStart(2, '0')}\nsource: { name: Example }`;

async function imageArchive(): Promise<string> {
  const dir = await writeArchive('body-images', {
    '2020/flood-photos.md': report(
      frontmatter('Flood photos', 3),
      [
        'The flood, in pictures.',
        `![A flooded street between old houses](./flood-photos/street.jpg "${CAPTION}")`,
        `A map of the route ![the route, a line along the river](./flood-photos/route.png) is in this sentence.`,
        PARAGRAPH,
        '![](./flood-photos/rule.png "decorative")',
        PARAGRAPH,
        `![The closed bridge, seen from the bank](./flood-photos/bridge.jpg "${SECOND_CAPTION}")`,
        PARAGRAPH,
        '![Sandbags piled at a door](./flood-photos/sandbags.png)',
      ].join('\n\n'),
    ),
    '2020/plain.md': report(frontmatter('Plain', 2)),
  });
  const folder = path.join(dir, '2020/flood-photos');
  await mkdir(folder, { recursive: true });
  await Promise.all([
    photo(path.join(folder, 'street.jpg'), 2400, 1600, 'jpeg'),
    photo(path.join(folder, 'route.png'), 120, 80, 'png'),
    photo(path.join(folder, 'rule.png'), 600, 8, 'png'),
    photo(path.join(folder, 'bridge.jpg'), 1800, 1200, 'jpeg'),
    photo(path.join(folder, 'sandbags.png'), 700, 900, 'png'),
  ]);
  return dir;
}

interface ImageFacts {
  alt: string | null;
  loading: string | null;
  fetchpriority: string | null;
  hasSize: boolean;
  complete: boolean;
  /** Pixels of the file the browser chose (currentSrc), and how wide the image is drawn. */
  fileWidth: number;
  drawnWidth: number;
  inFigure: boolean;
}

/** Scrolls to every image, waits for it, and measures it. */
async function readImages(page: Page): Promise<ImageFacts[]> {
  const count = await page.locator('.prose img').count();
  for (let i = 0; i < count; i++) {
    const image = page.locator('.prose img').nth(i);
    await image.scrollIntoViewIfNeeded();
    await image.evaluate((img: HTMLImageElement) => img.decode());
  }
  return page.$$eval('.prose img', (images) =>
    Promise.all(
      (images as HTMLImageElement[]).map(async (img) => {
        const file = new Image();
        file.src = img.currentSrc;
        await file.decode();
        return {
          alt: img.getAttribute('alt'),
          loading: img.getAttribute('loading'),
          fetchpriority: img.getAttribute('fetchpriority'),
          hasSize: img.hasAttribute('width') && img.hasAttribute('height'),
          complete: img.complete && img.naturalWidth > 0,
          fileWidth: file.naturalWidth,
          drawnWidth: img.getBoundingClientRect().width,
          inFigure: img.parentElement?.tagName === 'FIGURE',
        };
      }),
    ),
  );
}

describe('body images in the browser', () => {
  let session: SiteSession;

  before(async () => {
    const contentDir = await imageArchive();
    session = await openSiteSession(await buildOnce('body-images', { contentDir }));
  });
  after(async () => {
    await session?.close();
  });

  for (const viewport of [
    { width: 375, height: 740 },
    { width: 1280, height: 900 },
  ]) {
    test(`at ${viewport.width}px every image loads, sharp enough and not oversized, without a layout shift`, async () => {
      const context = await session.browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { shifts: number };
        w.shifts = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) w.shifts += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(session.server.url(PAGE));
      const images = await readImages(page);
      assert.equal(images.length, 5);
      for (const [i, image] of images.entries()) {
        const label = `image ${i + 1} at ${viewport.width}px: ${JSON.stringify(image)}`;
        assert.ok(image.complete, label);
        assert.ok(image.hasSize, `${label}: width and height reserve its space`);
        assert.notEqual(image.alt, null, label);
        assert.ok(image.fileWidth >= Math.floor(image.drawnWidth), `${label}: the file is at least as wide as drawn`);
        assert.ok(image.fileWidth <= 3 * image.drawnWidth, `${label}: the file is at most 3x as wide as drawn`);
      }
      assert.deepEqual(
        images.map((i) => [i.loading, i.fetchpriority]),
        [['eager', 'high'], ['lazy', null], ['lazy', null], ['lazy', null], ['lazy', null]],
        'the first image loads at once, the others lazily',
      );
      assert.deepEqual(images.map((i) => i.inFigure), [true, false, false, true, true], 'standalone images are figures; inline and decorative ones are not');
      assert.equal(images[2]!.alt, '', 'the decorative image has empty alt');
      assert.equal(await page.evaluate(() => (window as unknown as { shifts: number }).shifts), 0, 'no layout shift while images load');
      await context.close();
    });
  }

  test('captions are in the figure of their image, as written, and stay visible in dark mode and in print', async () => {
    const page = await session.browser.newPage();
    await page.goto(session.server.url(PAGE));
    const captions = page.locator('.prose figcaption');
    assert.deepEqual(await captions.allTextContents(), [CAPTION, SECOND_CAPTION]);
    assert.deepEqual(await page.locator('.prose figcaption .credit').allTextContents(), ['(Photo: Jane Doe)', '(Credit: City of Bern)']);
    const together = await captions.evaluateAll((list) => list.map((c) => c.parentElement?.tagName === 'FIGURE' && c.parentElement.querySelector(':scope > img') !== null));
    assert.deepEqual(together, [true, true]);
    for (const media of [{ colorScheme: 'dark' as const }, { media: 'print' as const }]) {
      await page.emulateMedia(media);
      for (let i = 0; i < 2; i++) {
        const caption = captions.nth(i);
        assert.ok(await caption.isVisible(), `caption ${i + 1} visible with ${JSON.stringify(media)}`);
        const colours = await caption.evaluate((c) => {
          const style = getComputedStyle(c);
          return { color: style.color, background: getComputedStyle(document.body).backgroundColor, visibility: style.visibility };
        });
        assert.notEqual(colours.color, colours.background, JSON.stringify(colours));
        assert.equal(colours.visibility, 'visible');
      }
    }
    await page.close();
  });

  test('an image\'s alt text is searchable: a word found only in it finds the report', async () => {
    const page = await session.browser.newPage();
    try {
      // "Sandbags" and "bank" are written only in two images' alt text.
      for (const word of ['Sandbags', 'bank']) {
        const status = await openSearch(page, session.server.url(`search/?q=${word}`));
        assert.match(status, /^1 report/, `the search for ${word}: ${status}`);
        assert.deepEqual((await allResults(page)).map((r) => r.id), ['2020/flood-photos']);
      }
      // The alt text is indexed from the finished page, after Astro's image step wrote its <img>.
      const html = await (await fetch(session.server.url(PAGE))).text();
      assert.match(html, /<img[^>]*data-pagefind-index-attrs="alt"[^>]*alt="Sandbags piled at a door"|<img[^>]*alt="Sandbags piled at a door"[^>]*data-pagefind-index-attrs="alt"/);
    } finally {
      await page.close();
    }
  });

  test('axe finds no violation on the page, in light and dark mode', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await session.browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(session.server.url(PAGE));
      await readImages(page);
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), [], colorScheme);
      await context.close();
    }
  });
});

describe('the build refuses a body image it cannot publish properly', () => {
  async function failingBuild(name: string, body: string, image?: string): Promise<string> {
    const contentDir = await writeArchive(name, { '2020/pictures.md': report(frontmatter('Pictures', 4), body), '2020/plain.md': report(frontmatter('Plain', 2)) });
    if (image) await photo(path.join(contentDir, '2020', image), 300, 200, 'png');
    const result = await build({ contentDir, outDir: path.join(TMP, 'builds', `error-${name}`) });
    assert.notEqual(result.code, 0, `the build of ${name} should fail:\n${result.output.slice(-2000)}`);
    return result.output;
  }

  test('an image without alt text, naming the report, the line, the image and the fix', async () => {
    const output = await failingBuild('image-no-alt', 'Intro.\n\n![](./map.png)', 'map.png');
    assert.match(output, /Error rendering 2020\/pictures\.md: line 9: the image "\.\/map\.png" has no alt text\. Describe what it shows/);
    assert.match(output, /mark it so: !\[\]\(\.\/map\.png "decorative"\)/);
  });

  test('a missing image, naming the report and the path', async () => {
    const output = await failingBuild('image-missing', 'Intro.\n\n![The map](./maps/gone.png)');
    assert.match(output, /2020\/pictures\.md: the image "\.\/maps\/gone\.png" does not exist \(looked for .*2020\/maps\/gone\.png\)/);
  });
});
