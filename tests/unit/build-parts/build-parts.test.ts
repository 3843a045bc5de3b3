import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allPartNames, buildsListings, parseBuildPart, publishesReport, reportsToRender, WHOLE_BUILD, type BuildPart } from '../../../src/build-parts/build-part.ts';
import { mergePartitionLists, mergeProblems, PART_MANIFEST, partManifestText, planCopies, readPartManifest, targetOverlapProblems, type Fingerprint, type PartManifest } from '../../../src/build-parts/part-manifest.ts';
import { buildSettings } from '../../../src/settings/build-settings.ts';
import { listParts, mergeParts } from '../../../src/build-parts/merge-cli.ts';
import { partFingerprint } from '../../../src/build-parts/part-fingerprint.ts';
import { folderInstance, OUTPUT_MARKER, outputMarkerContent } from '../../../src/output/output-folder.ts';
import { ConfigError } from '../../../src/urls/url-settings.ts';
import type { PartitionEntry } from '../../../src/search/build/search-partitions.ts';

const YEARS = [2003, 2011, 2012, 2019, 2024];

test('ARCHIVE_BUILD_PART: unset is the whole build; a partition of the archive or `listings` is one part', () => {
  assert.deepEqual(parseBuildPart(undefined, 10, YEARS), WHOLE_BUILD);
  assert.deepEqual(parseBuildPart('  ', undefined, []), WHOLE_BUILD);
  assert.deepEqual(parseBuildPart('2010-2019', 10, YEARS), { kind: 'partition', name: '2010-2019', from: 2010, to: 2019 });
  assert.deepEqual(parseBuildPart('listings', 10, YEARS), { kind: 'listings', name: 'listings' });
  assert.deepEqual(parseBuildPart('2019', 1, YEARS), { kind: 'partition', name: '2019', from: 2019, to: 2019 });
  assert.deepEqual(allPartNames(YEARS, 10), ['2020-2029', '2010-2019', '2000-2009', 'listings']);
});

test('ARCHIVE_BUILD_PART refuses a name that is not a part of this archive, saying which are', () => {
  const refused = (raw: string, span: number | undefined, years = YEARS) => {
    try {
      parseBuildPart(raw, span, years);
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.message;
    }
    assert.fail(`${raw} was accepted`);
  };
  // Not aligned on the span, a range without reports, a typo: each names the valid parts.
  for (const raw of ['2012-2021', '1990-1999', 'listing', '2010']) {
    assert.match(refused(raw, 10), /is not a part of this archive\. With ARCHIVE_SEARCH_PARTITION_YEARS=10 its parts are: 2020-2029, 2010-2019, 2000-2009, listings\./);
  }
  assert.match(refused('listings', undefined), /needs ARCHIVE_SEARCH_PARTITION_YEARS/);
  assert.match(refused('listings', 100), /all fall in one search partition \(2000-2099\), so there is nothing to split/);
});

test('the build settings check ARCHIVE_BUILD_PART against the archive before Astro starts', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'build-part-'));
  const content = path.join(root, 'content');
  for (const year of ['2014', '2021']) {
    mkdirSync(path.join(content, year), { recursive: true });
    writeFileSync(path.join(content, year, 'a.md'), '---\n---\n');
  }
  const env = { ARCHIVE_CONTENT_DIR: content, ARCHIVE_SEARCH_PARTITION_YEARS: '5' };
  assert.deepEqual(buildSettings({ ...env, ARCHIVE_BUILD_PART: '2020-2024' }, root).buildPart, { kind: 'partition', name: '2020-2024', from: 2020, to: 2024 });
  assert.deepEqual(buildSettings(env, root).buildPart, WHOLE_BUILD);
  assert.throws(() => buildSettings({ ...env, ARCHIVE_BUILD_PART: '2015-2019' }, root), /its parts are: 2020-2024, 2010-2014, listings/);
  // What a CI matrix runs: every part, whatever ARCHIVE_BUILD_PART says in the planning job.
  assert.deepEqual(listParts({ ...env, ARCHIVE_BUILD_PART: 'listings' }, root), ['2020-2024', '2010-2014', 'listings']);
  assert.throws(() => listParts({ ...env, ARCHIVE_SEARCH_PARTITION_YEARS: '50' }, root), /falls in one partition: build it whole/);
});

test('a partition part publishes its years; the listings part publishes no report and builds the listings', () => {
  const part: BuildPart = { kind: 'partition', name: '2010-2019', from: 2010, to: 2019 };
  assert.deepEqual([2009, 2010, 2019, 2020].map((y) => publishesReport(part, y)), [false, true, true, false]);
  assert.equal(buildsListings(part), false);
  assert.equal(publishesReport({ kind: 'listings', name: 'listings' }, 2015), false);
  assert.equal(buildsListings({ kind: 'listings', name: 'listings' }), true);
  assert.equal(publishesReport(WHOLE_BUILD, 1990), true);
});

test('a part renders the Markdown of the reports it publishes and of the feeds\' newest, no other', () => {
  const reports = [
    { id: '2024/b', year: 2024, date: new Date('2024-03-01') },
    { id: '2024/a', year: 2024, date: new Date('2024-03-01') },
    { id: '2019/c', year: 2019, date: new Date('2019-05-01') },
    { id: '2012/d', year: 2012, date: new Date('2012-05-01') },
    { id: '2003/e', year: 2003, date: new Date('2003-05-01') },
  ];
  const sorted = (set: Set<string>) => [...set].sort();
  // Newest two: same date, ties by id (the archive's order).
  assert.deepEqual(sorted(reportsToRender({ kind: 'listings', name: 'listings' }, reports, 2)), ['2024/a', '2024/b']);
  assert.deepEqual(sorted(reportsToRender({ kind: 'listings', name: 'listings' }, reports, 1)), ['2024/a']);
  assert.deepEqual(sorted(reportsToRender({ kind: 'partition', name: '2010-2019', from: 2010, to: 2019 }, reports, 1)), ['2012/d', '2019/c', '2024/a']);
  assert.equal(reportsToRender(WHOLE_BUILD, reports, 1).size, reports.length);
});

const print: Fingerprint = { settings: 's', content: 'c', code: 'k' };
const manifest = (part: string, fingerprint: Fingerprint = print): PartManifest => ({ format: 1, part, parts: ['2020-2029', '2010-2019', 'listings'], fingerprint, reports: [] });
const parts = (...names: string[]) => names.map((name) => ({ folder: `/parts/${name}`, manifest: manifest(name) }));

test('the merge takes every part of the split exactly once, all from the same inputs as its own', () => {
  assert.deepEqual(mergeProblems(parts('2020-2029', '2010-2019', 'listings'), print), []);
  assert.match(mergeProblems(parts('2020-2029', 'listings'), print).join('\n'), /Part 2010-2019 is missing: build it with ARCHIVE_BUILD_PART=2010-2019/);
  assert.match(mergeProblems(parts('2020-2029', '2010-2019', '2010-2019', 'listings'), print).join('\n'), /Part 2010-2019 is given twice/);
  const otherArchive = [...parts('2020-2029', 'listings'), { folder: '/elsewhere', manifest: manifest('2010-2019', { ...print, content: 'other' }) }];
  assert.match(mergeProblems(otherArchive, print).join('\n'), /\/elsewhere \(2010-2019\) were built from a different archive/);
  assert.match(mergeProblems(parts('2020-2029', '2010-2019', 'listings'), { ...print, code: 'newer' }).join('\n'), /other code \(src\/, astro\.config\.mjs or package-lock\.json\) than the merge sees here/);
  assert.match(mergeProblems(parts('2020-2029', '2010-2019', 'listings', '1990-1999'), print).join('\n'), /Part 1990-1999 .* is not a part of this split/);
});

test('a file two parts hold must be the same bytes; otherwise the merge names it', () => {
  const plan = planCopies([
    { folder: 'a', files: new Map([['index.html', '1'], ['news/2020/x/index.html', '2']]) },
    { folder: 'b', files: new Map([['index.html', '1'], ['news/2012/y/index.html', '3'], ['feed.xml', '4']]) },
    { folder: 'c', files: new Map([['feed.xml', '5']]) },
  ]);
  assert.deepEqual([...plan.from].sort(), [['feed.xml', 'b'], ['index.html', 'a'], ['news/2012/y/index.html', 'b'], ['news/2020/x/index.html', 'a']]);
  assert.deepEqual(plan.conflicts, ['feed.xml: b and c hold different bytes']);
});

test('the merged search partitions are listed newest first, as one build lists them', () => {
  const entry = (name: string, from: number): PartitionEntry => ({ name, path: `${name}/`, from, to: from + 9, records: 1, languages: { en: 1 }, digest: name });
  const merged = mergePartitionLists([{ partitions: [entry('2000-2009', 2000)] }, { partitions: [entry('2020-2029', 2020)] }, { partitions: [entry('2010-2019', 2010)] }]);
  assert.deepEqual(merged.partitions.map((p) => p.name), ['2020-2029', '2010-2019', '2000-2009']);
});

test('a folder without a part manifest, or with a foreign one, is not a part', () => {
  const none = readPartManifest('/site', undefined);
  assert.ok(!none.ok && /\/site is not a part build: it has no \.news-archive-part\.json/.test(none.problem));
  const garbage = readPartManifest('/site', '{"part": 3}');
  assert.ok(!garbage.ok && /not a part manifest this version writes/.test(garbage.problem));
  assert.ok(readPartManifest('/site', JSON.stringify(manifest('listings'))).ok);
});

test('the merge target may be no part, lie inside none and hold none, compared on real paths', () => {
  const parts = [
    { given: '/w/parts/2015-2019', real: '/w/parts/2015-2019' },
    { given: '/w/parts/listings', real: '/w/parts/listings' },
  ];
  const problems = (given: string, real = given) => targetOverlapProblems({ given, real }, parts).join('\n');
  assert.equal(problems('/w/dist'), '');
  assert.equal(problems('/w/parts/listings-merged'), '', 'a name that only begins like a part is another folder');
  assert.match(problems('/w/into-link', '/w/parts/listings'), /^--into \/w\/into-link \(\/w\/parts\/listings, through a symlink\) and the part folder \/w\/parts\/listings are the same folder: .*delete that part\. Merge into a folder of its own, outside every part folder/);
  assert.match(problems('/w/parts/listings/merged'), /--into \/w\/parts\/listings\/merged and the part folder \/w\/parts\/listings: the target lies inside that part/);
  const holding = problems('/w/parts');
  assert.match(holding, /--into \/w\/parts and the part folder \/w\/parts\/2015-2019: the target holds that part/);
  assert.match(holding, /the part folder \/w\/parts\/listings: the target holds that part/);
});

test('the merge refuses a target reached through a symlink to a part, or inside one, before it writes anything', async () => {
  // Three part folders with valid manifests of this scratch project, as the part builds leave them.
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'merge-target-')));
  try {
    const content = path.join(root, 'news');
    for (const [year, slug] of [['2015', 'old'], ['2020', 'new']]) {
      mkdirSync(path.join(content, year!), { recursive: true });
      writeFileSync(path.join(content, year!, `${slug}.md`), '---\n---\n');
    }
    const env = { ARCHIVE_CONTENT_DIR: content, ARCHIVE_SEARCH_PARTITION_YEARS: '5' };
    const fingerprint = await partFingerprint(root, content, buildSettings(env, root));
    const names = ['2020-2024', '2015-2019', 'listings'];
    const folder = (name: string) => path.join(root, 'parts', name);
    for (const name of names) {
      mkdirSync(path.join(folder(name), 'pagefind'), { recursive: true });
      writeFileSync(path.join(folder(name), OUTPUT_MARKER), outputMarkerContent(folder(name), folderInstance(statSync(folder(name), { bigint: true }))));
      writeFileSync(path.join(folder(name), PART_MANIFEST), partManifestText({ format: 1, part: name, parts: names, fingerprint, reports: [] }));
      writeFileSync(path.join(folder(name), `${name}.html`), name);
      if (name === 'listings') continue;
      const [from, to] = name.split('-').map(Number);
      const entry: PartitionEntry = { name, path: `${name}/`, from: from!, to: to!, records: 1, languages: { en: 1 }, digest: name };
      writeFileSync(path.join(folder(name), 'pagefind', 'partitions.json'), JSON.stringify({ partitions: [entry] }));
    }
    const listingsHeld = readdirSync(folder('listings')).sort();
    symlinkSync(folder('listings'), path.join(root, 'into-link'));
    symlinkSync(folder('listings'), path.join(root, 'lnk-listings'));
    const merge = (into: string, parts: string[]) => mergeParts(path.join(root, into), parts.map((p) => path.join(root, p)), env, root, () => {});
    const allParts = names.map((name) => `parts/${name}`);

    await assert.rejects(merge('into-link', allParts), /Nothing was written[^]*into-link \(.*parts\/listings, through a symlink\) and the part folder .*parts\/listings are the same folder/);
    await assert.rejects(merge('parts/listings', [...allParts.slice(0, 2), 'lnk-listings']), /--into .*parts\/listings and the part folder .*lnk-listings \(.*parts\/listings, through a symlink\) are the same folder/);
    await assert.rejects(merge('parts/listings/merged', allParts), /the target lies inside that part/);
    await assert.rejects(merge('parts', allParts), /the target holds that part/);
    assert.deepEqual(readdirSync(folder('listings')).sort(), listingsHeld, 'the listings part is as its build left it');
    assert.equal(existsSync(path.join(folder('listings'), 'merged')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
