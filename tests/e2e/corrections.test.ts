/**
 * Corrections and updates as a reader and a reader's tools meet them, on a small archive built
 * under /archive/ with a production site URL and read in Chromium: the notice by the dateline,
 * the notes at the end of the report, the corrections page and its feed, JSON-LD, the report's
 * JSON, the sitemap's lastmod, and search finding a word that is only in a correction's note.
 * And a wrong update date fails the build, naming the file and the field.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import { build, buildOnce } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { openSiteSession, strictPage, type SiteSession } from '../support/browser.ts';
import { allResults, openSearch } from '../support/search-page.ts';
import { assertWellFormedXml } from '../support/xml.ts';
import { TMP } from '../support/paths.ts';

const BASE = '/archive/';
const SITE = 'https://news.example.org';
/** A word that appears only in a correction's note. */
const NOTE_WORD = 'zyxomite';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const siteUrl = (p: string) => `${SITE}${BASE}${p}`;

const FILES = {
  // Corrected, then updated: the dateline shows the latest (the update); the corrections page the correction.
  '2020/fuel-prices.md': report(
    [
      'title: Fuel prices fall in July',
      'date: 2020-07-31',
      'source: { name: Ministry of Energy }',
      'topics: [Energy]',
      'updates:',
      '  - date: 2020-08-20',
      '    kind: update',
      '    note: Figures for August were added.',
      '  - date: 2020-08-02',
      '    kind: correction',
      `    note: An earlier version gave the price as 1.20 per litre; the ${NOTE_WORD} survey gives 1.02.`,
    ].join('\n'),
    'Fuel prices fell in July, the ministry said.',
  ),
  // Updated only: not a correction.
  '2021/grid-expansion.md': report(
    'title: Grid expansion approved\ndate: 2021-03-01\nsource: { name: Grid Agency }\nupdates: [{ date: 2021-03-05, kind: update, note: "The map of new lines was added." }]',
    'The grid will grow by a tenth.',
  ),
  // Corrected most recently, though published first.
  '2019/harbour-survey.md': report(
    'title: Harbour survey & dredging\ndate: 2019-05-10\nsource: { name: Port Authority }\nupdates: [{ date: 2021-04-01, kind: correction, note: "The survey was in May, not June." }]',
    'The harbour was surveyed.',
  ),
  '2021/plain-report.md': report('title: A report never corrected\ndate: 2021-02-01\nsource: { name: Grid Agency }', 'Nothing changed here.'),
};

describe('corrections and updates on a built archive', () => {
  let siteDir: string;
  let session: SiteSession;
  let browser: Browser;
  let page: Page;
  const url = (p = '') => session.server.url(p);

  before(async () => {
    const contentDir = await writeArchive('corrections', FILES);
    siteDir = await buildOnce('corrections', { contentDir, base: BASE, siteUrl: SITE });
    session = await openSiteSession(siteDir, BASE);
    browser = session.browser;
    page = await strictPage(browser);
  });
  after(async () => {
    await session?.close();
  });

  const jsonLd = async () =>
    (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t)).find((d) => d['@type'] === 'NewsArticle');

  test('a corrected report: the latest note by the dateline, linked to it; every note at the end, oldest first', async () => {
    await page.goto(url('news/2020/fuel-prices/'));
    const notice = page.locator('.report > header .meta .updated a');
    assert.equal((await notice.textContent())?.trim(), 'Updated 20 August 2020');
    assert.equal(await notice.locator('time').getAttribute('datetime'), '2020-08-20');
    await notice.click();
    assert.equal(new URL(page.url()).hash, '#update-2020-08-20');
    assert.equal(await page.locator(':target').textContent(), 'Update, 20 August 2020: Figures for August were added.');

    const section = page.locator('article[data-pagefind-body] section.updates');
    assert.equal(await section.getByRole('heading', { level: 2 }).textContent(), 'Corrections and updates');
    assert.deepEqual(
      (await section.locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ')),
      [
        `Correction, 2 August 2020: An earlier version gave the price as 1.20 per litre; the ${NOTE_WORD} survey gives 1.02.`,
        'Update, 20 August 2020: Figures for August were added.',
      ],
    );
    assert.deepEqual(await section.locator('li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))), ['2020-08-02', '2020-08-20']);
    assert.equal(await section.locator('[data-pagefind-ignore]').count(), 0);
    assert.equal(await page.locator('section.updates').evaluate((s) => s.closest('[data-pagefind-ignore]') === null), true, 'searchable');

    const data = await jsonLd();
    assert.equal(data.datePublished, '2020-07-31');
    assert.equal(data.dateModified, '2020-08-20');
    assert.deepEqual(data.correction, [
      { '@type': 'CorrectionComment', text: `An earlier version gave the price as 1.20 per litre; the ${NOTE_WORD} survey gives 1.02.`, datePublished: '2020-08-02' },
    ]);
    assert.equal(await page.locator('meta[property="article:modified_time"]').getAttribute('content'), '2020-08-20');
  });

  test('a report corrected last says "Corrected"; an updated one "Updated"; one never changed says nothing', async () => {
    await page.goto(url('news/2019/harbour-survey/'));
    assert.equal((await page.locator('.meta .updated').textContent())?.replace(/\s+/g, ' ').trim(), '· Corrected 1 April 2021');
    await page.goto(url('news/2021/grid-expansion/'));
    assert.equal((await page.locator('.meta .updated a').textContent())?.trim(), 'Updated 5 March 2021');
    assert.ok(!('correction' in (await jsonLd())));
    await page.goto(url('news/2021/plain-report/'));
    assert.equal(await page.locator('.meta .updated, section.updates, meta[property="article:modified_time"]').count(), 0);
    assert.ok(!('dateModified' in (await jsonLd())));
  });

  test('the corrections page, reached from the archive: every correction, newest first, linked to its note, with its feed', async () => {
    await page.goto(url('news/'));
    await Promise.all([page.waitForURL(url('corrections/')), page.getByRole('link', { name: 'correction', exact: true }).click()]);
    assert.equal(await page.locator('h1').textContent(), 'Corrections');
    const entries = page.locator('main ol.corrections > li');
    assert.deepEqual(await entries.locator('h2').allTextContents(), ['Harbour survey & dredging', 'Fuel prices fall in July']);
    assert.deepEqual(await entries.locator('h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [
      `${BASE}news/2019/harbour-survey/#correction-2021-04-01`,
      `${BASE}news/2020/fuel-prices/#correction-2020-08-02`,
    ]);
    assert.match((await entries.nth(1).textContent())!.replace(/\s+/g, ' '), new RegExp(`Corrected 2 August 2020 · published 31 July 2020.*${NOTE_WORD} survey gives 1\\.02\\.`));
    assert.equal(await page.locator('main').getByText('Grid expansion approved').count(), 0, 'an update is not a correction');

    await Promise.all([page.waitForURL(/#correction-2020-08-02$/), entries.nth(1).locator('h2 a').click()]);
    assert.match((await page.locator(':target').textContent())!, /^Correction, 2 August 2020: /);

    await page.goto(url('corrections/'));
    const feedHref = await page.locator('head link[rel="alternate"][title$="corrections (Atom)"]').getAttribute('href');
    assert.equal(await page.locator('head link[rel="alternate"][title$="corrections (Atom)"]').getAttribute('type'), 'application/atom+xml');
    const response = await page.request.get(new URL(feedHref!, page.url()).href);
    assert.equal(response.status(), 200);
    const text = await response.text();
    assertWellFormedXml('corrections/atom.xml', text);
    const feed = xml.parse(text).feed;
    assert.equal(feed.updated, '2021-04-01T00:00:00.000Z');
    assert.deepEqual(asArray(feed.entry).map((e: { id: string; updated: string }) => [e.id, e.updated]), [
      [siteUrl('news/2019/harbour-survey/#correction-2021-04-01'), '2021-04-01T00:00:00.000Z'],
      [siteUrl('news/2020/fuel-prices/#correction-2020-08-02'), '2020-08-02T00:00:00.000Z'],
    ]);
  });

  test("the report's JSON and reports.json carry the notes; the archive's Atom feed gives the latest as updated", async () => {
    const record = await (await page.request.get(url('news/2020/fuel-prices.json'))).json();
    assert.equal(record.updated, '2020-08-20');
    assert.deepEqual(record.updates.map((u: { date: string; kind: string }) => [u.date, u.kind]), [['2020-08-02', 'correction'], ['2020-08-20', 'update']]);
    const index = await (await page.request.get(url('reports.json'))).json();
    const byId = new Map(index.reports.map((r: { id: string }) => [r.id, r]));
    assert.deepEqual((byId.get('2019/harbour-survey') as { updates: unknown }).updates, [{ date: '2021-04-01', kind: 'correction', note: 'The survey was in May, not June.' }]);
    assert.ok(!('updates' in (byId.get('2021/plain-report') as object)));

    const atom = await (await page.request.get(url('atom.xml'))).text();
    assertWellFormedXml('atom.xml', atom);
    const entry = asArray(xml.parse(atom).feed.entry).find((e: { id: string }) => e.id === siteUrl('news/2020/fuel-prices/'));
    assert.equal(entry.updated, '2020-08-20T00:00:00.000Z');
    assert.equal(entry.published, '2020-07-31T00:00:00.000Z');
  });

  test('the sitemap gives an updated report its latest day as lastmod, and none to the rest', async () => {
    const sitemap = await readFile(path.join(siteDir, 'sitemap-0.xml'), 'utf8');
    assertWellFormedXml('sitemap-0.xml', sitemap);
    const lastmod = new Map(asArray(xml.parse(sitemap).urlset.url).map((u: { loc: string; lastmod?: string }) => [u.loc, u.lastmod]));
    assert.equal(lastmod.get(siteUrl('news/2020/fuel-prices/'))?.slice(0, 10), '2020-08-20');
    assert.equal(lastmod.get(siteUrl('news/2019/harbour-survey/'))?.slice(0, 10), '2021-04-01');
    assert.equal(lastmod.get(siteUrl('news/2021/grid-expansion/'))?.slice(0, 10), '2021-03-05');
    assert.ok(lastmod.has(siteUrl('news/2021/plain-report/')));
    assert.equal(lastmod.get(siteUrl('news/2021/plain-report/')), undefined);
    assert.ok(lastmod.has(siteUrl('corrections/')), 'the corrections page is in the sitemap');
  });

  test('a word only in a correction note finds the report', async () => {
    await openSearch(page, url(`search/?${new URLSearchParams({ q: NOTE_WORD })}`));
    assert.deepEqual((await allResults(page)).map((r) => r.id), ['2020/fuel-prices']);
  });
});

test('a wrong update fails the build, naming the file and the field: an impossible day, or one before the report', async () => {
  const good = report('title: Good\ndate: 2020-01-02\nsource: { name: Example }');
  const impossible = await build({
    contentDir: await writeArchive('update-impossible-date', {
      '2020/good.md': good,
      '2020/bad-update.md': report('title: Bad\ndate: 2020-02-01\nsource: { name: Example }\nupdates: [{ date: 2020-02-30, kind: correction, note: n }]'),
    }),
    outDir: path.join(TMP, 'builds', 'error-update-impossible-date'),
  });
  assert.notEqual(impossible.code, 0, impossible.output.slice(-2000));
  assert.match(impossible.output, /2020\/bad-update\.md: updates\.0\.date: "2020-02-30" is not a real calendar day/);

  const early = await build({
    contentDir: await writeArchive('update-before-report', {
      '2020/good.md': good,
      '2020/early-update.md': report('title: Early\ndate: 2020-02-01\nsource: { name: Example }\nupdates: [{ date: 2020-01-31, kind: update, note: n }]'),
    }),
    outDir: path.join(TMP, 'builds', 'error-update-before-report'),
  });
  assert.notEqual(early.code, 0, early.output.slice(-2000));
  assert.match(early.output, /early-update/);
  assert.match(early.output, /updates\.0\.date: the update of 2020-01-31 is dated before the report \(2020-02-01\)/);
});

test('a correction added to an unchanged archive is published by the next, warm build wherever it shows', { timeout: 300_000 }, async () => {
  const front = 'title: Budget approved\ndate: 2020-03-02\nsource: { name: Example }';
  const contentDir = await writeArchive('corrections-rebuild', {
    '2020/budget.md': report(front, 'The budget was approved.'),
    '2020/other.md': report('title: Other\ndate: 2020-03-01\nsource: { name: Example }', 'Other body.'),
  });
  const outDir = path.join(TMP, 'builds', 'corrections-rebuild');
  const run = async () => {
    const result = await build({ contentDir, outDir, siteUrl: SITE });
    assert.equal(result.code, 0, result.output.slice(-3000));
    return result.output;
  };
  const read = (file: string) => readFile(path.join(outDir, file), 'utf8');
  await run();
  assert.match(await read('corrections/index.html'), /No report has been corrected\./);

  await writeFile(
    path.join(contentDir, '2020/budget.md'),
    report(`${front}\nupdates: [{ date: 2020-03-09, kind: correction, note: "The total was 4.1 billion, not 4.7." }]`, 'The budget was approved.'),
  );
  const warm = await run();
  assert.match(warm, /rendered 1 new or changed report\(s\); 1 unchanged/, 'a warm build');
  assert.match(await read('news/2020/budget/index.html'), /Corrected <time datetime="2020-03-09">9 March 2020<\/time>/);
  assert.match(await read('corrections/index.html'), /href="\/news\/2020\/budget\/#correction-2020-03-09"/);
  assert.match(await read('corrections/atom.xml'), /<id>https:\/\/news\.example\.org\/news\/2020\/budget\/#correction-2020-03-09<\/id>/);
  assert.equal(JSON.parse(await read('news/2020/budget.json')).updated, '2020-03-09');
  assert.match(await read('sitemap-0.xml'), /<loc>https:\/\/news\.example\.org\/news\/2020\/budget\/<\/loc><lastmod>2020-03-09/);
});
