/**
 * Search in `astro dev`: the dev server builds a Pagefind index from its own rendered pages and
 * serves a working bundle, and a report added while it runs becomes searchable.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { generateArchive, type SyntheticReport } from '../bench/generate.ts';
import { launchBrowser } from '../support/browser.ts';
import { report } from '../support/fixtures.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';
import { TMP } from '../support/paths.ts';
import { allResults, openSearch } from '../support/search-page.ts';

let dev: DevServer;
let origin = '';
let browser: Browser;
let reports: SyntheticReport[];
const contentDir = path.join(TMP, 'archives', 'dev-search');

before(async () => {
  reports = await generateArchive({ dir: contentDir, count: 12, seed: 11 });
  dev = await startDevServer(contentDir);
  origin = dev.origin;
  await dev.logged(/search index \(start\): 12 reports/);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await dev?.stop();
});

test('the dev server serves a Pagefind bundle built from its own pages', async () => {
  for (const file of ['pagefind/pagefind.js', 'pagefind/pagefind-entry.json', 'pagefind/pagefind-highlight.js']) {
    const response = await fetch(`${origin}/${file}`);
    assert.equal(response.status, 200, file);
  }
  const entry = (await (await fetch(`${origin}/pagefind/pagefind-entry.json`)).json()) as { languages: Record<string, { page_count: number }> };
  assert.equal(Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0), reports.length);

  const page = await browser.newPage();
  const target = reports[3]!;
  await openSearch(page, `${origin}/search/?q=${target.rareWord}`);
  const [result] = await allResults(page);
  assert.equal(result?.id, target.id);
  await page.close();
});

test('a report added while the dev server runs becomes searchable', async () => {
  const from = dev.output().length;
  await mkdir(path.join(contentDir, '2010'), { recursive: true });
  await writeFile(
    path.join(contentDir, '2010', 'added-during-dev.md'),
    report('title: Added during development\ndate: 2010-06-01\nsource: { name: Example }', 'The word zqdevonlyvex appears here.'),
  );
  await dev.logged(/search index \(content changed\): 13 reports/, from);
  const page = await browser.newPage();
  await openSearch(page, `${origin}/search/?q=zqdevonlyvex`);
  assert.deepEqual((await allResults(page)).map((r) => r.id), ['2010/added-during-dev']);
  await page.close();
});
