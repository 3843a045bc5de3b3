/**
 * Hosts that cannot send headers (GitHub Pages) still get the Content-Security-Policy: every page
 * carries it in a `<meta http-equiv>`, before anything it governs. Served here by a server that
 * sends no security header at all, the policy blocks an injected inline script and inline event
 * handler (the shape of stored XSS: markup that runs code where it is shown), while
 * the site itself, search included, runs without a violation or console error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';
import { buildShowcase } from '../support/showcase.ts';
import { sitePages } from '../support/site-pages.ts';
import { SEARCH_QUERY } from '../support/visit.ts';
import { META_CONTENT_SECURITY_POLICY } from '../../src/hosting/server-configs.ts';

interface Probe {
  ran: boolean;
  handlerRan: boolean;
  violations: string[];
}

/**
 * Injects an inline script and an element with an inline event handler, as an attacker's markup
 * would; reports what ran. (Code run by the test itself, such as eval here, bypasses the page's
 * CSP through the DevTools protocol, so only injected markup can show what the policy blocks.)
 */
function probe(page: Page): Promise<Probe> {
  return page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const w = window as unknown as { __injected?: boolean; __handler?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.__handler = true');
    image.src = 'no-such-image.png';
    document.body.append(image);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the image fails; violation events are queued
    return { ran: w.__injected === true, handlerRan: w.__handler === true, violations };
  });
}

describe('the Content-Security-Policy in every page, for hosts that send no headers', () => {
  let siteDir: string;
  let server: StaticServer;
  let browser: Browser;

  before(async () => {
    siteDir = await buildShowcase('/');
    server = await serveStatic(siteDir, '/');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('every page carries the meta policy first in its head, without the directives a meta element may not have', async () => {
    const pages = await sitePages(siteDir);
    assert.ok(pages.length > 10, `pages: ${pages.length}`);
    for (const page of pages) {
      const html = await readFile(page.file, 'utf8');
      const head = html.match(/<head>([\s\S]*?)<\/head>/)?.[1] ?? '';
      const metas = [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
      assert.equal(metas.length, 1, `${page.file}: one meta policy`);
      assert.equal(metas[0]![1]!.replaceAll('&#39;', "'"), META_CONTENT_SECURITY_POLICY, page.file);
      assert.match(head, /^\s*<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"/, `${page.file}: before anything it governs`);
    }
    assert.doesNotMatch(META_CONTENT_SECURITY_POLICY, /frame-ancestors|report-uri|sandbox/);
  });

  test('with no header sent, an injected inline script and inline event handler are blocked and reported', async () => {
    const page = await browser.newPage();
    const response = await page.goto(server.url());
    assert.equal(response?.headers()['content-security-policy'], undefined, 'the server sends no CSP header');
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), META_CONTENT_SECURITY_POLICY);
    const result = await probe(page);
    assert.equal(result.ran, false, 'the inline script did not run');
    assert.equal(result.handlerRan, false, 'the inline event handler did not run');
    assert.ok(result.violations.includes('script-src-elem'), `violations: ${result.violations}`);
    assert.ok(result.violations.includes('script-src-attr'), `violations: ${result.violations}`);
    await page.close();
  });

  test('the probe itself: on a page without the policy, the same script and handler run', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>no policy</title><body></body>');
    const result = await probe(page);
    assert.deepEqual(result, { ran: true, handlerRan: true, violations: [] });
    await page.close();
  });

  test('under the meta policy alone, search runs (worker and WebAssembly) with no violation or console error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.exposeFunction('__reportViolation', (text: string) => problems.push(`violation: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { __reportViolation(t: string): void }).__reportViolation(`${event.effectiveDirective} ${event.blockedURI}`),
      );
    });
    await page.goto(server.url(`search/?q=${SEARCH_QUERY}`));
    await page.locator('.search-result').first().waitFor();
    assert.ok(workers.some((url) => url.endsWith('/pagefind/pagefind-worker.js')), `workers: ${workers}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
