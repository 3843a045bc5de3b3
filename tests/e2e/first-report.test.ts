/**
 * The walking skeleton, as a reader uses it: the built site served over HTTP, driven in Chromium.
 * At the root (the `npm run build` output) and under /archive/ (built here, on a machine clock set
 * to a time zone far from UTC).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { openSiteSession, strictPage, type SiteSession } from '../support/browser.ts';
import { buildOnce, defaultDist } from '../support/build.ts';
import type { StaticServer } from '../support/server.ts';
import { FIRST_REPORT_SOURCE } from '../support/paths.ts';

const HEADLINE = 'CASIC Holds 2020 Aerospace Defense Conference';

/** Paragraphs of the source as a reader should find them: everything but the title and rights lines. */
async function sourceParagraphs(): Promise<string[]> {
  const text = (await readFile(FIRST_REPORT_SOURCE, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim().replace(/\s*\n\s*/g, ' ')).filter(Boolean);
  return blocks.slice(1).filter((b) => !b.startsWith('Copyright'));
}

async function searchAndOpen(page: Page, server: StaticServer, query: string): Promise<void> {
  await page.goto(server.url('search/'));
  await page.getByLabel('Words or "an exact phrase"').fill(query);
  await page.keyboard.press('Enter');
  const result = page.locator('.search-result').first();
  await result.waitFor();
  assert.equal(await result.locator('h2 a').textContent(), HEADLINE);
  // Pagefind marks whole words, with any punctuation stuck to them ("Jie,").
  const marks = (await result.locator('mark').allTextContents()).map((m) => m.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  const terms = query.toLowerCase().split(/\s+/);
  assert.ok(marks.length > 0 && marks.every((m) => terms.includes(m.toLowerCase())), `marked terms ${marks} for ${query}`);
  assert.equal(await result.locator('time').getAttribute('datetime'), '2020-07-31');
  await Promise.all([
    page.waitForURL((url) => url.pathname.endsWith('/news/2020/casic-holds-2020-aerospace-defense-conference/')),
    result.locator('h2 a').click(),
  ]);
  assert.equal(await page.locator('h1').textContent(), HEADLINE);
}

for (const hosting of [
  { name: 'at the domain root', base: '/' },
  { name: 'under the /archive/ sub-path', base: '/archive/' },
]) {
  describe(`the first report ${hosting.name}`, () => {
    let session: SiteSession;
    let browser: Browser;
    let server: StaticServer;
    let page: Page;

    before(async () => {
      const siteDir =
        hosting.base === '/' ? defaultDist() : await buildOnce('archive-subpath', { base: hosting.base, env: { TZ: 'Pacific/Kiritimati' } });
      session = await openSiteSession(siteDir, hosting.base);
      ({ server, browser } = session);
      page = await strictPage(browser);
    });
    after(async () => {
      await session?.close();
    });

    test('home page lists the report and links to it', async () => {
      const response = await page.goto(server.url());
      assert.equal(response?.status(), 200);
      const link = page.getByRole('link', { name: HEADLINE });
      await Promise.all([page.waitForURL(/casic-holds-2020-aerospace-defense-conference\/$/), link.click()]);
      assert.ok(page.url().startsWith(server.url('news/2020/')), page.url());
    });

    test('article page: headline, deck, date in every time zone, source, rights and every paragraph verbatim', async () => {
      await page.goto(server.url('news/2020/casic-holds-2020-aerospace-defense-conference/'));
      assert.equal(await page.locator('h1').textContent(), HEADLINE);
      assert.match((await page.locator('.deck').textContent())!, /^Focusing on Building CASIC to a World-leading/);
      const time = page.locator('article header time');
      assert.equal(await time.getAttribute('datetime'), '2020-07-31');
      assert.equal(await time.textContent(), '31 July 2020');
      assert.match((await page.locator('.report .meta').textContent())!, /Source:\s+China Aerospace Science and Industry Corporation/);
      assert.equal(await page.locator('.rights').textContent(), 'Copyright ©2018 CASIC. All Rights Reserved.');
      const bodyParagraphs = (await page.locator('article .prose p').allTextContents()).map((p) => p.trim());
      assert.deepEqual(bodyParagraphs, await sourceParagraphs());
      for (const person of ['Yuan Jie', 'Liu Shiquan']) {
        assert.ok(await page.locator('.terms li', { hasText: person }).count(), `${person} listed`);
      }
    });

    test('search finds the report by a name and by a phrase, and the result leads to it', async () => {
      await searchAndOpen(page, server, 'Yuan Jie');
      await searchAndOpen(page, server, 'zero defects');
    });

    test('every link and asset on the pages resolves', async () => {
      const seen = new Set<string>();
      const queue = [server.url()];
      while (queue.length > 0) {
        const pageUrl = queue.shift()!;
        if (seen.has(pageUrl)) continue;
        seen.add(pageUrl);
        const response = await page.goto(pageUrl);
        assert.equal(response?.status(), 200, `${pageUrl} is reachable`);
        const targets = await page.$$eval('a[href], link[href], script[src], img[src]', (nodes) =>
          nodes.map((n) => (n as HTMLAnchorElement).href || (n as HTMLScriptElement).src),
        );
        for (const target of targets) {
          const url = new URL(target);
          url.hash = '';
          if (url.origin !== server.origin || seen.has(url.href)) continue;
          assert.ok(url.pathname.startsWith(server.url().slice(server.origin.length)), `${url.pathname} stays under the base`);
          if (url.pathname.endsWith('/')) queue.push(url.href);
          else {
            const asset = await page.request.get(url.href);
            assert.equal(asset.status(), 200, `${url.href} linked from ${pageUrl}`);
            seen.add(url.href);
          }
        }
      }
      assert.ok(seen.size >= 4, `crawled ${[...seen].join(', ')}`);
    });
  });
}
