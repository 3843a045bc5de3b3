/**
 * Browsing and following the archive as readers and their tools do, in Chromium against the
 * served build: a synthetic archive of a few hundred reports under /archive/ with a production
 * site URL, and the real content/ at the root. Expectations come from the content files.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import { assertWellFormedXml } from '../support/xml.ts';
import { reportPageBudget } from '../support/report-budget.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildOnce, defaultDist } from '../support/build.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';
import { readManifest, termCounts, type ManifestReport, type TermField } from '../support/manifest.ts';
import { generateArchive } from '../bench/generate.ts';
import { ROOT, TMP } from '../support/paths.ts';
import { brokenSiteLinks } from '../support/site-links.ts';

const SITE_URL = 'https://news.example.org';
const ARCHIVE_PAGE_SIZE = 50;
const FEED_SIZE = 20;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

interface Hosting {
  name: string;
  base: string;
  siteUrl?: string;
  setup(): Promise<{ siteDir: string; contentDir: string }>;
}

const hostings: Hosting[] = [
  {
    name: 'a synthetic archive of 500 reports under /archive/ with SITE_URL',
    base: '/archive/',
    siteUrl: SITE_URL,
    async setup() {
      const contentDir = path.join(TMP, 'archives', 'browse-synthetic');
      await generateArchive({ dir: contentDir, count: 500, seed: 7 });
      const siteDir = await buildOnce('browse-synthetic', { contentDir, base: '/archive/', siteUrl: SITE_URL });
      return { siteDir, contentDir };
    },
  },
  {
    name: 'the real content under /archive/ with SITE_URL',
    base: '/archive/',
    siteUrl: SITE_URL,
    async setup() {
      const siteDir = await buildOnce('browse-real-subpath', { base: '/archive/', siteUrl: SITE_URL });
      return { siteDir, contentDir: path.join(ROOT, 'content/news') };
    },
  },
  {
    name: 'the real content at the root',
    base: '/',
    async setup() {
      return { siteDir: defaultDist(), contentDir: path.join(ROOT, 'content/news') };
    },
  },
];

const KIND_PATHS: Record<TermField, string> = { topics: 'topics/', organizations: 'organizations/', people: 'people/' };

for (const hosting of hostings) {
  describe(`browsing ${hosting.name}`, () => {
    let browser: Browser;
    let server: StaticServer;
    let page: Page;
    let reports: ManifestReport[];
    let siteDir: string;
    /** The URL a report is published at, as feeds and sitemaps write it. */
    let absoluteReport: (id: string) => string;
    const sitePath = (p: string) => `${hosting.base}${p}`;

    before(async () => {
      const built = await hosting.setup();
      siteDir = built.siteDir;
      const { contentDir } = built;
      reports = await readManifest(contentDir);
      server = await serveStatic(siteDir, hosting.base);
      browser = await launchBrowser();
      page = await browser.newPage();
      page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
      absoluteReport = (id) => `${hosting.siteUrl ?? 'http://127.0.0.1:4321'}${sitePath(`news/${id}/`)}`;
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Report ids linked from the current page's main content, in order. */
    const linkedIds = async (selector: string) =>
      (await page.locator(selector).evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).map((p) => {
        const match = /\/news\/(\d{4}\/[^/]+)\/$/.exec(p);
        assert.ok(match, `${p} is a report URL`);
        return match[1]!;
      });

    async function assertNoClientScript(): Promise<void> {
      const scripts = await page.locator('script:not([type="application/ld+json"])').count();
      assert.equal(scripts, 0, `${page.url()} has no client JavaScript`);
    }

    async function assertFeedsAdvertised(): Promise<void> {
      const types = await page.locator('head link[rel="alternate"]').evaluateAll((links) => links.map((l) => l.getAttribute('type')));
      for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json']) {
        assert.ok(types.includes(type), `${page.url()} advertises ${type}`);
      }
      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      assert.equal(canonical, `${hosting.siteUrl ?? ''}${new URL(page.url()).pathname}`);
    }

    test('walk: home -> year -> report -> topic -> report -> person -> report, and back again', async () => {
      const visited: string[] = [];
      const go = async (action: Promise<unknown>) => {
        await Promise.all([page.waitForEvent('load'), action]);
        visited.push(page.url());
        await assertNoClientScript();
        await assertFeedsAdvertised();
      };
      await page.goto(server.url());
      visited.push(page.url());
      await assertNoClientScript();
      // The home page: newest reports first, with headline, date and summary.
      const newest = reports.slice(0, 20);
      assert.deepEqual(await linkedIds('.report-list h3 a'), newest.map((r) => r.id));
      const first = page.locator('.report-summary').first();
      assert.equal(await first.locator('time').getAttribute('datetime'), newest[0]!.date);
      if (newest[0]!.summary) assert.ok((await first.textContent())!.includes(newest[0]!.summary.trim().slice(0, 40)));

      // Year page: the newest report's year, grouped by month, newest first.
      const year = reports[0]!.year;
      const yearReports = reports.filter((r) => r.year === year);
      await go(page.locator('section[aria-labelledby="years-heading"]').getByRole('link', { name: year, exact: true }).click());
      assert.equal(new URL(page.url()).pathname, sitePath(`news/${year}/`));
      assert.equal(await page.locator('h1').textContent(), `Reports of ${year}`);
      assert.deepEqual(await linkedIds('main section .compact-reports a'), yearReports.map((r) => r.id));
      const months = [...new Set(yearReports.map((r) => Number(r.date.slice(5, 7))))];
      const monthNames = months.map((m) => `${new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`);
      assert.deepEqual(await page.locator('main section h2').allTextContents(), monthNames);

      // A report with topics, then its first topic.
      const start = yearReports.find((r) => r.topics.length > 0)!;
      await go(page.getByRole('link', { name: start.title, exact: true }).first().click());
      assert.equal(await page.locator('h1').textContent(), start.title);
      const topic = start.topics[0]!;
      await go(page.locator('.terms', { has: page.getByRole('heading', { name: 'Topics' }) }).getByRole('link', { name: topic, exact: true }).click());
      assert.equal(await page.locator('h1').textContent(), topic);
      const onTopic = termCounts(reports, 'topics').get(topic)!;
      assert.match((await page.locator('.term-count').textContent())!, new RegExp(`^${onTopic.length} reports?,`));
      assert.deepEqual(await linkedIds('.report-list h2 a'), onTopic.slice(0, 50).map((r) => r.id));

      // A report on that topic that names people, then its first person.
      const withPeople = onTopic.slice(0, 50).find((r) => r.people.length > 0)!;
      await go(page.getByRole('link', { name: withPeople.title, exact: true }).click());
      const person = withPeople.people[0]!;
      await go(page.locator('.terms', { has: page.getByRole('heading', { name: 'People' }) }).getByRole('link', { name: person, exact: true }).click());
      assert.equal(await page.locator('h1').textContent(), person);
      const ofPerson = termCounts(reports, 'people').get(person)!;
      assert.deepEqual(await linkedIds('.report-list h2 a'), ofPerson.slice(0, 50).map((r) => r.id));
      const last = ofPerson[0]!;
      await go(page.getByRole('link', { name: last.title, exact: true }).click());
      assert.equal(new URL(page.url()).pathname, sitePath(`news/${last.id}/`));

      // Breadcrumbs lead back up: report -> its year -> home.
      const crumbs = page.locator('nav[aria-label="Breadcrumb"] a');
      assert.deepEqual(await crumbs.allTextContents(), ['Home', last.year]);
      assert.equal(await page.locator('nav[aria-label="Breadcrumb"] [aria-current="page"]').textContent(), last.title);
      await Promise.all([page.waitForURL(server.url(`news/${last.year}/`)), crumbs.nth(1).click()]);
      await page.goBack();

      // And the browser's back button retraces every step.
      for (const url of visited.slice(0, -1).reverse()) {
        await page.goBack();
        assert.equal(page.url(), url);
      }
    });

    test('the archive lists every report once, newest first, over pages of the configured size', async () => {
      await page.goto(server.url('news/'));
      const seen: string[] = [];
      const pages = Math.max(1, Math.ceil(reports.length / ARCHIVE_PAGE_SIZE));
      for (let n = 1; ; n++) {
        await assertNoClientScript();
        const ids = await linkedIds('.report-list h2 a');
        assert.ok(ids.length <= ARCHIVE_PAGE_SIZE);
        seen.push(...ids);
        if (pages > 1) assert.equal(await page.locator('.pagination .page-of').first().textContent(), `Page ${n} of ${pages}`);
        const next = page.locator('.pagination a[rel="next"]').first();
        if ((await next.count()) === 0) break;
        await Promise.all([page.waitForURL(server.url(`news/page/${n + 1}/`)), next.click()]);
      }
      assert.deepEqual(seen, reports.map((r) => r.id));
    });

    test('the year index and the topic, organization and person indexes count every report', async () => {
      await page.goto(server.url('years/'));
      // The chart also draws the years between without reports, as empty bars: those count none.
      const rows = (await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent])))
        .filter(([, count]) => count !== '0');
      const years = [...new Set(reports.map((r) => r.year))];
      assert.deepEqual(rows, years.map((y) => [y, reports.filter((r) => r.year === y).length.toLocaleString('en-GB')]));
      for (const field of ['topics', 'organizations', 'people'] as const) {
        await page.goto(server.url(KIND_PATHS[field]));
        await assertNoClientScript();
        const listed = await page.locator('.term-index li').evaluateAll((lis) =>
          lis.map((li) => [li.querySelector('a')!.textContent, li.querySelector('.count')!.textContent]),
        );
        const expected = termCounts(reports, field);
        assert.equal(listed.length, expected.size, `${field}: one entry per name`);
        for (const [name, count] of listed) assert.equal(count, `(${expected.get(name!)!.length})`, `${field}: ${name}`);
      }
    });

    test('term pages are paginated and, together, list each report of the term', async () => {
      const [name, expected] = [...termCounts(reports, 'topics')].sort((a, b) => b[1].length - a[1].length)[0]!;
      await page.goto(server.url('topics/'));
      await Promise.all([page.waitForEvent('load'), page.locator('.term-index').getByRole('link', { name, exact: true }).click()]);
      const seen: string[] = [];
      for (;;) {
        seen.push(...(await linkedIds('.report-list h2 a')));
        const next = page.locator('.pagination a[rel="next"]').first();
        if ((await next.count()) === 0) break;
        await Promise.all([page.waitForEvent('load'), next.click()]);
        assert.match(new URL(page.url()).pathname, /\/page\/\d+\/$/);
      }
      assert.deepEqual(seen, expected.map((r) => r.id));
    });

    test('article page: term links keep their search filters, prev/next by date, related reports, reading time', async () => {
      const i = Math.min(1, reports.length - 1);
      const report = reports[i]!;
      await page.goto(server.url(`news/${report.id}/`));
      for (const [field, filter] of [['topics', 'topic'], ['organizations', 'organization'], ['people', 'person']] as const) {
        const items = page.locator(`li[data-pagefind-filter="${filter}"]`);
        assert.deepEqual(await items.allTextContents(), [...new Set(report[field])]);
        const hrefs = await items.locator('a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
        assert.ok(hrefs.every((h) => h.startsWith(sitePath(KIND_PATHS[field]))), hrefs.join());
      }
      const older = reports[i + 1];
      const newer = reports[i - 1];
      assert.deepEqual(await linkedIds('nav.neighbours a[rel="prev"]'), older ? [older.id] : []);
      assert.deepEqual(await linkedIds('nav.neighbours a[rel="next"]'), newer ? [newer.id] : []);
      const related = await linkedIds('.related a');
      assert.ok(related.length <= 5);
      if (reports.length > 50) assert.ok(related.length > 0, 'a large archive finds related reports');
      for (const id of related) {
        const other = reports.find((r) => r.id === id)!;
        assert.notEqual(id, report.id);
        const shared = (['topics', 'organizations', 'people'] as const).some((f) => other[f].some((n) => report[f].includes(n)));
        assert.ok(shared, `${id} shares a topic, organization or person with ${report.id}`);
      }
      assert.match((await page.locator('.reading-time').textContent())!, /· \d+ min read/);
      await assertNoClientScript();
    });

    test('report pages stay lean: HTML and stylesheets within 20 KB (plus any content beyond the benchmark\'s size)', async () => {
      for (const report of reports.slice(0, 5)) {
        const html = await (await page.request.get(server.url(`news/${report.id}/`))).text();
        let bytes = Buffer.byteLength(html);
        for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
          bytes += (await (await page.request.get(new URL(href!, server.origin).href)).body()).length;
        }
        const budget = reportPageBudget(html);
        assert.ok(bytes <= budget, `${report.id}: ${bytes} bytes of HTML and CSS > ${budget}`);
      }
    });

    test('the search index still filters by the plain names of topics, organizations and people', async () => {
      await page.goto(server.url());
      const bundle = sitePath('pagefind/');
      const filters = await page.evaluate(async (bundle) => {
        const pagefind = await import(`${bundle}pagefind.js`);
        await pagefind.options({ basePath: bundle });
        return (await pagefind.filters()) as Record<string, Record<string, number>>;
      }, bundle);
      for (const [field, filter] of [['topics', 'topic'], ['organizations', 'organization'], ['people', 'person']] as const) {
        const expected = Object.fromEntries([...termCounts(reports, field)].map(([name, list]) => [name, list.length]));
        assert.deepEqual(filters[filter], expected, `${filter} filter values are the names, counted per report`);
      }
    });

    test('link previews and structured data: Open Graph, NewsArticle and BreadcrumbList JSON-LD', async () => {
      const report = reports.find((r) => r.people.length > 0 && r.organizations.length > 0) ?? reports[0]!;
      await page.goto(server.url(`news/${report.id}/`));
      const meta = (selector: string) => page.locator(`head meta[${selector}]`).getAttribute('content');
      assert.equal(await meta('property="og:type"'), 'article');
      assert.equal(await meta('property="article:published_time"'), report.date);
      assert.equal(await meta('property="og:title"'), report.title);
      assert.equal(await meta('property="og:url"'), absoluteReport(report.id).replace('http://127.0.0.1:4321', ''));
      assert.equal(await meta('name="twitter:card"'), 'summary');
      const blocks = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
      const article = blocks.find((b) => b['@type'] === 'NewsArticle');
      assert.ok(article, 'NewsArticle present');
      assert.equal(article['@context'], 'https://schema.org');
      assert.equal(article.headline, report.title);
      assert.equal(article.datePublished, report.date);
      assert.equal(article.publisher['@type'], 'Organization');
      assert.equal(typeof article.publisher.name, 'string');
      assert.deepEqual(article.about.map((t: { name: string }) => t.name), [...new Set(report.topics)]);
      const mentioned = (type: string) => article.mentions.filter((m: { '@type': string }) => m['@type'] === type).map((m: { name: string }) => m.name);
      assert.deepEqual(mentioned('Person'), [...new Set(report.people)]);
      assert.deepEqual(mentioned('Organization'), [...new Set(report.organizations)]);
      const crumbs = blocks.find((b) => b['@type'] === 'BreadcrumbList');
      assert.deepEqual(crumbs.itemListElement.map((c: { position: number; name: string }) => [c.position, c.name]), [[1, 'Home'], [2, report.year], [3, report.title]]);
      if (hosting.siteUrl) {
        assert.equal(article.url, absoluteReport(report.id));
        assert.equal(crumbs.itemListElement[2].item, absoluteReport(report.id));
      }
      // Every topic, person and organization named in the JSON-LD has its page, linked from the report.
      for (const m of [...article.about, ...article.mentions] as { name: string }[]) {
        const href = await page.locator('.terms a', { hasText: m.name }).first().getAttribute('href');
        assert.equal((await page.request.get(new URL(href!, page.url()).href)).status(), 200, m.name);
      }
    });

    test('cite this report: a Chicago citation on the page, and BibTeX, RIS and CSL-JSON downloads', async () => {
      const report = reports[0]!;
      await page.goto(server.url(`news/${report.id}/`));
      const citation = (await page.locator('.citation').textContent())!;
      assert.ok(citation.includes(`“${report.title}`), citation);
      assert.ok(citation.includes(`, ${new Date(`${report.date}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric', year: 'numeric' })}.`), citation);
      const download = async (label: string) => {
        const href = await page.getByRole('link', { name: label, exact: true }).getAttribute('href');
        const response = await page.request.get(new URL(href!, page.url()).href);
        assert.equal(response.status(), 200, label);
        return response.text();
      };
      const bib = await download('BibTeX');
      assert.match(bib, new RegExp(`^@misc\\{${report.id.replace('/', '-')},`));
      assert.ok(bib.includes(`year = {${report.year}}`));
      const ris = await download('RIS');
      assert.ok(ris.split('\r\n').includes(`PY  - ${report.year}`));
      assert.ok(ris.trimEnd().endsWith('ER  -'));
      const [csl] = JSON.parse(await download('CSL-JSON'));
      assert.equal(csl.id, report.id);
      assert.deepEqual(csl.issued['date-parts'][0], report.date.split('-').map(Number));
      assert.ok(csl.title.startsWith(report.title));
      if (hosting.siteUrl) {
        assert.ok(citation.includes(absoluteReport(report.id)));
        assert.equal(csl.URL, absoluteReport(report.id));
      }
      // The machine-readable copies: the source file byte for byte, and JSON of metadata and text.
      assert.equal(await download('Markdown source'), report.source);
      const json = JSON.parse(await download('JSON'));
      assert.equal(json.title, report.title);
      assert.equal(json.date, report.date);
      assert.deepEqual(json.topics, report.topics);
      assert.equal(json.markdown.trim(), report.body.trim());
      assert.ok(json.html.length > 0);
    });

    test('every feed parses and holds the newest reports; the JSON index holds them all', async () => {
      const newest = reports.slice(0, FEED_SIZE).map((r) => absoluteReport(r.id));
      await page.goto(server.url());
      const href = (type: string) => page.locator(`link[rel="alternate"][type="${type}"]`).getAttribute('href');
      const fetchText = async (type: string) => {
        const response = await page.request.get(new URL((await href(type))!, page.url()).href);
        assert.equal(response.status(), 200, type);
        return response.text();
      };
      const rssText = await fetchText('application/rss+xml');
      const atomText = await fetchText('application/atom+xml');
      // Strictly: a feed reader rejects the whole feed for one character XML forbids.
      assertWellFormedXml('the RSS feed', rssText);
      assertWellFormedXml('the Atom feed', atomText);
      const rss = xml.parse(rssText);
      assert.equal(rss.rss['@version'], '2.0');
      const rssItems = asArray<{ link: string; title: string }>(rss.rss.channel.item);
      assert.deepEqual(rssItems.map((i) => i.link), newest);
      assert.deepEqual(rssItems.map((i) => String(i.title)), reports.slice(0, FEED_SIZE).map((r) => r.title));
      const atom = xml.parse(atomText);
      assert.equal(atom.feed['@xmlns'], 'http://www.w3.org/2005/Atom');
      assert.deepEqual(asArray<{ id: string }>(atom.feed.entry).map((e) => e.id), newest);
      const json = JSON.parse(await fetchText('application/feed+json'));
      assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
      assert.deepEqual(json.items.map((i: { url: string }) => i.url), newest);
      assert.ok(json.items.every((i: { content_html: string }) => i.content_html.length > 0), 'full content in the feed');
      const index = JSON.parse(await fetchText('application/json'));
      assert.equal(index.count, reports.length);
      assert.deepEqual(index.reports.map((r: { id: string }) => r.id), reports.map((r) => r.id));
      assert.deepEqual(index.reports.map((r: { date: string }) => r.date), reports.map((r) => r.date));
    });

    test('the sitemap, found through robots.txt, lists every report and only pages that exist', { skip: !hosting.siteUrl }, async () => {
      const robots = await (await page.request.get(server.url('robots.txt'))).text();
      const sitemapUrl = /^Sitemap: (.+)$/m.exec(robots)?.[1];
      assert.equal(sitemapUrl, `${SITE_URL}${sitePath('sitemap-index.xml')}`);
      const local = (u: string) => u.replace(SITE_URL, server.origin);
      const strictXml = (name: string, text: string) => (assertWellFormedXml(name, text), xml.parse(text));
      const index = strictXml(sitemapUrl!, await (await page.request.get(local(sitemapUrl!))).text());
      const locs: string[] = [];
      for (const sitemap of asArray<{ loc: string }>(index.sitemapindex.sitemap)) {
        const set = strictXml(sitemap.loc, await (await page.request.get(local(sitemap.loc))).text());
        locs.push(...asArray<{ loc: string }>(set.urlset.url).map((u) => u.loc));
      }
      for (const r of reports) assert.ok(locs.includes(absoluteReport(r.id)), `${r.id} in the sitemap`);
      assert.ok(!locs.some((l) => /\/404\/?$/.test(l)), 'no 404 page in the sitemap');
      for (const loc of locs) {
        assert.ok(loc.startsWith(`${SITE_URL}${hosting.base}`), loc);
        assert.equal((await page.request.get(local(loc))).status(), 200, loc);
      }
    });

    test('no page links to a missing page or asset (every built HTML file parsed)', async () => {
      const { pages, links, broken } = await brokenSiteLinks(siteDir, hosting.base, hosting.siteUrl);
      assert.deepEqual(broken, []);
      // Each report page, its year page and the listings: far more pages than reports.
      assert.ok(pages > reports.length, `${pages} pages checked`);
      assert.ok(links > pages * 10, `${links} links checked`);
    });

    test('an unknown address shows the 404 page, offering search and the archive', async () => {
      const response = await page.goto(server.url('news/1999/no-such-report/'));
      assert.equal(response?.status(), 404);
      assert.equal(await page.locator('h1').textContent(), 'Page not found');
      await assertNoClientScript();
      assert.equal(await page.locator('link[rel="canonical"]').count(), 0);
      assert.equal(new URL((await page.getByRole('link', { name: 'All reports, newest first' }).evaluate((a) => (a as HTMLAnchorElement).href))).pathname, sitePath('news/'));
      const finder = page.getByRole('search', { name: 'Find the report' });
      await finder.getByLabel('Words to search for').fill('conference');
      await Promise.all([page.waitForURL(/\/search\/\?q=conference$/), finder.getByRole('button', { name: 'Search' }).click()]);
      assert.equal(new URL(page.url()).pathname, sitePath('search/'));
    });
  });
}
