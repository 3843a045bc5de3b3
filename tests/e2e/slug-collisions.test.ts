/**
 * Names that slug alike ("CASIC" and "Casic", "C++" and "C#") and names with nothing to
 * transliterate (袁洁) still get pages of their own, each listing its own reports.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { buildOnce } from '../support/build.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { brokenSiteLinks } from '../support/site-links.ts';

const reports = {
  '2019/first-casic.md': report('title: First CASIC report\ndate: 2019-03-01\nsource: { name: CASIC }\norganizations: [CASIC]\ntopics: [C++]'),
  '2020/lowercase-casic.md': report('title: Lower-case Casic report\ndate: 2020-03-01\nsource: { name: Casic }\norganizations: [Casic]\ntopics: ["C#"]\npeople: [袁洁]'),
  '2021/third.md': report('title: Third report\ndate: 2021-03-01\nsource: { name: CASIC }\norganizations: [CASIC, Casic]\npeople: [刘石泉, 袁洁]'),
};

let browser: Browser;
let server: StaticServer;
let page: Page;
let siteDir: string;

before(async () => {
  const contentDir = await writeArchive('slug-collisions', reports);
  siteDir = await buildOnce('slug-collisions', { contentDir, base: '/archive/' });
  server = await serveStatic(siteDir, '/archive/');
  browser = await launchBrowser();
  page = await browser.newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function termPage(indexPath: string, name: string): Promise<{ path: string; titles: string[] }> {
  await page.goto(server.url(indexPath));
  const link = page.locator('.term-index').getByRole('link', { name, exact: true });
  assert.equal(await link.count(), 1, `${name} listed once on ${indexPath}`);
  await Promise.all([page.waitForEvent('load'), link.click()]);
  assert.equal(await page.locator('h1').textContent(), name);
  return { path: new URL(page.url()).pathname, titles: await page.locator('.report-list h2 a').allTextContents() };
}

test('organizations that slug alike get distinct pages, each with its own reports', async () => {
  const upper = await termPage('organizations/', 'CASIC');
  const lower = await termPage('organizations/', 'Casic');
  assert.notEqual(upper.path, lower.path);
  // CASIC appeared first, so it keeps the plain slug.
  assert.equal(upper.path, '/archive/organizations/casic/');
  assert.match(lower.path, /^\/archive\/organizations\/casic-[0-9a-z]+\/$/);
  assert.deepEqual(upper.titles, ['Third report', 'First CASIC report']);
  assert.deepEqual(lower.titles, ['Third report', 'Lower-case Casic report']);
});

test('topics that slug alike and people with non-Latin names get pages too', async () => {
  const cpp = await termPage('topics/', 'C++');
  const csharp = await termPage('topics/', 'C#');
  assert.notEqual(cpp.path, csharp.path);
  assert.deepEqual(cpp.titles, ['First CASIC report']);
  assert.deepEqual(csharp.titles, ['Lower-case Casic report']);
  const yuan = await termPage('people/', '袁洁');
  const liu = await termPage('people/', '刘石泉');
  assert.notEqual(yuan.path, liu.path);
  assert.deepEqual(yuan.titles, ['Third report', 'Lower-case Casic report']);
});

test("the article links each name to that name's own page", async () => {
  await page.goto(server.url('news/2021/third/'));
  const links = page.locator('.terms', { has: page.getByRole('heading', { name: 'Organizations' }) }).locator('a');
  assert.deepEqual(await links.allTextContents(), ['CASIC', 'Casic']);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(new Set(hrefs).size, 2);
  assert.deepEqual((await brokenSiteLinks(siteDir, '/archive/')).broken, []);
});
