/**
 * Search as a researcher uses it, in Chromium, against a served build of a synthetic archive of a
 * few hundred reports plus one report in Chinese. Every expectation is computed from the
 * generator's manifest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import { AxeBuilder } from '@axe-core/playwright';
import type { SyntheticReport } from '../bench/generate.ts';
import { launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';
import { buildSearchArchive, CHINESE_QUERY, NOTATION_TEXT, type SearchArchive } from '../support/search-archive.ts';
import { allResults, highlightedPixels, openSearch, searchSettled } from '../support/search-page.ts';

type Facet = 'year' | 'topic' | 'organization' | 'person' | 'source';
/** The publisher: the generator names the first organization; the Chinese report its own. */
const sourceOf = (report: SyntheticReport): string => (report.language === 'zh' ? '中国航天科工集团有限公司' : report.organizations[0]!);
const valuesOf = (report: SyntheticReport, facet: Facet): string[] =>
  facet === 'year'
    ? [report.date.slice(0, 4)]
    : facet === 'topic'
      ? report.topics
      : facet === 'organization'
        ? report.organizations
        : facet === 'person'
          ? report.people
          : [sourceOf(report)];

/** The value of a facet carried by the most reports (ties broken by name), so the test has plenty to check. */
function commonValue(reports: SyntheticReport[], facet: Facet): string {
  const counts = new Map<string, number>();
  for (const report of reports) for (const value of valuesOf(report, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]![0];
}

const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

/**
 * The text of each report as its page is indexed, in the page's order: headline, deck, body. (Not
 * the dateline and source, which results show apart, nor the summary, which the page does not
 * show, nor the term lists.) The generator writes each front matter field on one line.
 */
async function indexedTexts(): Promise<[SyntheticReport, string][]> {
  return Promise.all(
    archive.reports.map(async (r) => {
      const [, frontmatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(await readFile(r.file, 'utf8'))!;
      const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(frontmatter!)?.[1] ?? '';
      return [r, `${field('title')}\n${field('subtitle')}\n${body}`] as [SyntheticReport, string];
    }),
  );
}

let browser: Browser;
let server: StaticServer;
let archive: SearchArchive;
let page: Page;

before(async () => {
  const built = await buildSearchArchive('/');
  archive = built.archive;
  server = await serveStatic(built.siteDir, '/');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function freshPage(): Promise<Page> {
  await page?.close();
  page = await browser.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  return page;
}

describe('facets', () => {
  for (const facet of ['year', 'topic', 'organization', 'person', 'source'] as const) {
    test(`${facet}: browsing by it with no words lists exactly the reports that carry it, with its count`, async () => {
      const page = await freshPage();
      const value = commonValue(archive.reports, facet);
      const expected = archive.reports.filter((r) => valuesOf(r, facet).includes(value));
      const status = await openSearch(page, server.url(`search/?${new URLSearchParams({ [facet]: value })}`));
      assert.match(status, new RegExp(`^${expected.length} reports? with`));
      const results = await allResults(page);
      assert.deepEqual(idsOf(results), expected.map((r) => r.id).sort());
      assert.ok(results.every((r) => !r.href.includes('?')), 'no words, nothing to highlight');
      const box = page.locator(`input[name="${facet}"][value="${value}"]`);
      assert.ok(await box.isChecked());
      assert.match((await page.locator('label', { has: box }).textContent())!, new RegExp(`\\(${expected.length}\\)`));
    });
  }

  test('facets combine, and each value offered shows how many reports adding it would leave', async () => {
    const page = await freshPage();
    const sample = archive.reports.find((r) => r.people.length > 0 && r.language === 'en')!;
    const chosen = { topic: sample.topics[0]!, organization: sample.organizations[0]! };
    const expected = archive.reports.filter((r) => r.topics.includes(chosen.topic) && r.organizations.includes(chosen.organization));
    await openSearch(page, server.url(`search/?${new URLSearchParams(chosen)}`));
    assert.deepEqual(idsOf(await allResults(page)), expected.map((r) => r.id).sort());
    // The person facet now counts within those results.
    const person = sample.people[0]!;
    const label = page.locator('fieldset[data-facet="person"] label', { has: page.locator(`input[value="${person}"]`) });
    const narrowed = expected.filter((r) => r.people.includes(person));
    assert.match((await label.textContent())!, new RegExp(`\\(${narrowed.length}\\)$`));
    await label.locator('input').check();
    await searchSettled(page);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('person'), [person]);
    assert.deepEqual(idsOf(await allResults(page)), narrowed.map((r) => r.id).sort());
  });

  test('words and a facet together: a report\'s unique word with its year finds it, with another year nothing', async () => {
    const page = await freshPage();
    const target = archive.reports.find((r) => r.language === 'en')!;
    const year = target.date.slice(0, 4);
    await openSearch(page, server.url(`search/?${new URLSearchParams({ q: target.rareWord, year })}`));
    assert.deepEqual(idsOf(await allResults(page)), [target.id]);
    const otherYear = archive.reports.find((r) => r.date.slice(0, 4) !== year)!.date.slice(0, 4);
    const status = await openSearch(page, server.url(`search/?${new URLSearchParams({ q: target.rareWord, year: otherYear })}`));
    assert.equal(status, `No reports match “${target.rareWord}” with Year: ${otherYear}.`);
    assert.equal(await page.locator('.search-result').count(), 0);
    // The advice suggests removing the filters, and following it finds the report again.
    const widen = page.getByRole('link', { name: 'remove the filters' });
    await widen.click();
    await searchSettled(page);
    assert.deepEqual(idsOf(await allResults(page)), [target.id]);
  });
});

describe('order', () => {
  for (const sort of ['newest', 'oldest'] as const) {
    test(`${sort} first: every result, across languages, in date order`, async () => {
      const page = await freshPage();
      // The Chinese report is in another index; it must still land in its place by date.
      const topic = archive.zh.topics[0]!;
      const expected = archive.reports.filter((r) => r.topics.includes(topic)).map((r) => r.date).sort();
      if (sort === 'newest') expected.reverse();
      await openSearch(page, server.url(`search/?${new URLSearchParams({ topic, sort })}`));
      const results = await allResults(page);
      assert.deepEqual(results.map((r) => r.date), expected);
      assert.ok(results.some((r) => r.id === archive.zh.id));
    });
  }

  test('with words, the order can be switched between best match and dates', async () => {
    const page = await freshPage();
    const topic = commonValue(archive.reports, 'topic');
    const expected = (await indexedTexts())
      .filter(([report, text]) => report.topics.includes(topic) && /\bconference\b/i.test(text))
      .map(([report]) => report);
    await openSearch(page, server.url(`search/?${new URLSearchParams({ q: 'conference', topic, sort: 'oldest' })}`));
    const oldest = await allResults(page);
    assert.deepEqual(idsOf(oldest), expected.map((r) => r.id).sort());
    assert.deepEqual(oldest.map((r) => r.date), expected.map((r) => r.date).sort());
    await page.getByLabel('Order').selectOption('relevance');
    await searchSettled(page);
    assert.equal(new URL(page.url()).searchParams.get('sort'), null);
    const best = await allResults(page);
    assert.deepEqual(idsOf(best), idsOf(oldest));
    assert.notDeepEqual(best.map((r) => r.date), oldest.map((r) => r.date), 'best match is not date order');
  });
});

describe('the URL holds the search', () => {
  test('each change is a history entry; reload, back, forward and a shared link restore the same results', async () => {
    const page = await freshPage();
    const topic = commonValue(archive.reports, 'topic');
    await openSearch(page, server.url('search/?q=annual'));
    await page.getByLabel('Words or "an exact phrase"').fill('conference');
    await page.keyboard.press('Enter');
    await searchSettled(page);
    const byWords = await allResults(page);
    assert.equal(await page.locator('[data-search-refine]').evaluate((d) => (d as HTMLDetailsElement).open), false, 'a word search leaves the facets closed');
    await page.getByText('Refine by year, topic, organization, person or source').click();
    await page.locator(`input[name="topic"][value="${topic}"]`).check();
    await searchSettled(page);
    await page.getByLabel('Order').selectOption('oldest');
    await searchSettled(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'conference');
    assert.deepEqual(url.searchParams.getAll('topic'), [topic]);
    assert.equal(url.searchParams.get('sort'), 'oldest');
    const final = await allResults(page);
    assert.ok(final.length > 0 && final.length < byWords.length);

    await page.reload();
    await searchSettled(page);
    assert.deepEqual(await allResults(page), final);
    assert.equal(await page.getByLabel('Words or "an exact phrase"').inputValue(), 'conference');
    assert.equal(await page.getByLabel('Order').inputValue(), 'oldest');
    assert.ok(await page.locator(`input[name="topic"][value="${topic}"]`).isChecked());

    await page.goBack(); // before the order changed
    await searchSettled(page);
    assert.equal(new URL(page.url()).searchParams.get('sort'), null);
    assert.deepEqual(idsOf(await allResults(page)), idsOf(final));
    await page.goBack(); // before the topic
    await searchSettled(page);
    assert.deepEqual(await allResults(page), byWords);
    await page.goBack(); // the first words
    await searchSettled(page);
    assert.equal(await page.getByLabel('Words or "an exact phrase"').inputValue(), 'annual');
    await page.goForward();
    await searchSettled(page);
    assert.ok(!(await page.locator(`input[name="topic"][value="${topic}"]`).isChecked()));
    await page.goForward();
    await page.goForward();
    await searchSettled(page);
    assert.deepEqual(await allResults(page), final);

    const shared = await browser.newPage();
    await openSearch(shared, url.href);
    assert.deepEqual(await allResults(shared), final);
    await shared.close();
  });
});

describe('results', () => {
  test('a result shows headline, date, the words marked, and links to matching sections', async () => {
    const page = await freshPage();
    const target = archive.reports.find((r) => r.headings.length > 0 && r.language === 'en')!;
    // The second heading's word and the report's unique word: the section link goes to that heading.
    const heading = target.headings.at(-1)!;
    await openSearch(page, server.url(`search/?${new URLSearchParams({ q: `${target.rareWord} ${heading.toLowerCase()}`, topic: target.topics[0]! })}`));
    const result = page.locator('.search-result', { has: page.locator(`h2 a[href*="/news/${target.id}/"]`) });
    assert.equal(await result.locator('h2 a').textContent(), target.title);
    assert.equal(await result.locator('time').getAttribute('datetime'), target.date);
    const marks = (await result.locator('.excerpt mark').allTextContents()).map((m) => m.replace(/\W+$/, '').toLowerCase());
    assert.ok(marks.length > 0 && marks.every((m) => [target.rareWord, heading.toLowerCase()].includes(m)), `marked: ${marks}`);
    const section = result.locator('.sub-results a', { hasText: heading });
    const href = await section.getAttribute('href');
    assert.match(href!, new RegExp(`#user-content-${heading.toLowerCase()}(:~:text=[^#]+)?$`));
    await section.click();
    await page.waitForURL(new RegExp(`/news/${target.id}/#user-content-${heading.toLowerCase()}(:~:text=[^#]+)?$`));
    assert.equal(await page.locator(`#user-content-${heading.toLowerCase()}`).textContent(), heading);
  });

  test('excerpts start with the report, not its dateline; the result shows date and source; counts read 1,234', async () => {
    const page = await freshPage();
    // Without words Pagefind's excerpt is the start of the indexed text: where the dateline was.
    const topic = commonValue(archive.reports, 'topic');
    const expected = archive.reports.filter((r) => r.topics.includes(topic));
    const status = await openSearch(page, server.url(`search/?${new URLSearchParams({ topic })}`));
    assert.equal(status, `${expected.length.toLocaleString('en-GB')} reports with Topic: ${topic}.`);
    const shown = await page.locator('.search-result').evaluateAll((items) =>
      items.map((item) => ({
        href: item.querySelector('h2 a')!.getAttribute('href')!,
        meta: item.querySelector('.meta')!.textContent!,
        excerpt: item.querySelector('.excerpt')!.textContent!,
      })),
    );
    assert.ok(shown.length > 0);
    for (const result of shown) {
      const report = expected.find((r) => result.href.includes(`/news/${r.id}/`))!;
      const date = new Date(`${report.date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      assert.equal(result.meta, `${date} · Source: ${sourceOf(report)}`, report.id);
      assert.doesNotMatch(result.excerpt, /Source:|min read/, `${report.id}: ${result.excerpt}`);
      assert.ok(!result.excerpt.startsWith(date), `${report.id} excerpt starts with its date: ${result.excerpt}`);
    }
    // The facet counts are written the same way.
    const counts = await page.locator('.facet .count').allTextContents();
    assert.ok(counts.length > 0 && counts.every((c) => /^\((?:\d{1,3}(?:,\d{3})*)\)$/.test(c)), counts.join(' '));
  });

  test('an excerpt shows the report\'s words as written: "&lt;" in code stays "&lt;", "<b>" and "R&D" are text', async () => {
    const page = await freshPage();
    await openSearch(page, server.url(`search/?${new URLSearchParams({ q: archive.notation.rareWord })}`));
    assert.deepEqual(idsOf(await allResults(page)), [archive.notation.id]);
    const excerpt = page.locator('.search-result .excerpt');
    const text = (await excerpt.textContent())!;
    for (const written of NOTATION_TEXT) assert.ok(text.includes(written), `"${written}" in the excerpt: ${text}`);
    assert.deepEqual(await excerpt.locator('mark').allTextContents(), [archive.notation.rareWord]);
    assert.equal(await excerpt.locator('b').count(), 0, 'no element made from the report\'s text');
    // The page itself shows the same.
    const link = page.locator('.search-result h2 a');
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith(`/news/${archive.notation.id}/`)), link.click()]);
    const body = (await page.locator('article .prose').textContent())!;
    for (const written of NOTATION_TEXT) assert.ok(body.includes(written), `"${written}" on the page`);
  });

  test('following a result highlights the words on the report, on that visit only, with no script on the report', async () => {
    const page = await freshPage();
    const target = archive.reports.find((r) => r.language === 'en')!;
    await openSearch(page, server.url(`search/?${new URLSearchParams({ q: target.rareWord })}`));
    const link = page.locator('.search-result h2 a');
    assert.match((await link.getAttribute('href'))!, new RegExp(`/news/${target.id}/#:~:text=${target.rareWord}$`));
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith(`/news/${target.id}/`)), link.click()]);
    const paragraph = page.locator('article .prose p', { hasText: target.rareWord }).first();
    await page.waitForTimeout(300); // the browser applies text fragments after load
    assert.ok((await highlightedPixels(page, paragraph)) > 50, 'the word is highlighted');
    assert.deepEqual(scripts, [], 'the report page loads no script');
    // A visit that does not come from a search shows no highlight.
    await page.goto(server.url(`news/${target.id}/`));
    assert.equal(await highlightedPixels(page, paragraph), 0);
  });

  test('"an exact phrase" finds the reports with those words side by side, not just anywhere', async () => {
    const page = await freshPage();
    const phrase = 'quality production';
    const texts = await indexedTexts();
    const adjacent = texts.filter(([, text]) => /\bquality\W+production\b/i.test(text)).map(([r]) => r.id);
    const both = texts.filter(([, text]) => /\bquality\b/i.test(text) && /\bproduction\b/i.test(text)).length;
    assert.ok(adjacent.length > 0 && adjacent.length < both, 'the archive has both cases');
    await openSearch(page, server.url(`search/?${new URLSearchParams({ q: `"${phrase}"` })}`));
    assert.deepEqual(idsOf(await allResults(page)), adjacent.sort());
  });

  test('no results says so and gives advice', async () => {
    const page = await freshPage();
    const status = await openSearch(page, server.url('search/?q=zzzznotaword'));
    assert.equal(status, 'No reports match “zzzznotaword”.');
    assert.match((await page.locator('[data-search-advice]').textContent())!, /spelling/);
  });

  test('when the index cannot be loaded, the search page says so instead of searching forever', async () => {
    const page = await browser.newPage();
    await page.route('**/pagefind/pagefind.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    const status = await openSearch(page, server.url('search/?q=conference'));
    assert.match(status, /^Search is unavailable/);
    await page.close();
  });

  test('words typed while the index is still loading stay in the box, and Enter searches them', async () => {
    const page = await browser.newPage();
    // A slow connection: the page is there and usable, the search index takes a while.
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/pagefind/pagefind.js', async (route) => {
      await slow;
      await route.continue();
    });
    await page.goto(server.url('search/'));
    const box = page.locator('input[name="q"]');
    await box.fill(archive.reports[0]!.rareWord);
    release();
    // Once the index has loaded, the page offers the facets to browse by...
    await page.locator('[data-search-status]', { hasText: /^Type words to search/ }).waitFor();
    // ...and the reader's words are still there.
    assert.equal(await box.inputValue(), archive.reports[0]!.rareWord);
    await page.keyboard.press('Enter');
    await page.locator('.search-result').first().waitFor();
    assert.deepEqual((await allResults(page)).map((r) => r.id), [archive.reports[0]!.id]);
    await page.close();
  });

  test('a report in Chinese is indexed in Chinese and found by a Chinese query', async () => {
    const page = await freshPage();
    const status = await openSearch(page, server.url(`search/?${new URLSearchParams({ q: CHINESE_QUERY })}`));
    assert.equal(status, `1 report matches “${CHINESE_QUERY}”.`);
    const result = page.locator('.search-result');
    assert.equal(await result.getAttribute('lang'), 'zh');
    assert.equal(await result.locator('h2 a').textContent(), archive.zh.title);
    assert.ok((await result.locator('mark').allTextContents()).includes(CHINESE_QUERY));
    assert.ok((await result.locator('h2 a').getAttribute('href'))!.endsWith(`#:~:text=${encodeURIComponent(CHINESE_QUERY)}`));
    await result.locator('h2 a').click();
    await page.waitForURL((url) => url.pathname === new URL(server.url(`news/${archive.zh.id}/`)).pathname);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
  });
});

test('without Web Workers (a Content-Security-Policy may forbid them) every language is still searched', async () => {
  // Pagefind then runs on the main thread, where it names its bundle differently; the merge of
  // the other languages must not be mistaken for the primary index there either.
  const page = await freshPage();
  await page.addInitScript(() => Object.defineProperty(window, 'Worker', { value: undefined }));
  await openSearch(page, server.url(`search/?${new URLSearchParams({ q: CHINESE_QUERY })}`));
  assert.deepEqual(idsOf(await allResults(page)), [archive.zh.id]);
  const topic = archive.zh.topics[0]!;
  await openSearch(page, server.url(`search/?${new URLSearchParams({ topic, sort: 'oldest' })}`));
  const expected = archive.reports.filter((r) => r.topics.includes(topic)).map((r) => r.date).sort();
  assert.deepEqual((await allResults(page)).map((r) => r.date), expected);
});

describe('the header search on every page', () => {
  for (const where of ['home', 'article'] as const) {
    test(`the ${where} page loads no JavaScript, and its header box takes the words to the search page`, async () => {
      const page = await freshPage();
      const scripts: string[] = [];
      page.on('request', (r) => (r.resourceType() === 'script' || /pagefind/.test(r.url())) && scripts.push(r.url()));
      const target = archive.reports.find((r) => r.language === 'en')!;
      await page.goto(server.url(where === 'home' ? '' : `news/${archive.reports.at(-1)!.id}/`));
      await page.waitForLoadState('networkidle');
      assert.deepEqual(scripts, [], 'no script before search is used');
      await page.getByRole('searchbox', { name: 'Search the archive' }).fill(target.rareWord);
      await Promise.all([page.waitForURL(server.url(`search/?q=${target.rareWord}`)), page.keyboard.press('Enter')]);
      await searchSettled(page);
      assert.deepEqual(idsOf(await allResults(page)), [target.id]);
    });
  }

  test('keyboard only: Tab to the header box, search, / returns to the box, Tab to a result, Enter opens it', async () => {
    const page = await freshPage();
    const target = archive.reports.find((r) => r.language === 'en')!;
    await page.goto(server.url(`news/${archive.reports.at(-1)!.id}/`));
    let guard = 0;
    while (!(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'search')) && guard++ < 15) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(target.rareWord);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press('Enter')]);
    const status = await searchSettled(page);
    assert.equal(status, `1 report matches “${target.rareWord}”.`);
    assert.equal(await page.locator('[data-search-status]').getAttribute('aria-live'), 'polite');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('/');
    assert.ok(await page.locator('#search-query').evaluate((el) => el === document.activeElement), '/ focuses the search box');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#search-query').inputValue(), '', 'Escape clears the box');
    guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.closest('.search-result') !== null)) && guard++ < 40) {
      await page.keyboard.press('Tab');
    }
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith(`/news/${target.id}/`)), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').textContent(), target.title);
  });

  test('Enter in the box opens the search page with the words, and the search page is usable by keyboard', async () => {
    const page = await freshPage();
    await page.goto(server.url());
    await page.getByRole('searchbox', { name: 'Search the archive' }).focus();
    await page.keyboard.type('conference');
    await Promise.all([page.waitForURL(/\/search\/\?q=conference$/), page.keyboard.press('Enter')]);
    await searchSettled(page);
    const all = (await allResults(page)).length;
    // Tab to "Refine", open it, tab to the first facet checkbox and tick it with the space bar.
    await page.keyboard.press('/');
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY')) && guard++ < 10) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.locator('[data-search-facets] input').first().waitFor();
    guard = 0;
    while (!(await page.evaluate(() => (document.activeElement as HTMLInputElement).type === 'checkbox')) && guard++ < 10) {
      await page.keyboard.press('Tab');
    }
    const { name, value } = await page.evaluate(() => {
      const box = document.activeElement as HTMLInputElement;
      return { name: box.name, value: box.value };
    });
    await page.keyboard.press('Space');
    await searchSettled(page);
    assert.deepEqual(new URL(page.url()).searchParams.getAll(name), [value]);
    assert.ok((await allResults(page)).length < all);
    assert.deepEqual(
      await page.evaluate(() => [(document.activeElement as HTMLInputElement).name, (document.activeElement as HTMLInputElement).value]),
      [name, value],
      'focus stays on the ticked box',
    );
  });

  test('from a page in Chinese, the header search still finds English reports', async () => {
    const page = await freshPage();
    const target = archive.reports.find((r) => r.language === 'en')!;
    await page.goto(server.url(`news/${archive.zh.id}/`));
    await page.getByRole('searchbox', { name: 'Search the archive' }).fill(target.rareWord);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press('Enter')]);
    await searchSettled(page);
    assert.deepEqual(idsOf(await allResults(page)), [target.id]);
  });
});

describe('results per year', () => {
  /** The chart's rows as a reader hears them: each bar link's name, e.g. "2020: 5 reports". */
  const barNames = (page: Page) => page.locator('[data-search-chart] a.bar-link').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')!));
  const named = (counts: Map<string, number>) =>
    [...counts].sort(([a], [b]) => b.localeCompare(a)).map(([year, n]) => `${year}: ${n.toLocaleString('en-GB')} ${n === 1 ? 'report' : 'reports'}`);

  test('with the facets open, a word search draws its results per year; a bar narrows to that year, in the URL; axe passes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    const matching = (await indexedTexts()).filter(([, text]) => /\bconference\b/i.test(text)).map(([report]) => report);
    const perYear = new Map<string, number>();
    for (const report of matching) perYear.set(report.date.slice(0, 4), (perYear.get(report.date.slice(0, 4)) ?? 0) + 1);
    assert.ok(perYear.size > 1, 'the fixture has matches in several years');
    // A plain word search stays small: Pagefind loads no filter index for it, so it has no year
    // counts and draws no chart, rather than fetching one for it.
    const filterIndexes: string[] = [];
    page.on('request', (r) => r.url().endsWith('.pf_filter') && filterIndexes.push(r.url()));
    await openSearch(page, server.url('search/?q=conference'));
    const chart = page.locator('[data-search-chart]');
    assert.equal(await chart.isVisible(), false);
    assert.deepEqual(filterIndexes, []);
    // Opening "Refine" loads the facets, and the same search's year counts draw the chart.
    await page.locator('[data-search-refine] summary').click();
    await chart.waitFor({ state: 'visible' });
    assert.deepEqual(await barNames(page), named(perYear));
    assert.equal(await chart.locator('caption').textContent(), 'Results per year');
    // The bars are drawn (the chart's stylesheet is the search page's), the longest for the most results.
    const lengths = await chart.locator('a.bar-link .bar').evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
    const most = Math.max(...perYear.values());
    assert.ok(lengths.every((length) => length > 0), lengths.join(' '));
    assert.equal(lengths.indexOf(Math.max(...lengths)), named(perYear).findIndex((name) => name.includes(`: ${most} `)));
    const onSearchPage = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(onSearchPage.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);

    const [year, count] = [...perYear].sort(([, x], [, y]) => x - y)[0]!;
    await chart.getByRole('link', { name: `${year}: ${count.toLocaleString('en-GB')} report` }).click();
    const status = await searchSettled(page);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('year'), [year]);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'conference');
    assert.match(status, new RegExp(`^${count} reports? match`));
    assert.deepEqual(idsOf(await allResults(page)), matching.filter((r) => r.date.startsWith(year)).map((r) => r.id).sort());
    assert.deepEqual(await barNames(page), named(new Map([[year, count]])));
    await context.close();
  });
});

describe('accessibility', () => {
  test('the search page with results and facets passes axe', async () => {
    // axe needs a page of its own browser context.
    const context = await browser.newContext();
    const page = await context.newPage();
    const topic = commonValue(archive.reports, 'topic');
    await openSearch(page, server.url(`search/?${new URLSearchParams({ q: 'conference', topic })}`));
    const onSearchPage = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(onSearchPage.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    await context.close();
  });
});

describe('without JavaScript', () => {
  test('the header box is a plain form to the search page, which says search needs JavaScript and links to the archive', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url());
    await page.getByRole('searchbox', { name: 'Search the archive' }).fill('conference');
    await Promise.all([page.waitForURL(server.url('search/?q=conference')), page.keyboard.press('Enter')]);
    assert.equal(
      (await page.locator('.notice').innerText()).trim(),
      'Search runs in your browser and needs JavaScript. Without it, browse the latest reports.',
    );
    const link = page.getByRole('link', { name: 'the latest reports' });
    assert.equal(await link.getAttribute('href'), '/');
    await Promise.all([page.waitForURL(server.url()), link.click()]);
    await context.close();
  });
});

describe('OpenSearch', () => {
  test('every page links a description that opens the search page with the words', async () => {
    const page = await freshPage();
    for (const path of ['', `news/${archive.reports[0]!.id}/`, 'search/']) {
      await page.goto(server.url(path));
      const href = await page.locator('link[rel="search"]').getAttribute('href');
      assert.equal(href, '/opensearch.xml');
      assert.equal(await page.locator('link[rel="search"]').getAttribute('type'), 'application/opensearchdescription+xml');
    }
    const response = await page.request.get(server.url('opensearch.xml'));
    assert.equal(response.status(), 200);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await response.text());
    const template: string = xml.OpenSearchDescription.Url['@_template'];
    assert.equal(template, '/search/?q={searchTerms}');
    const target = archive.reports[0]!;
    await openSearch(page, server.url(template.replace('{searchTerms}', encodeURIComponent(target.rareWord)).slice(1)));
    assert.deepEqual(idsOf(await allResults(page)), [target.id]);
  });
});
