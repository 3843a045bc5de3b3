/**
 * `node tests/bench/search-page-time.ts --site DIR [--pages dist] --rare WORD --warm WORD`
 *
 * What a reader waits for on the real search page: the time until the first results are on
 * screen, and until the search has finished (every partition searched: the count, the final
 * best-match order), cold (a fresh browser, the page opened with the search in its URL) and warm
 * (a second search typed into the same page). `--site` is a site with a (large) search index, such
 * as the `scaled` folder kept by `npm run bench:search -- --keep`, which has no search page of its
 * own: the search page and its scripts are taken from `--pages`, a build of this code (dist).
 * Neither folder is changed: the two are joined by symbolic links in a temporary folder.
 */
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../support/browser.ts';
import { serveStatic } from '../support/server.ts';
import { ROOT } from '../support/paths.ts';
import { SEARCH_BUNDLE_FOLDER } from '../../src/urls/site-paths.ts';

interface Marks {
  first: number;
  done: number;
}

/** Installed before the page's scripts: notes when results first appear and when the list stops being busy. */
function watchResults(): void {
  const scope = window as unknown as { benchMarks: { start: number; first: number; done: number }; benchRestart: () => void };
  scope.benchMarks = { start: 0, first: 0, done: 0 };
  let busy = false;
  // A new search about to be submitted: its marks count from now; the list is emptied so that
  // the previous search's results are not taken for the new one's.
  scope.benchRestart = () => {
    busy = false;
    document.querySelector('[data-search-results]')?.replaceChildren();
    scope.benchMarks = { start: performance.now(), first: 0, done: 0 };
  };
  const observe = () => {
    const list = document.querySelector('[data-search-results]');
    if (!list) return;
    new MutationObserver(() => {
      const marks = scope.benchMarks;
      if (!marks.first && list.querySelector('.search-result')) marks.first = performance.now();
      if (list.getAttribute('aria-busy') === 'true') busy = true;
      else if (busy && !marks.done) marks.done = performance.now();
    }).observe(list, { childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', observe);
  else observe();
}

async function joinedSite(siteDir: string, pagesDir: string): Promise<string> {
  // Outside the project (a dev server's file watcher would follow the links into the large site),
  // one folder per build measured, so two builds can be measured side by side.
  const dir = path.join(tmpdir(), `search-page-site-${path.basename(path.dirname(path.resolve(pagesDir)))}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const fromSite = new Set([SEARCH_BUNDLE_FOLDER, 'news']);
  for (const name of await readdir(pagesDir)) if (!fromSite.has(name)) await symlink(path.resolve(pagesDir, name), path.join(dir, name));
  for (const name of fromSite) await symlink(path.resolve(siteDir, name), path.join(dir, name));
  return dir;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { site: { type: 'string' }, pages: { type: 'string', default: path.join(ROOT, 'dist') }, rare: { type: 'string' }, warm: { type: 'string' } },
  });
  if (!values.site || !values.rare || !values.warm) throw new Error('needs --site DIR (a site with a search index), --rare WORD and --warm WORD');
  const joined = await joinedSite(values.site, values.pages);
  const server = await serveStatic(joined, '/');
  const browser = await launchBrowser();
  const rows: string[] = ['| query | sort | results | cold: first visible | cold: finished | warm: first visible | warm: finished |', '| --- | --- | --- | --- | --- | --- | --- |'];
  try {
    for (const query of [values.rare, 'production', 'quality management', '"annual growth"']) {
      for (const sort of ['relevance', 'newest']) {
        const params = new URLSearchParams({ q: query, ...(sort === 'relevance' ? {} : { sort }) });
        const measure = async (warm: boolean): Promise<Marks & { status: string }> => {
          const context = await browser.newContext();
          try {
            await context.addInitScript(watchResults);
            const page = await context.newPage();
            if (!warm) {
              await page.goto(server.url(`search/?${params}`));
            } else {
              // The reader's previous search, run to the end; then the words typed and submitted.
              await page.goto(server.url(`search/?${new URLSearchParams({ q: values.warm!, ...(sort === 'relevance' ? {} : { sort }) })}`));
              await page.waitForFunction(() => (window as unknown as { benchMarks: Marks }).benchMarks.done > 0, undefined, { timeout: 600_000 });
              await page.fill('input[name="q"]', query);
              await page.evaluate(() => (window as unknown as { benchRestart: () => void }).benchRestart());
              await page.press('input[name="q"]', 'Enter');
            }
            await page.waitForFunction(() => (window as unknown as { benchMarks: Marks }).benchMarks.done > 0, undefined, { timeout: 600_000 });
            const marks = await page.evaluate(() => (window as unknown as { benchMarks: Marks & { start: number } }).benchMarks);
            const status = (await page.locator('[data-search-status]').textContent()) ?? '';
            return { first: marks.first - marks.start, done: marks.done - marks.start, status };
          } finally {
            await context.close();
          }
        };
        const cold = await measure(false);
        const warm = await measure(true);
        const ms = (n: number) => `${n.toFixed(0)} ms`;
        rows.push(`| ${query} | ${sort} | ${cold.status.match(/^[\d,]+|^No/)?.[0] ?? '?'} | ${ms(cold.first)} | ${ms(cold.done)} | ${ms(warm.first)} | ${ms(warm.done)} |`);
        process.stderr.write(`${rows.at(-1)}\n`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    // Links only: removing them leaves both sites as they were.
    await rm(joined, { recursive: true, force: true });
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`search-page-time failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
