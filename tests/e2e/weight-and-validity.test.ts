/**
 * Every built page is valid HTML (html-validate, configured in .htmlvalidate.json), carries no
 * inline script, style or event handler (so the strict Content-Security-Policy holds), and each
 * page type stays within its weight budget: what a reader downloads to see the page (HTML plus
 * its stylesheets, uncompressed) and the JavaScript it loads before any interaction.
 * Over the `npm run build` output and the showcase archive (tables, footnotes, another language).
 */
import { REPORT_PAGE_BUDGET, reportPageBudget } from '../support/report-budget.ts';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { defaultDist } from '../support/build.ts';
import { buildShowcase } from '../support/showcase.ts';
import { pageTypes, type PageType, type SitePage } from '../support/site-pages.ts';
import { ROOT } from '../support/paths.ts';

interface Budget {
  /** Bytes of HTML plus every stylesheet it links, uncompressed. */
  htmlAndCss: number;
  /** Bytes of script the page loads before any interaction (module scripts and their preloads). */
  javascript: number;
}

/** Per page type; a type not listed gets DEFAULT_BUDGET (listing pages: no JavaScript either). */
const BUDGETS: Record<string, Budget> = {
  'news/*/*': { htmlAndCss: REPORT_PAGE_BUDGET, javascript: 0 },
  home: { htmlAndCss: 40_000, javascript: 0 },
  // 20 KB since partitions are searched newest first and excerpts are made from the written text
  // (15 KB before); Pagefind's own script, worker and WebAssembly (about 150 KB) come on top.
  search: { htmlAndCss: 20_000, javascript: 20_000 },
};
const DEFAULT_BUDGET: Budget = { htmlAndCss: 60_000, javascript: 0 };

function elements(node: Root | RootContent): Element[] {
  const own = node.type === 'element' ? [node] : [];
  const children = 'children' in node ? node.children.flatMap(elements) : [];
  return [...own, ...children];
}

interface PageWeight {
  html: number;
  css: number;
  javascript: number;
  stylesheets: string[];
}

async function weigh(siteDir: string, page: SitePage): Promise<PageWeight> {
  const tree = fromHtml(await readFile(page.file, 'utf8'));
  const siteFile = async (href: string) => {
    const pathname = new URL(href, `http://site/${page.sitePath}`).pathname;
    return (await stat(path.join(siteDir, decodeURIComponent(pathname)))).size;
  };
  let css = 0;
  let javascript = 0;
  const stylesheets: string[] = [];
  for (const el of elements(tree)) {
    const rel = String(el.properties.rel ?? '');
    if (el.tagName === 'link' && rel === 'stylesheet') {
      stylesheets.push(String(el.properties.href));
      css += await siteFile(String(el.properties.href));
    }
    if (el.tagName === 'link' && rel === 'modulepreload') javascript += await siteFile(String(el.properties.href));
    if (el.tagName === 'script' && el.properties.src) javascript += await siteFile(String(el.properties.src));
  }
  return { html: page.bytes, css, javascript, stylesheets };
}

const sites: { name: string; dir: () => Promise<string> }[] = [
  { name: 'the npm run build output', dir: async () => defaultDist() },
  { name: 'the showcase archive', dir: () => buildShowcase('/') },
];

for (const site of sites) {
  describe(`${site.name}`, () => {
    let siteDir: string;
    let types: PageType[];

    before(async () => {
      siteDir = await site.dir();
      types = await pageTypes(siteDir);
    });

    test('every page is valid HTML', async () => {
      const validator = new HtmlValidate(new FileSystemConfigLoader());
      const problems: string[] = [];
      let checked = 0;
      for (const { pages } of types) {
        for (const page of pages) {
          const report = await validator.validateFile(page.file);
          checked++;
          for (const result of report.results) {
            for (const m of result.messages) problems.push(`${page.sitePath || 'home'}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
          }
        }
      }
      assert.ok(checked >= 3, `pages checked: ${checked}`);
      assert.deepEqual(problems, [], problems.join('\n'));
    });

    test('no page has an inline script, inline style or event handler', async () => {
      const problems: string[] = [];
      for (const { pages } of types) {
        for (const page of pages) {
          for (const el of elements(fromHtml(await readFile(page.file, 'utf8')))) {
            const where = `${page.sitePath || 'home'}: <${el.tagName}>`;
            if (el.tagName === 'script' && !el.properties.src && el.properties.type !== 'application/ld+json') problems.push(`${where} inline script`);
            if (el.tagName === 'style') problems.push(`${where} inline stylesheet`);
            if ('style' in el.properties) problems.push(`${where} style attribute`);
            const handlers = Object.keys(el.properties).filter((name) => /^on[A-Z]/.test(name));
            if (handlers.length > 0) problems.push(`${where} ${handlers.join(', ')}`);
          }
        }
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });

    test('each page type keeps to its weight budget', async () => {
      const over: string[] = [];
      for (const { type, pages } of types) {
        if (type === '404') continue;
        const budget = BUDGETS[type] ?? DEFAULT_BUDGET;
        for (const page of pages) {
          const weight = await weigh(siteDir, page);
          // Report pages: 20 KB for a report of the benchmark's size, plus any content beyond it.
          const limit = type === 'news/*/*' ? reportPageBudget(await readFile(page.file, 'utf8')) : budget.htmlAndCss;
          if (weight.html + weight.css > limit)
            over.push(`${page.sitePath || 'home'} (${type}): HTML ${weight.html} + CSS ${weight.css} bytes > ${limit}`);
          if (weight.javascript > budget.javascript)
            over.push(`${page.sitePath || 'home'} (${type}): ${weight.javascript} bytes of JavaScript > ${budget.javascript}`);
        }
      }
      assert.deepEqual(over, [], over.join('\n'));
    });

    test('the stylesheet is one shared, content-hashed file that every page links', async () => {
      const sets = await Promise.all(types.flatMap(({ pages }) => pages.map(async (page) => (await weigh(siteDir, page)).stylesheets)));
      const shared = sets.reduce((common, sheets) => common.filter((s) => sheets.includes(s)));
      assert.ok(shared.length >= 1, `a stylesheet common to all pages: ${JSON.stringify(sets.slice(0, 3))}`);
      for (const href of new Set(sets.flat())) assert.match(href, /\/_astro\/[\w.-]+\.[\w-]{8}\.css$/, `${href} is in _astro/ with a content hash`);
    });
  });
}

test('the validator configuration is the one in the repository', async () => {
  // Guards against a test passing because html-validate found no configuration at all.
  const config = JSON.parse(await readFile(path.join(ROOT, '.htmlvalidate.json'), 'utf8')) as { extends: string[] };
  assert.ok(config.extends.includes('html-validate:recommended'));
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const report = await validator.validateString('<!doctype html><html lang="en"><head><title>x</title></head><body><td align="right">x</td></body></html>', path.join(ROOT, 'probe.html'));
  assert.equal(report.valid, false, 'an invalid page is reported');
});
