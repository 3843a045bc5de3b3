/**
 * The built site on real servers, as operators host it: nginx, Apache (with the .htaccess the
 * build writes) and Caddy with the shipped configurations (cache headers, 404 page,
 * Content-Security-Policy), at the root and under /archive/, and a server that knows nothing but
 * files. Every page type (found from the build), every feed the pages
 * advertise, the 404 page and search work on each; under the CSP nothing is blocked.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';
import { serveWithNginx } from '../support/nginx.ts';
import { serveWithApache } from '../support/apache.ts';
import { serveWithCaddy } from '../support/caddy.ts';
import { buildShowcase } from '../support/showcase.ts';
import { pageTypes, type PageType } from '../support/site-pages.ts';
import { SEARCH_QUERY } from '../support/visit.ts';
import { apacheHtaccess, CONTENT_SECURITY_POLICY, cacheControlFor, CACHE_HASHED, headersFile } from '../../src/hosting/server-configs.ts';
import { OUTPUT_MARKER, OUTPUT_MARKER_CONTENT } from '../../src/output/output-folder.ts';

interface Problems {
  console: string[];
  violations: string[];
}

/** Records console errors and warnings and every CSP violation (page and worker) of a page. */
async function watch(page: Page): Promise<Problems> {
  const problems: Problems = { console: [], violations: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.console.push(`pageerror: ${error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.console.push(`worker ${message.type()}: ${message.text()}`);
    });
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return problems;
}

/** Searches like a reader, follows the first result and returns the report's headline. */
async function searchAndOpenFirst(page: Page, server: StaticServer): Promise<void> {
  await page.goto(server.url('search/'));
  await page.locator('input[name="q"]').fill(SEARCH_QUERY);
  await page.keyboard.press('Enter');
  const first = page.locator('.search-result').first();
  await first.waitFor();
  const title = (await first.locator('a').first().textContent())!.trim();
  await Promise.all([page.waitForURL((url) => /\/news\/\d{4}\/[^/]+\/$/.test(url.pathname)), first.locator('a').first().click()]);
  assert.equal((await page.locator('h1').textContent())!.trim(), title);
  assert.ok(page.url().startsWith(server.url('news/')), `${page.url()} is under the base`);
}

const SERVERS = {
  nginx: { label: 'nginx', start: serveWithNginx },
  apache: { label: 'Apache', start: serveWithApache },
  caddy: { label: 'Caddy', start: serveWithCaddy },
  files: { label: 'a files-only server', start: (_name: string, dir: string, base: string) => serveStatic(dir, base) },
} as const;

const hosts = (['nginx', 'apache', 'caddy', 'files'] as const).flatMap((server) =>
  ['/', '/archive/'].map((base) => ({ server, base, name: `${SERVERS[server].label} ${base === '/' ? 'at the root' : `under ${base}`}` })),
);

for (const host of hosts) {
  describe(`the site on ${host.name}`, () => {
    let siteDir: string;
    let types: PageType[];
    let server: StaticServer;
    let browser: Browser;
    let page: Page;
    let problems: Problems;

    before(async () => {
      siteDir = await buildShowcase(host.base);
      types = await pageTypes(siteDir);
      server = await SERVERS[host.server].start(`hosts${host.base.length}`, siteDir, host.base);
      browser = await launchBrowser();
      page = await browser.newPage();
      problems = await watch(page);
    });
    beforeEach(() => {
      problems.console.length = 0;
      problems.violations.length = 0;
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test('every page type is served as HTML, styled, without errors', async () => {
      assert.ok(types.length >= 3, `page types found: ${types.map((t) => t.type)}`);
      for (const { type, pages, representative } of types) {
        for (const sitePage of new Set([pages[0]!, representative])) {
          if (type === '404') continue;
          const response = await page.goto(server.url(sitePage.sitePath));
          assert.equal(response?.status(), 200, `${type}: ${sitePage.sitePath}`);
          assert.match(response!.headers()['content-type'] ?? '', /^text\/html/);
          const stylesheets = await page.evaluate(() => [...document.styleSheets].filter((s) => s.cssRules.length > 0).length);
          assert.ok(stylesheets > 0, `${sitePage.sitePath} has its stylesheet`);
        }
      }
      assert.deepEqual(problems.console, []);
    });

    test('an unknown address answers 404, with the site\'s 404 page when the build has one', async () => {
      const response = await page.request.get(server.url('no/such/report/'));
      assert.equal(response.status(), 404);
      const notFound = path.join(siteDir, '404.html');
      if (existsSync(notFound)) assert.equal(await response.text(), readFileSync(notFound, 'utf8'));
    });

    if (host.server !== 'files') {
      test('the files for other hosts and the build\'s ownership marker are not served', async () => {
        for (const file of ['.htaccess', '_headers', OUTPUT_MARKER]) {
          assert.ok(existsSync(path.join(siteDir, file)), `${file} is in the published folder`);
          const response = await page.request.get(server.url(file));
          assert.ok([403, 404].includes(response.status()), `${file}: ${response.status()}`);
          const body = await response.text();
          for (const secret of ['Header always set', 'Content-Security-Policy:', OUTPUT_MARKER_CONTENT.split('\n')[1]!]) {
            assert.ok(!body.includes(secret), `${file}: its content is not served`);
          }
        }
      });
    }

    test('every feed and file the home page advertises is served', async () => {
      await page.goto(server.url());
      const advertised = await page.$$eval('link[rel="alternate"], link[rel="search"], link[rel="sitemap"]', (links) =>
        links.map((l) => (l as HTMLLinkElement).href),
      );
      for (const href of advertised) {
        if (!href.startsWith(server.origin)) continue;
        const response = await page.request.get(href);
        assert.equal(response.status(), 200, href);
        assert.ok((await response.body()).length > 0, `${href} is not empty`);
      }
      for (const file of ['sitemap-index.xml', 'sitemap.xml', 'robots.txt']) {
        if (existsSync(path.join(siteDir, file))) assert.equal((await page.request.get(server.url(file))).status(), 200, file);
      }
    });

    test('search finds reports and its results open them', async () => {
      await searchAndOpenFirst(page, server);
      assert.deepEqual(problems.console, []);
      assert.deepEqual(problems.violations, []);
    });

    if (host.server !== 'files') {
      test('responses carry the Content-Security-Policy and the cache policy; hashed files cache for a year', async () => {
        const seen: { url: string; cache: string; csp: string }[] = [];
        page.on('response', (response) => {
          if (response.url().startsWith(server.origin))
            seen.push({ url: response.url(), cache: response.headers()['cache-control'] ?? '', csp: response.headers()['content-security-policy'] ?? '' });
        });
        await page.goto(server.url());
        await searchAndOpenFirst(page, server);
        assert.ok(seen.length > 5, `responses seen: ${seen.length}`);
        for (const response of seen) {
          assert.equal(response.csp, CONTENT_SECURITY_POLICY, response.url);
          assert.equal(response.cache, cacheControlFor(host.base, new URL(response.url).pathname), response.url);
        }
        assert.ok(seen.some((r) => r.cache === CACHE_HASHED && r.url.endsWith('.css')), 'the stylesheet is cached as immutable');
        assert.ok(seen.some((r) => r.cache === CACHE_HASHED && r.url.includes('/pagefind/')), 'search index chunks are cached as immutable');
      });

      test('under the CSP, search runs in its web worker with WebAssembly and nothing is blocked', async () => {
        const workers: string[] = [];
        page.on('worker', (worker) => workers.push(worker.url()));
        await searchAndOpenFirst(page, server);
        assert.ok(workers.some((url) => url.endsWith('/pagefind/pagefind-worker.js')), `workers: ${workers}`);
        assert.deepEqual(problems.console, [], 'no console errors or warnings (Pagefind warns when its worker fails)');
        assert.deepEqual(problems.violations, []);
        const inline = await page.evaluate(() => document.querySelectorAll('script:not([src]):not([type="application/ld+json"]), style, [style]').length);
        assert.equal(inline, 0, 'no inline script or style on the report page');
      });
    }
  });
}

describe('the CSP check itself', () => {
  test('a policy without wasm-unsafe-eval is caught breaking search', async () => {
    const siteDir = await buildShowcase('/');
    const server = await serveWithNginx('csp-control', siteDir, '/', {
      transform: (config) => config.replace(" 'wasm-unsafe-eval'", ''),
    });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems = await watch(page);
      await page.goto(server.url(`search/?q=${SEARCH_QUERY}`));
      const deadline = Date.now() + 10_000;
      while (problems.violations.length + problems.console.length === 0 && Date.now() < deadline) await page.waitForTimeout(100);
      assert.ok(problems.violations.length + problems.console.length > 0, 'the blocked WebAssembly is reported');
      assert.equal(await page.locator('.search-result').count(), 0);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('files for hosts that read them from the published folder', () => {
  for (const base of ['/', '/archive/']) {
    test(`a build for ${base} carries _headers, .htaccess and .nojekyll for that base`, async () => {
      const siteDir = await buildShowcase(base);
      assert.equal(readFileSync(path.join(siteDir, '_headers'), 'utf8'), headersFile(base));
      assert.equal(readFileSync(path.join(siteDir, '.htaccess'), 'utf8'), apacheHtaccess(base));
      assert.ok(existsSync(path.join(siteDir, '.nojekyll')), 'GitHub Pages must not run Jekyll, which drops the _astro/ folder');
    });
  }
});
