/**
 * The archive over time, as readers see it: the years page draws reports per year as bars and a
 * year page per month, without script; each bar leads to its year or month; the numbers are
 * there for screen readers (the chart is a table, each bar link named with its count); bar
 * lengths follow the counts; axe finds nothing in light or dark mode.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { openSiteSession, type SiteSession } from '../support/browser.ts';
import { buildShowcase } from '../support/showcase.ts';
import { readManifest, type ManifestReport } from '../support/manifest.ts';
import { TMP } from '../support/paths.ts';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const plural = (n: number) => `${n.toLocaleString('en-GB')} report${n === 1 ? '' : 's'}`;

describe('the archive over time', () => {
  let session: SiteSession;
  let reports: ManifestReport[];
  let page: Page;

  before(async () => {
    const siteDir = await buildShowcase('/');
    reports = await readManifest(path.join(TMP, 'archives', 'showcase'));
    session = await openSiteSession(siteDir, '/');
    page = await session.browser.newPage();
    // No script runs on these pages: the chart is HTML and CSS alone.
    await page.route('**/*.js', (route) => route.abort());
  });
  after(async () => {
    await session?.close();
  });

  /** Rows of the chart as a screen reader reads the table: [label, number]. */
  async function chartRows(): Promise<[string, string][]> {
    const table = page.getByRole('table');
    return table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('th')!.textContent!.trim(), row.querySelector('td')!.textContent!.trim()] as [string, string]),
    );
  }

  /** Rendered bar lengths, as a share of the longest. */
  async function barShares(): Promise<number[]> {
    const widths = await page.locator('.bar-chart tbody .bar').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
    const longest = Math.max(...widths);
    return widths.map((w) => w / longest);
  }

  test('the years page shows one bar per year, newest first, scaled to the counts, each leading to its year', async () => {
    await page.goto(session.server.url('years/'));
    const counts = new Map<number, number>();
    for (const r of reports) counts.set(Number(r.year), (counts.get(Number(r.year)) ?? 0) + 1);
    const newest = Math.max(...counts.keys());
    const oldest = Math.min(...counts.keys());
    const expected: [string, string][] = [];
    for (let y = newest; y >= oldest; y--) expected.push([String(y), (counts.get(y) ?? 0).toLocaleString('en-GB')]);
    assert.deepEqual(await chartRows(), expected, 'every year between the first and the last, empty ones included');
    const max = Math.max(...counts.values());
    const shares = await barShares();
    expected.forEach(([year], i) => {
      const count = counts.get(Number(year)) ?? 0;
      const drawn = shares[i]!;
      if (count === 0) assert.equal(drawn, 0, `${year}: no reports, no bar`);
      else assert.ok(drawn > 0 && Math.abs(drawn - count / max) <= 0.05, `${year}: bar ${drawn.toFixed(2)} for ${count}/${max}`);
    });
    // Screen readers: the table has a caption, and each bar's link says what it counts.
    await page.getByRole('table', { name: `Reports per year, newest first (${plural(reports.length)} in all)` }).waitFor();
    for (const [year, count] of counts) {
      assert.equal(await page.getByRole('link', { name: `${year}: ${plural(count)}`, exact: true }).count(), 1, `${year}`);
    }
    // The bar of the busiest year leads to it.
    const [busiest] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    await page.getByRole('link', { name: `${busiest}: ${plural(counts.get(busiest)!)}` }).locator('.bar').click();
    await page.waitForURL(`**/news/${busiest}/`);
    assert.equal(await page.locator('h1').textContent(), `Reports of ${busiest}`);
  });

  test('a year page shows twelve month bars, each month with reports leading to its section', async () => {
    const year = reports[0]!.year;
    const ofYear = reports.filter((r) => r.year === year);
    const byMonth = MONTHS.map((_, i) => ofYear.filter((r) => Number(r.date.slice(5, 7)) === i + 1).length);
    await page.goto(session.server.url(`news/${year}/`));
    assert.deepEqual(await chartRows(), MONTHS.map((name, i) => [name, String(byMonth[i])]));
    await page.getByRole('table', { name: `Reports per month of ${year}` }).waitFor();
    const month = byMonth.findIndex((n) => n > 0);
    const link = page.getByRole('link', { name: `${MONTHS[month]}: ${plural(byMonth[month]!)}`, exact: true });
    await link.locator('.bar').click();
    await page.waitForURL(`**/news/${year}/#m${month + 1}`);
    const section = page.locator(`section:has(h2#m${month + 1})`);
    assert.equal(await section.locator('h2').textContent(), `${MONTHS[month]} ${year}`);
    assert.equal(await section.locator('li').count(), byMonth[month]);
    assert.ok(await section.locator('h2').evaluate((h) => h.getBoundingClientRect().top < innerHeight), 'scrolled to the month');
    // Empty months are drawn empty and are not links.
    const empty = byMonth.findIndex((n) => n === 0);
    if (empty >= 0) assert.equal(await page.getByRole('link', { name: new RegExp(`^${MONTHS[empty]}`) }).count(), 0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violation on the charts in ${colorScheme} mode`, async () => {
      const context = await session.browser.newContext({ colorScheme });
      const themed = await context.newPage();
      for (const sitePath of ['years/', `news/${reports[0]!.year}/`]) {
        await themed.goto(session.server.url(sitePath));
        const results = await new AxeBuilder({ page: themed }).withTags(AXE_TAGS).analyze();
        assert.deepEqual(results.violations.map((v) => `${sitePath}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
      }
      await context.close();
    });
  }
});
