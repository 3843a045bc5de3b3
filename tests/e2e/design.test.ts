/**
 * The reading design as a reader meets it, in Chromium: no page type scrolls sideways on a
 * 320 px phone (wide tables scroll inside their own region instead), report text keeps a
 * 60-75 character measure on wide screens, dark mode follows the system, and printing a report
 * leaves out navigation while adding its URL, a citation and the targets of its links.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { SiteSession } from '../support/browser.ts';
import type { StaticServer } from '../support/server.ts';
import { openShowcase, SHOWCASE_REPORTS } from '../support/showcase.ts';
import { settle, visitPath } from '../support/visit.ts';

let session: SiteSession;
let server: StaticServer;
let browser: Browser;
let pagesToCheck: string[];

before(async () => {
  ({ session, pagesToCheck } = await openShowcase());
  ({ server, browser } = session);
});
after(async () => {
  await session?.close();
});

async function open(page: Page, sitePath: string): Promise<void> {
  await page.goto(server.url(visitPath(sitePath)));
  await settle(page, sitePath);
}

describe('responsive layout', () => {
  for (const width of [320, 375, 768, 1280, 1920]) {
    test(`no page type is wider than a ${width} px screen`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      const overflowing: string[] = [];
      for (const sitePath of pagesToCheck) {
        await open(page, sitePath);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) overflowing.push(`${sitePath || 'home'}: ${scrollWidth} px`);
      }
      await page.close();
      assert.deepEqual(overflowing, []);
    });
  }

  test('on a phone a wide table scrolls inside its own region, and the keyboard can scroll it', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    await open(page, SHOWCASE_REPORTS.wideTable);
    const region = page.locator('.table-scroll').first();
    const sizes = await region.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    assert.ok(sizes.scroll > sizes.client, `the table (${sizes.scroll} px) is wider than its region (${sizes.client} px)`);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.table-scroll')!.scrollLeft > 0);
    await page.close();
  });
});

describe('reading measure', () => {
  test('report paragraphs run 60 to 75 characters a line on a wide screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await open(page, SHOWCASE_REPORTS.first);
    // Characters per full line, from the longest paragraph: its length over its line count.
    const perLine = await page.evaluate(() => {
      const paragraphs = [...document.querySelectorAll<HTMLElement>('.prose > p')];
      const longest = paragraphs.reduce((a, b) => ((b.textContent ?? '').length > (a.textContent ?? '').length ? b : a));
      const range = document.createRange();
      range.selectNodeContents(longest);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      return (longest.textContent ?? '').length / lines;
    });
    assert.ok(perLine >= 60 && perLine <= 75, `${perLine.toFixed(1)} characters a line`);
    await page.close();
  });
});

describe('colour schemes', () => {
  test('dark mode follows the system setting: dark page, light text, links still distinct', async () => {
    const colours: Record<string, { bg: string; text: string; link: string }> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ colorScheme });
      await open(page, SHOWCASE_REPORTS.wideTable);
      colours[colorScheme] = await page.evaluate(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
        link: getComputedStyle(document.querySelector('main a')!).color,
      }));
      await page.close();
    }
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.slice(0, 3).map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    assert.ok(luminance(colours.light!.bg) > 200 && luminance(colours.light!.text) < 60, JSON.stringify(colours.light));
    assert.ok(luminance(colours.dark!.bg) < 40 && luminance(colours.dark!.text) > 180, JSON.stringify(colours.dark));
    assert.notEqual(colours.dark!.link, colours.dark!.text);
  });
});

describe('print', () => {
  test('a printed report has no navigation, and carries its URL, a citation and its links\' targets', async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'print' });
    await open(page, SHOWCASE_REPORTS.wideTable);
    assert.equal(await page.locator('.site-header nav').isVisible(), false, 'navigation hidden');
    assert.equal(await page.locator('.skip-link').isVisible(), false);
    // The citation section is printed (its download links are not); the citation carries the report's address.
    const citation = page.locator('.cite .citation');
    assert.equal(await citation.isVisible(), true, 'citation printed');
    assert.equal(await page.locator('.cite .downloads').isVisible(), false, 'download links not printed');
    const printed = await citation.innerText();
    assert.match(printed, /^Ministry of Industry\. “Budget figures for the satellite and quality programmes, with a table wider than any phone[.:].*May 2, 2022\./);
    assert.ok(printed.includes(SHOWCASE_REPORTS.wideTable), `the report's address is printed: ${printed}`);
    const external = page.locator('.prose a[href^="http"]').first();
    const href = await external.getAttribute('href');
    const after = await external.evaluate((a) => getComputedStyle(a, '::after').content);
    assert.ok(after.includes(href!), `link target printed after the link: ${after}`);
    // The whole table is printed, not a scrolled window onto it.
    const table = await page.locator('.table-scroll').first().evaluate((el) => getComputedStyle(el).overflowX);
    assert.equal(table, 'visible');
    await page.close();
  });

  test('on screen link targets are not written out, and the citation keeps its download links', async () => {
    const page = await browser.newPage();
    await open(page, SHOWCASE_REPORTS.wideTable);
    const after = await page.locator('.prose a[href^="http"]').first().evaluate((a) => getComputedStyle(a, '::after').content);
    assert.equal(after, 'none');
    assert.equal(await page.locator('.cite .downloads').isVisible(), true);
    await page.close();
  });
});
