/**
 * Issue 14: a build split into parts (two search partitions and the listings), built at once in
 * separate processes from separate checkouts (as on separate machines) and merged by
 * `npm run merge-parts`, is the single build: `diff -r` finds no difference, dot-files included,
 * and the same searches find the same reports. Merges that cannot be right are refused before
 * anything is written: a part missing, parts of different archives, a target that is not ours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, symlink, writeFile, appendFile } from 'node:fs/promises';
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateArchive } from '../bench/generate.ts';
import { runAstro, runScript } from '../support/build.ts';
import { report } from '../support/fixtures.ts';
import { openSiteSession, strictPage } from '../support/browser.ts';
import { allResults, openSearch } from '../support/search-page.ts';
import { ROOT, TMP } from '../support/paths.ts';
import { markerNamesFolder, OUTPUT_MARKER } from '../../src/output/output-folder.ts';

const SPAN = '5';
const SITE_URL = 'https://archive.example.org';
const WORK = path.join(TMP, 'split-build');
const CONTENT = path.join(WORK, 'content');

/** A copy of the project as a CI job checks it out (node_modules shared: it is installed, not built). */
async function checkout(name: string): Promise<string> {
  const dir = path.join(WORK, 'checkouts', name);
  await mkdir(dir, { recursive: true });
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

async function buildPart(project: string, outDir: string, env: Record<string, string>): Promise<string> {
  const result = await runAstro(['build'], { ARCHIVE_CONTENT_DIR: CONTENT, ARCHIVE_SEARCH_PARTITION_YEARS: SPAN, SITE_URL, ARCHIVE_OUT_DIR: outDir, ...env }, project);
  assert.equal(result.code, 0, `${env.ARCHIVE_BUILD_PART ?? 'whole'}:\n${result.output.slice(-3000)}`);
  return result.output;
}

function merge(into: string, parts: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return runScript('src/build-parts/merge-cli.ts', ['--into', into, ...parts], { ARCHIVE_CONTENT_DIR: CONTENT, ARCHIVE_SEARCH_PARTITION_YEARS: SPAN, SITE_URL, ...env });
}

async function writeContent() {
  await rm(CONTENT, { recursive: true, force: true });
  const reports = await generateArchive({ dir: CONTENT, count: 60, seed: 14, years: [2015, 2024], leadImages: true });
  // A report with an attachment and a correction, in the older partition.
  await mkdir(path.join(CONTENT, '2016/with-annex'), { recursive: true });
  await writeFile(path.join(CONTENT, '2016/with-annex/annex.csv'), 'year,launches\n2016,22\n');
  await writeFile(
    path.join(CONTENT, '2016/with-annex.md'),
    report(
      'title: Launch figures for 2016\ndate: 2016-12-30\nsource: { name: Space Agency }\ntopics: [Space]\nattachments:\n  - { file: ./with-annex/annex.csv, title: Launches by year }\nupdates:\n  - { date: 2017-01-04, kind: correction, note: "An earlier version gave 21 launches." }',
      'The agency counted twenty-two launches, the word quinquefoliate included.',
    ),
  );
  return reports;
}

/** What a reader sees for a search: the results in order and the status line. */
async function seen(page: Page, url: string) {
  const status = await openSearch(page, url);
  return { status, ids: (await allResults(page)).map((r) => r.id) };
}

test('two partitions and the listings, built at once in separate checkouts and merged, are the single build', { timeout: 1_200_000 }, async () => {
  await rm(WORK, { recursive: true, force: true });
  const reports = await writeContent();
  const [older, newer, listings] = await Promise.all([checkout('older'), checkout('newer'), checkout('listings')]);
  const site = path.join(WORK, 'site');
  const part = (name: string) => path.join(WORK, 'parts', name);

  // All four at once: the single build from this checkout, each part from its own.
  const [wholeLog, olderLog, newerLog, listingsLog] = await Promise.all([
    buildPart(ROOT, site, {}),
    buildPart(older, part('2015-2019'), { ARCHIVE_BUILD_PART: '2015-2019' }),
    buildPart(newer, part('2020-2024'), { ARCHIVE_BUILD_PART: '2020-2024' }),
    buildPart(listings, part('listings'), { ARCHIVE_BUILD_PART: 'listings' }),
  ]);
  assert.match(wholeLog, /2 partitions, 2 indexed/);
  // Each part renders the Markdown it publishes (and the feeds' newest 20), not the whole archive's.
  const renderedBy = (log: string) => Number(/rendered (\d+) report\(s\); \d+ checked/.exec(log)?.[1]);
  const total = reports.length + 1;
  for (const [log, name] of [[olderLog, '2015-2019'], [newerLog, '2020-2024'], [listingsLog, 'listings']] as const) {
    assert.ok(renderedBy(log) < total, `${name} rendered ${renderedBy(log)} of ${total}`);
  }
  // (Fewer when the content cache of an earlier run holds some.)
  assert.ok(renderedBy(listingsLog) <= 20, 'the listings part renders only the feeds\' reports');
  assert.ok(!existsSync(path.join(part('listings'), 'news/2016/with-annex/index.html')), 'the listings part has no report page');
  assert.ok(!existsSync(path.join(part('2015-2019'), 'topics')), 'a partition part has no term pages');

  await rename(site, path.join(WORK, 'whole'));
  const whole = path.join(WORK, 'whole');
  const merged = await merge(site, [part('2015-2019'), part('2020-2024'), part('listings')]);
  assert.equal(merged.code, 0, merged.output);
  assert.match(merged.output, new RegExp(`completeness: ${total} reports listed, indexed and fed`));
  assert.match(merged.output, new RegExp(`search index: ${total} records in 2 partitions`));

  // The merged folder is what the single build wrote into that folder, byte for byte, but for the
  // ownership marker: it names the folder itself, and the merge's is another folder at that path.
  const diff = spawnSync('diff', ['-r', '-x', OUTPUT_MARKER, whole, site], { encoding: 'utf8' });
  assert.equal(diff.stdout + diff.stderr, '', 'diff -r whole merged');
  assert.equal(diff.status, 0);
  assert.ok(markerNamesFolder(await readFile(path.join(site, OUTPUT_MARKER), 'utf8'), realpathSync(site), statSync(site, { bigint: true })), 'the marker names this folder');
  assert.ok(existsSync(path.join(site, 'sitemap-0.xml')) && (await readFile(path.join(site, 'sitemap-0.xml'), 'utf8')).includes('/news/2016/with-annex/'));

  // The same searches find the same reports, in the same order, from both partitions.
  const a = await openSiteSession(whole);
  const b = await openSiteSession(site);
  try {
    const pageA = await strictPage(a.browser);
    const pageB = await strictPage(b.browser);
    for (const query of ['q=production&sort=newest', 'q=quality+management&sort=oldest', 'q=quinquefoliate', `q=${reports[0]!.rareWord}`, `q=${reports.at(-1)!.rareWord}`]) {
      const want = await seen(pageA, a.server.url(`search/?${query}`));
      const got = await seen(pageB, b.server.url(`search/?${query}`));
      assert.ok(want.ids.length > 0, `${query} finds something`);
      assert.deepEqual(got, want, query);
    }
    const years = (await seen(pageB, b.server.url('search/?q=production&sort=newest'))).ids.map((id) => Number(id.slice(0, 4)));
    assert.ok(years.some((y) => y < 2020) && years.some((y) => y >= 2020), 'results from both partitions');
  } finally {
    await a.close();
    await b.close();
  }

  // Refused, with nothing written: a part missing ...
  const missingInto = path.join(WORK, 'merged-missing');
  const missing = await merge(missingInto, [part('2015-2019'), part('listings')]);
  assert.equal(missing.code, 1);
  assert.match(missing.output, /Nothing was written[\s\S]*Part 2020-2024 is missing: build it with ARCHIVE_BUILD_PART=2020-2024/);
  assert.ok(!existsSync(missingInto));

  // ... a target folder the build did not write ...
  const notOurs = path.join(WORK, 'not-ours');
  await mkdir(notOurs);
  await writeFile(path.join(notOurs, 'notes.txt'), 'mine');
  const refusedTarget = await merge(notOurs, [part('2015-2019'), part('2020-2024'), part('listings')]);
  assert.equal(refusedTarget.code, 1);
  assert.match(refusedTarget.output, /--into: the folder .*not-ours is not empty \(notes\.txt\) and has no \.news-archive-output file/);
  assert.deepEqual(await readdir(notOurs), ['notes.txt']);

  // ... and parts of two archives: the newer partition built again after a report changed.
  const edited = reports.find((r) => r.date >= '2020')!;
  await appendFile(edited.file, '\nThe editor added a sentence.\n');
  await buildPart(newer, part('2020-2024-edited'), { ARCHIVE_BUILD_PART: '2020-2024' });
  const mixedInto = path.join(WORK, 'merged-mixed');
  const mixed = await merge(mixedInto, [part('2015-2019'), part('2020-2024-edited'), part('listings')]);
  assert.equal(mixed.code, 1);
  assert.match(mixed.output, /were built from a different archive \(the files of ARCHIVE_CONTENT_DIR\)/);
  assert.ok(!existsSync(mixedInto));
  // The parts built before the edit no longer match the archive the merge sees.
  const stale = await merge(mixedInto, [part('2015-2019'), part('2020-2024'), part('listings')]);
  assert.equal(stale.code, 1);
  assert.match(stale.output, /The parts were built from another archive/);
  assert.ok(!existsSync(mixedInto));
});
