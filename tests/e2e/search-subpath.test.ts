/**
 * Search hosted under a sub-path (/archive/), the way an operator puts the archive in a folder of
 * an existing site: every result, section, facet and header-search link must resolve there.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import { assertWellFormedXml } from '../support/xml.ts';
import { openSiteSession, strictPage, type SiteSession } from '../support/browser.ts';
import type { StaticServer } from '../support/server.ts';
import { buildSearchArchive, CHINESE_QUERY, type SearchArchive } from '../support/search-archive.ts';
import { allResults, openSearch, reportIdOf, searchSettled } from '../support/search-page.ts';

const BASE = '/archive/';
const SITE = 'https://news.example.org';

let session: SiteSession;
let browser: Browser;
let server: StaticServer;
let archive: SearchArchive;
let page: Page;

before(async () => {
  const built = await buildSearchArchive(BASE, SITE);
  archive = built.archive;
  session = await openSiteSession(built.siteDir, BASE);
  ({ server, browser } = session);
  page = await strictPage(browser);
});
after(async () => {
  await session?.close();
});

async function assertResolves(href: string, id: string): Promise<void> {
  const target = new URL(href, server.url());
  assert.ok(target.pathname.startsWith(BASE), `${href} stays under ${BASE}`);
  const response = await page.request.get(target.href);
  assert.equal(response.status(), 200, target.href);
  assert.equal(reportIdOf(target.pathname), id);
}

test('results, sections and the Chinese report link to pages that exist under the sub-path', async () => {
  const withSections = archive.reports.find((r) => r.headings.length > 0)!;
  const heading = withSections.headings.at(-1)!;
  await openSearch(page, server.url(`search/?${new URLSearchParams({ q: `${withSections.rareWord} ${heading}` })}`));
  const [result] = await allResults(page);
  await assertResolves(result!.href, withSections.id);
  const section = await page.locator('.sub-results a', { hasText: heading }).getAttribute('href');
  assert.match(section!, new RegExp(`#user-content-${heading.toLowerCase()}(:~:text=[^#]+)?$`));
  await assertResolves(section!, withSections.id);

  await openSearch(page, server.url(`search/?${new URLSearchParams({ q: CHINESE_QUERY })}`));
  const [zh] = await allResults(page);
  await assertResolves(zh!.href, archive.zh.id);
  await Promise.all([
    page.waitForURL((url) => url.pathname === `${BASE}news/${archive.zh.id}/`),
    page.locator('.search-result h2 a').click(),
  ]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
});

test('browsing a facet under the sub-path lists every expected report, each link resolving', async () => {
  const year = archive.reports[0]!.date.slice(0, 4);
  const expected = archive.reports.filter((r) => r.date.startsWith(year)).map((r) => r.id).sort();
  await openSearch(page, server.url(`search/?year=${year}`));
  const results = await allResults(page);
  assert.deepEqual(results.map((r) => r.id).sort(), expected);
  for (const result of results) await assertResolves(result.href, result.id);
});

test('the header search on a report page under the sub-path leads to the report', async () => {
  const [target, other] = archive.reports;
  await page.goto(server.url(`news/${other!.id}/`));
  await page.getByRole('searchbox', { name: 'Search the archive' }).fill(target!.rareWord);
  await Promise.all([page.waitForURL(server.url(`search/?q=${target!.rareWord}`)), page.keyboard.press('Enter')]);
  await searchSettled(page);
  const link = page.locator('.search-result h2 a').first();
  await Promise.all([page.waitForURL((url) => url.pathname === `${BASE}news/${target!.id}/`), link.click()]);
  assert.equal(await page.locator('h1').textContent(), target!.title);
});

test('OpenSearch gives browsers an absolute search URL under the sub-path', async () => {
  await page.goto(server.url());
  assert.equal(await page.locator('link[rel="search"]').getAttribute('href'), `${BASE}opensearch.xml`);
  const openSearchText = await (await page.request.get(server.url('opensearch.xml'))).text();
  assertWellFormedXml('opensearch.xml', openSearchText);
  const xml = new XMLParser({ ignoreAttributes: false }).parse(openSearchText);
  assert.equal(xml.OpenSearchDescription.Url['@_template'], `${SITE}${BASE}search/?q={searchTerms}`);
  assert.equal(xml.OpenSearchDescription.ShortName, 'News Archive');
});
