/**
 * A search index split into partitions by year (ARCHIVE_SEARCH_PARTITION_YEARS) searches as one:
 * the same results in the same date order, the same total and year counts as the same archive
 * indexed in one piece, from every partition and language; and a rebuild indexes only the
 * partition whose report changed, leaving the others' files untouched. The newest partition's
 * results are shown before the older partitions have loaded, and a search loads only the
 * partitions the words index says hold its words, finding all the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile, appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import * as pagefind from 'pagefind';
import type { Page, Route } from 'playwright-core';
import { generateArchive } from '../bench/generate.ts';
import { build, startCold } from '../support/build.ts';
import { report } from '../support/fixtures.ts';
import { openSiteSession, strictPage } from '../support/browser.ts';
import { allResults, openSearch, reportIdOf, searchSettled } from '../support/search-page.ts';
import { filesUnder } from '../../src/output/files-under.ts';
import { TMP } from '../support/paths.ts';
import { OUTPUT_MARKER } from '../../src/output/output-folder.ts';

const YEARS = '10';
const ZH_QUERY = '质量';

async function writeContent(dir: string) {
  await rm(dir, { recursive: true, force: true });
  const reports = await generateArchive({ dir, count: 90, seed: 11 });
  await mkdir(path.join(dir, '2003'), { recursive: true });
  await writeFile(
    path.join(dir, '2003/zhiliang-dahui.md'),
    report('title: 质量工作大会\ndate: 2003-05-20\nsource: { name: 航天科工 }\nlanguage: zh', '会议要求各单位把质量放在首位，持续提升产品可靠性。'),
  );
  return reports;
}

async function buildInto(name: string, contentDir: string, env: Record<string, string>): Promise<{ outDir: string; log: string }> {
  const outDir = path.join(TMP, 'builds', name);
  const result = await build({ contentDir, outDir, env });
  assert.equal(result.code, 0, result.output.slice(-3000));
  return { outDir, log: result.output };
}

/** What a reader sees for a search: every result in order, the status line and the year counts. */
async function seen(page: Page, url: string) {
  const status = await openSearch(page, url);
  const results = await allResults(page);
  await page.locator('[data-search-refine] summary').click();
  await searchSettled(page);
  await page.waitForSelector('fieldset[data-facet="year"] label');
  const years = (await page.locator('fieldset[data-facet="year"] label').allTextContents()).map((t) => t.trim());
  return { status, ids: results.map((r) => r.id), years };
}

/** The report ids of the results on screen now, in order (without pressing "more"). */
async function allResultIds(page: Page): Promise<string[]> {
  const hrefs = await page.locator('.search-result h2 a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
  return hrefs.map(reportIdOf);
}

async function fileStats(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of await filesUnder(dir)) {
    const info = await stat(path.join(dir, file));
    out.set(file, `${info.ino}:${info.mtimeMs}`);
  }
  return out;
}

test('a partitioned index finds what one index finds, and rebuilds only the partition that changed', { timeout: 900_000 }, async () => {
  const contentDir = path.join(TMP, 'archives', 'search-partitions');
  const reports = await writeContent(contentDir);
  // Fresh output folders and caches: the checks below count the partitions indexed by a first
  // build, whose pages are all rendered (none restored from Astro's cache of an earlier run).
  for (const name of ['search-partitions-one', 'search-partitions']) await startCold(path.join(TMP, 'builds', name), contentDir);
  const single = await buildInto('search-partitions-one', contentDir, {});
  const parted = await buildInto('search-partitions', contentDir, { ARCHIVE_SEARCH_PARTITION_YEARS: YEARS });

  const manifest = JSON.parse(await readFile(path.join(parted.outDir, 'pagefind/partitions.json'), 'utf8')) as {
    partitions: { name: string; path: string; records: number; from: number; to: number }[];
    words?: { path: string };
  };
  const names = manifest.partitions.map((p) => p.name);
  assert.ok(names.length >= 3, `several partitions: ${names}`);
  assert.deepEqual(names, [...names].sort().reverse(), 'newest first');
  assert.equal(manifest.partitions.reduce((sum, p) => sum + p.records, 0), reports.length + 1, 'one record per report');
  assert.match(parted.log, new RegExp(`search index: ${reports.length + 1} records in \\d+ ms; ${names.length} partitions, ${names.length} indexed`));
  // From an empty folder nothing of an earlier build can be indexed: Pagefind is given each page as it is rendered.
  assert.match(parted.log, /search index: .*; every partition indexed as the pages were rendered/);
  assert.match(parted.log, /search index: .*; words index written in \d+ ms/);
  assert.match(single.log, /search index: \d+ records in \d+ ms; indexed as the pages were rendered/);
  // Pagefind is given each page's indexed part (its language and its article, search-partitions.ts):
  // the whole pages, read from disk, make the same record of every report (a fragment file is
  // named by the hash of its record: text, title, filters, metadata).
  const wholePages = path.join(TMP, 'search-partitions-whole-pages');
  await rm(wholePages, { recursive: true, force: true });
  try {
    const { index } = await pagefind.createIndex({});
    assert.deepEqual((await index!.addDirectory({ path: single.outDir, glob: 'news/*/*/index.html' })).errors, []);
    assert.deepEqual((await index!.writeFiles({ outputPath: wholePages })).errors, []);
  } finally {
    await pagefind.close();
  }
  const fragments = async (dir: string) => (await readdir(path.join(dir, 'fragment'))).sort();
  assert.deepEqual(await fragments(path.join(single.outDir, 'pagefind')), await fragments(wholePages));
  assert.equal((await fragments(wholePages)).length, reports.length + 1);
  // One partition keeps Pagefind's own layout, with the list beside it.
  const one = JSON.parse(await readFile(path.join(single.outDir, 'pagefind/partitions.json'), 'utf8')) as { partitions: { path: string }[] };
  assert.deepEqual(one.partitions.map((p) => p.path), ['']);
  await stat(path.join(single.outDir, 'pagefind/pagefind-entry.json'));

  const a = await openSiteSession(single.outDir);
  const b = await openSiteSession(parted.outDir);
  try {
    const pageA = await strictPage(a.browser);
    const pageB = await strictPage(b.browser);
    for (const query of ['q=production&sort=newest', 'q=production&sort=oldest', 'q=quality+management&sort=newest']) {
      const want = await seen(pageA, a.server.url(`search/?${query}`));
      const got = await seen(pageB, b.server.url(`search/?${query}`));
      assert.ok(want.ids.length > 20, `${query} finds more than a page of results`);
      assert.deepEqual(got, want, `${query}: same results, order, total and year counts`);
      // Every partition contributes.
      for (const part of manifest.partitions) {
        const inPart = reports.filter((r) => Number(r.date.slice(0, 4)) >= part.from && Number(r.date.slice(0, 4)) <= part.to).map((r) => r.id);
        assert.ok(got.ids.some((id) => inPart.includes(id)), `${query}: a result from partition ${part.name}`);
      }
    }
    // Best match: the same reports (scores are per partition, so the order may differ slightly).
    const relevanceA = await seen(pageA, a.server.url('search/?q=production'));
    const relevanceB = await seen(pageB, b.server.url('search/?q=production'));
    assert.deepEqual([...relevanceB.ids].sort(), [...relevanceA.ids].sort());
    assert.equal(relevanceB.status, relevanceA.status);
    // Rare words, each in one report of one partition, and the Chinese report's word.
    for (const r of [reports[0]!, reports.at(-1)!, reports[Math.floor(reports.length / 2)]!]) {
      await openSearch(pageB, b.server.url(`search/?q=${r.rareWord}`));
      assert.deepEqual((await allResults(pageB)).map((x) => x.id), [r.id], r.rareWord);
    }
    await openSearch(pageB, b.server.url(`search/?q=${encodeURIComponent(ZH_QUERY)}`));
    assert.deepEqual((await allResults(pageB)).map((x) => x.id), ['2003/zhiliang-dahui']);

    // The words index names the partitions holding a search's words: a reader's first search for
    // a word of the oldest report loads that partition's files and no other partition's.
    assert.equal(manifest.words?.path, 'words/');
    const oldest = [...reports].sort((x, y) => x.date.localeCompare(y.date))[0]!;
    const oldestPart = manifest.partitions.at(-1)!;
    const firstVisit = await strictPage(b.browser);
    const loaded = new Set<string>();
    firstVisit.context().on('request', (request) => {
      const folder = /\/pagefind\/([^/]+)\//.exec(new URL(request.url()).pathname)?.[1];
      if (folder) loaded.add(folder);
    });
    await openSearch(firstVisit, b.server.url(`search/?q=${oldest.rareWord}`));
    assert.deepEqual((await allResults(firstVisit)).map((x) => x.id), [oldest.id]);
    assert.deepEqual([...loaded].sort(), [oldestPart.name, 'words'].sort(), 'only the words index and the partition holding the word');
    await firstVisit.close();
    // A host that lost the words index (or a failed request): every partition is searched instead.
    // (Not a strict page: Pagefind itself reports the failed requests as uncaught errors.)
    const withoutWords = await b.browser.newPage();
    await withoutWords.route((url) => url.pathname.startsWith('/pagefind/words/'), (route) => route.abort());
    await openSearch(withoutWords, b.server.url(`search/?q=${oldest.rareWord}`));
    assert.deepEqual((await allResults(withoutWords)).map((x) => x.id), [oldest.id], 'found without the words index');
    await withoutWords.close();

    // Whatever the words (whole, the start of one, misspelt, several, a phrase), searching only the
    // partitions the words index names finds what the archive indexed in one piece finds.
    const vocabulary = [...new Set(reports.flatMap((r) => [...r.title.split(/\W+/), r.rareWord, ...r.people.flatMap((n) => n.split(' '))]).filter((w) => w.length > 2))];
    const word = fc.constantFrom(...vocabulary);
    const query = fc.oneof(
      word,
      word.map((w) => w.slice(0, Math.max(2, w.length - 3))),
      fc.tuple(word, fc.constantFrom('z', 'q', 'ing', 'ed')).map(([w, end]) => w + end),
      fc.tuple(word, word).map(([x, y]) => `${x} ${y}`),
      fc.tuple(word, word).map(([x, y]) => `"${x} ${y}"`),
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const url = `search/?q=${encodeURIComponent(q)}&sort=newest`;
        const statusA = await openSearch(pageA, a.server.url(url));
        const statusB = await openSearch(pageB, b.server.url(url));
        assert.equal(statusB, statusA, q);
        assert.deepEqual((await allResults(pageB)).map((x) => x.id), (await allResults(pageA)).map((x) => x.id), q);
      }),
      { numRuns: 25 },
    );

    // The newest partition's results are on screen while the older partitions are still loading
    // (their files held back), and the list, once they arrive, is the one shown all at once.
    const newest = manifest.partitions[0]!;
    const inNewest = (id: string) => Number(id.slice(0, 4)) >= newest.from;
    for (const query of ['q=production&sort=newest', 'q=production']) {
      const whole = await seen(pageB, b.server.url(`search/?${query}`));
      const held: Route[] = [];
      const isOlder = (url: URL) => manifest.partitions.slice(1).some((p) => url.pathname.startsWith(`/pagefind/${p.path}`));
      let holding = true;
      await pageB.context().route(isOlder, (route) => (holding ? void held.push(route) : route.continue()));
      await pageB.goto(b.server.url(`search/?${query}`));
      await pageB.waitForSelector('.search-result');
      const early = await allResultIds(pageB);
      assert.match((await pageB.locator('[data-search-status]').textContent()) ?? '', /searching older ones/, query);
      assert.equal(await pageB.locator('[data-search-results]').getAttribute('aria-busy'), 'true', `${query}: still busy`);
      assert.ok(held.length > 0, `${query}: the older partitions were asked for`);
      assert.ok(early.length > 0 && early.every(inNewest), `${query}: first results from the newest partition: ${early}`);
      // Newest first: what is shown early is already the start of the final list.
      if (query.includes('newest')) assert.deepEqual(early, whole.ids.slice(0, early.length), query);
      holding = false;
      for (const route of held) await route.continue();
      await pageB.context().unroute(isOlder);
      const final = await seen(pageB, b.server.url(`search/?${query}`));
      assert.deepEqual(final, whole, `${query}: the same list once every partition is in`);
    }
    // Browsing with nothing asked counts the facets of every partition, all opened at once by a
    // fresh page (they share Pagefind's WebAssembly, which must be set up once, not by each).
    const fresh = await strictPage(b.browser);
    assert.doesNotMatch(await openSearch(fresh, b.server.url('search/')), /unavailable/);
    const yearsOffered = await fresh.locator('fieldset[data-facet="year"] input').count();
    assert.equal(yearsOffered, new Set(['2003', ...reports.map((r) => r.date.slice(0, 4))]).size, 'every year of every partition offered');
    await fresh.close();
    // Best match ranks every partition as Pagefind ranks one instance's merged indexes.
    const pagefindRanking = await pageB.evaluate(async (bundle) => {
      const pagefind = await import(/* @vite-ignore */ `${bundle}pagefind.js`);
      const { partitions } = (await (await fetch(`${bundle}partitions.json`)).json()) as { partitions: { path: string; languages: Record<string, number> }[] };
      const options = { baseUrl: '/', excerptLength: 30 };
      const merged = pagefind.createInstance({ basePath: `${bundle}${partitions[0]!.path}`, ...options });
      await merged.init();
      for (const [at, part] of partitions.entries()) {
        for (const language of Object.keys(part.languages)) {
          if (at === 0 && language === 'en') continue;
          await merged.mergeIndex(new URL(`${bundle}${part.path}${at === 0 ? './' : ''}`, location.href).href, { language, ...options });
        }
      }
      const found = await merged.search('production');
      return Promise.all(found.results.map(async (r: { data(): Promise<{ url: string }> }) => (await r.data()).url));
    }, '/pagefind/');
    await openSearch(pageB, b.server.url('search/?q=production'));
    assert.deepEqual((await allResults(pageB)).map((r) => r.id), pagefindRanking.map((url) => reportIdOf(url)));

    // An edit to one report: only its partition is indexed again; the others' files stay as they were.
    const edited = reports.find((r) => r.date.startsWith('201'))!;
    const editedPart = manifest.partitions.find((p) => p.from <= Number(edited.date.slice(0, 4)) && Number(edited.date.slice(0, 4)) <= p.to)!;
    const others = manifest.partitions.filter((p) => p !== editedPart);
    const before = new Map(await Promise.all(others.map(async (p) => [p.name, await fileStats(path.join(parted.outDir, 'pagefind', p.name))] as const)));
    await appendFile(edited.file, '\nThe editor added the word zorblaxian to this report.\n');
    const afterEdit = await buildInto('search-partitions', contentDir, { ARCHIVE_SEARCH_PARTITION_YEARS: YEARS });
    assert.match(afterEdit.log, new RegExp(`${names.length} partitions, 1 indexed \\(${editedPart.name}\\)`));
    // The edited partition's words changed: the words index is written again, and finds the new word.
    assert.match(afterEdit.log, /words index written/);
    for (const p of others) assert.deepEqual(await fileStats(path.join(parted.outDir, 'pagefind', p.name)), before.get(p.name), `partition ${p.name} untouched`);
    await openSearch(pageB, b.server.url('search/?q=zorblaxian'));
    assert.deepEqual((await allResults(pageB)).map((x) => x.id), [edited.id]);

    // A deleted report disappears from search.
    const deleted = reports.find((r) => r.date.startsWith('200'))!;
    await rm(deleted.file);
    const afterDelete = await buildInto('search-partitions', contentDir, { ARCHIVE_SEARCH_PARTITION_YEARS: YEARS });
    assert.match(afterDelete.log, new RegExp(`search index: ${reports.length} records`));
    assert.match(afterDelete.log, / 1 indexed \(2000-2009\)/);
    // The deleted report's page was still in the folder when the pages were written: indexing waited
    // for keep-output to remove it.
    assert.doesNotMatch(afterDelete.log, /started as the pages were written/);
    const status = await openSearch(pageB, b.server.url(`search/?q=${deleted.rareWord}`));
    assert.match(status, /^No reports/);

    // After an edit and a deletion, the rebuilt site is byte for byte a clean build's, search index
    // included: a partition indexed again from the pages on disk takes them in the order a clean
    // build feeds them, not the order the file system lists them in.
    await startCold(path.join(TMP, 'builds', 'search-partitions-clean'), contentDir);
    const clean = await buildInto('search-partitions-clean', contentDir, { ARCHIVE_SEARCH_PARTITION_YEARS: YEARS });
    const diff = spawnSync('diff', ['-r', '-x', OUTPUT_MARKER, clean.outDir, parted.outDir], { encoding: 'utf8' });
    assert.equal(diff.stdout + diff.stderr, '', 'diff -r clean rebuilt');

    // The list of partitions lost, and the span changed: the old partitions' folders still go, and
    // only the new ones are published.
    await rm(path.join(parted.outDir, 'pagefind/partitions.json'));
    await buildInto('search-partitions', contentDir, { ARCHIVE_SEARCH_PARTITION_YEARS: '7' });
    const relisted = JSON.parse(await readFile(path.join(parted.outDir, 'pagefind/partitions.json'), 'utf8')) as { partitions: { name: string }[] };
    const folders = (await filesUnder(path.join(parted.outDir, 'pagefind'))).filter((f) => f.endsWith('/pagefind-entry.json')).map((f) => f.split('/')[0]).sort();
    assert.deepEqual(folders, [...relisted.partitions.map((p) => p.name), 'words'].sort(), 'the partitions and the words index');
    assert.ok(names.every((name) => !folders.includes(name)), `no folder of the 10-year partitions left: ${folders}`);
  } finally {
    await a.close();
    await b.close();
  }
});
