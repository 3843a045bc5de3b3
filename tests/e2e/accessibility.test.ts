/**
 * Accessibility of every page type (found from the build, so new types are covered when they
 * land), in light and dark mode: axe-core finds no violation (WCAG 2.2 A/AA and best practices,
 * colour contrast included), and the structure a screen-reader or keyboard user relies on holds:
 * skip link, landmarks, one h1, visible focus, aria-current, lang, reduced motion.
 * Then a keyboard-only walk: home -> search -> a report.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { SiteSession } from '../support/browser.ts';
import type { StaticServer } from '../support/server.ts';
import { openShowcase, SHOWCASE_REPORTS } from '../support/showcase.ts';
import { SEARCH_QUERY, settle, visitPath } from '../support/visit.ts';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let session: SiteSession;
let server: StaticServer;
let browser: Browser;
/** One page of each type, plus the reports with a wide table and in another language. */
let pagesToCheck: string[];

before(async () => {
  ({ session, pagesToCheck } = await openShowcase());
  ({ server, browser } = session);
});
after(async () => {
  await session?.close();
});

async function open(page: Page, sitePath: string): Promise<void> {
  const response = await page.goto(server.url(visitPath(sitePath)));
  assert.ok(response && response.status() < 500, `${sitePath} loads`);
  await settle(page, sitePath);
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`axe-core in ${colorScheme} mode`, () => {
    test('finds no violation on any page type', async () => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const found: string[] = [];
      for (const sitePath of pagesToCheck) {
        await open(page, sitePath);
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        for (const violation of results.violations) {
          found.push(`${sitePath || 'home'}: ${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
      }
      await context.close();
      assert.deepEqual(found, [], found.join('\n'));
    });
  });
}

describe('page structure', () => {
  test('one h1, the landmarks, a labelled main navigation and lang on every page type', async () => {
    const page = await browser.newPage();
    for (const sitePath of pagesToCheck) {
      await open(page, sitePath);
      const where = sitePath || 'home';
      assert.equal(await page.locator('h1').count(), 1, `${where}: one h1`);
      assert.equal(await page.getByRole('main').count(), 1, `${where}: one main`);
      assert.equal(await page.getByRole('banner').count(), 1, `${where}: one banner`);
      assert.equal(await page.getByRole('contentinfo').count(), 1, `${where}: one contentinfo`);
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 1, `${where}: main navigation`);
      assert.match((await page.getAttribute('html', 'lang')) ?? '', /^[a-z]{2,3}(-|$)/, `${where}: lang`);
    }
    await page.close();
  });

  test('a report in another language carries its lang; the site around it keeps the site language', async () => {
    const page = await browser.newPage();
    await open(page, SHOWCASE_REPORTS.chinese);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh');
    const chrome = await page.$$eval('.skip-link, header.site-header, footer.site-footer', (nodes) => nodes.map((n) => n.closest('[lang]')!.getAttribute('lang')));
    assert.deepEqual(chrome, ['en', 'en', 'en']);
    const langOf = (selector: string) => page.$eval(selector, (el) => el.closest('[lang]')!.getAttribute('lang'));
    assert.equal(await langOf('.report h1'), 'zh');
    assert.equal(await langOf('.prose p'), 'zh');
    assert.equal(await langOf('.report .meta time'), 'en', 'the English date and labels are marked English');
    assert.equal(await langOf('.report .meta .source'), 'zh', 'the source name keeps the report language');
    assert.equal(await langOf('.report .meta .updated a'), 'en', '"Updated" and its date are English');
    assert.equal(await langOf('.report .updates h2'), 'en', 'the heading of the notes is the site\'s');
    assert.equal(await langOf('.report .updates li time'), 'en');
    assert.equal(await langOf('.report .updates li span'), 'zh', 'a note keeps the report language');
    await open(page, 'corrections/');
    const entry = page.locator('.corrections li', { hasText: '会议日期更正' });
    assert.deepEqual(await entry.locator('h2, p').evaluateAll((els) => els.map((e) => e.closest('[lang]')!.getAttribute('lang'))), ['zh', 'en', 'zh'], 'title and note in Chinese, the dates in English');
    await open(page, SHOWCASE_REPORTS.first);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.close();
  });

  test('the navigation marks the current page with aria-current', async () => {
    const page = await browser.newPage();
    for (const [sitePath, label] of [['', 'Home'], ['search/', 'Search']] as const) {
      await open(page, sitePath);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const current = await nav.locator('[aria-current="page"]').allTextContents();
      assert.deepEqual(current.map((t) => t.trim()), [label], `${sitePath || 'home'}`);
    }
    await open(page, SHOWCASE_REPORTS.first);
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]').count(), 0);
    await page.close();
  });

  test('the skip link comes first, shows when focused and moves the keyboard into the content', async () => {
    const page = await browser.newPage();
    await open(page, SHOWCASE_REPORTS.wideTable);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return { text: el.textContent, visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 0 };
    });
    assert.deepEqual(skip, { text: 'Skip to content', visible: true });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement)), 'next Tab lands inside main');
    await page.close();
  });

  test('focus is visible on links, buttons, fields and scrollable tables', async () => {
    const page = await browser.newPage();
    for (const [sitePath, selector] of [
      ['', 'main a'],
      ['search/', 'input[name="q"]'],
      ['search/', 'button[type="submit"]'],
      [SHOWCASE_REPORTS.wideTable, '.table-scroll'],
    ] as const) {
      await open(page, sitePath);
      await page.locator(selector).first().focus();
      // Keyboard focus, so :focus-visible applies as it does for a keyboard user.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      assert.notEqual(outline.style, 'none', `${selector} on ${sitePath || 'home'}`);
      assert.ok(outline.width >= 2, `${selector}: outline ${outline.width}px`);
    }
    await page.close();
  });

  test('with reduced motion requested, nothing animates or transitions', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    for (const sitePath of pagesToCheck) {
      await open(page, sitePath);
      const moving = await page.evaluate(() =>
        [...document.querySelectorAll('*')].filter((el) => {
          const style = getComputedStyle(el);
          const longest = (list: string) => Math.max(...list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000)));
          return longest(style.transitionDuration) > 1 || longest(style.animationDuration) > 1 || style.scrollBehavior === 'smooth';
        }).map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : '')),
      );
      assert.deepEqual(moving, [], sitePath || 'home');
    }
    await context.close();
  });
});

describe('keyboard only', () => {
  /** Presses Tab until the focused element matches, as a keyboard user would; fails after `limit` presses. */
  async function tabTo(page: Page, matches: (el: Element) => boolean, what: string, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) {
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
        assert.notEqual(outline, 'none', `focus on ${what} is visible`);
        return;
      }
    }
    const at = await page.evaluate(() => `${document.activeElement?.tagName} ${(document.activeElement as HTMLAnchorElement).href ?? ''} on ${location.href}`);
    assert.fail(`could not reach ${what} with Tab (focus ended on ${at})`);
  }

  test('home -> search -> a report, with Tab, typing and Enter only', async () => {
    const page = await browser.newPage();
    await page.goto(server.url());
    // The header may offer a search box or a link to the search page: either is fine.
    await tabTo(page, (el) => (el as HTMLInputElement).type === 'search' || /\/search\/$/.test((el as HTMLAnchorElement).href ?? ''), 'search');
    if (await page.evaluate(() => document.activeElement instanceof HTMLAnchorElement)) {
      await Promise.all([page.waitForURL(/\/search\/$/), page.keyboard.press('Enter')]);
      // Typing starts at once, as a quick reader's would, while the search index may still be loading.
      await tabTo(page, (el) => (el as HTMLInputElement).type === 'search', 'the search field');
    }
    await page.keyboard.type(SEARCH_QUERY);
    await page.keyboard.press('Enter');
    await page.locator('.search-result a').first().waitFor();
    // Result links may carry a text fragment (#:~:text=...) that highlights the words on the report.
    await tabTo(page, (el) => /\/news\/\d{4}\/[^/]+\/(#.*)?$/.test((el as HTMLAnchorElement).href ?? ''), 'the first result');
    const target = await page.evaluate(() => ({ href: (document.activeElement as HTMLAnchorElement).href, text: document.activeElement!.textContent!.trim() }));
    await Promise.all([page.waitForURL((url) => url.pathname === new URL(target.href).pathname), page.keyboard.press('Enter')]);
    assert.equal((await page.locator('h1').textContent())!.trim(), target.text);
    await page.close();
  });
});
