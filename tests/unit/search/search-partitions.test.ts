import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  indexedPart,
  obsoletePartitions,
  parseManifest,
  partitionDigestInput,
  partitionReports,
  partitionSizeAdvice,
  partitionsToRebuild,
  rangeOfYear,
  type PartitionManifest,
} from '../../../src/search/build/search-partitions.ts';
import { buildSettings, checkPartitionYears } from '../../../src/settings/build-settings.ts';
import { searchPartitionPath } from '../../../src/urls/site-paths.ts';

const reports = (years: number[]) => years.map((year, at) => ({ id: `${year}/report-${at}`, year }));

test('a partition is a range of years aligned on the span, from the report year alone', () => {
  assert.deepEqual(rangeOfYear(2020, 5), { from: 2020, to: 2024 });
  assert.deepEqual(rangeOfYear(2019, 5), { from: 2015, to: 2019 });
  assert.deepEqual(rangeOfYear(2024, 1), { from: 2024, to: 2024 });
  assert.deepEqual(rangeOfYear(1999, 10), { from: 1990, to: 1999 });
  const parts = partitionReports(reports([2001, 2019, 2020, 2024, 2025, 2003]), 5);
  assert.deepEqual(
    parts.map((p) => [p.name, p.ids.length]),
    [['2025-2029', 1], ['2020-2024', 2], ['2015-2019', 1], ['2000-2004', 2]],
    'newest first, empty ranges left out',
  );
  assert.deepEqual(partitionReports(reports([2010, 2011]), 1).map((p) => p.name), ['2011', '2010']);
});

test('adding reports never moves an existing report to another partition', () => {
  const before = partitionReports(reports([2001, 2007, 2013, 2018]), 5);
  const after = partitionReports([...reports([2001, 2007, 2013, 2018]), { id: '2026/new', year: 2026 }, { id: '2007/also', year: 2007 }], 5);
  const home = (parts: typeof before, id: string) => parts.find((p) => p.ids.includes(id))?.name;
  for (const id of before.flatMap((p) => p.ids)) assert.equal(home(after, id), home(before, id), id);
});

test('one partition (no span, or every report in one range) keeps the plain layout', () => {
  assert.deepEqual(partitionReports(reports([2001, 2020, 2010]), undefined).map((p) => [p.name, p.from, p.to, p.ids.length]), [['', 2001, 2020, 3]]);
  assert.deepEqual(partitionReports(reports([2021, 2022]), 5).map((p) => p.name), ['']);
  assert.equal(searchPartitionPath(''), 'pagefind/');
  assert.equal(searchPartitionPath('2020-2024'), 'pagefind/2020-2024/');
  assert.deepEqual(partitionReports([], 5), []);
});

const manifest = (entries: [string, string][]): PartitionManifest => ({
  partitions: entries.map(([name, digest]) => ({ name, path: `${name}/`, from: 0, to: 0, records: 1, languages: { en: 1 }, digest })),
});

test('only partitions whose digest changed, new ones or damaged ones are indexed again', () => {
  const previous = manifest([['2020-2024', 'a'], ['2015-2019', 'b'], ['2010-2014', 'c']]);
  const current = [{ name: '2025-2029', digest: 'n' }, { name: '2020-2024', digest: 'a' }, { name: '2015-2019', digest: 'B' }, { name: '2010-2014', digest: 'c' }];
  assert.deepEqual([...partitionsToRebuild(current, previous, () => true)].sort(), ['2015-2019', '2025-2029']);
  assert.deepEqual([...partitionsToRebuild(current, previous, (name) => name !== '2010-2014')].sort(), ['2010-2014', '2015-2019', '2025-2029']);
  assert.equal(partitionsToRebuild(current, undefined, () => true).size, 4, 'no previous list: everything');
  assert.deepEqual(obsoletePartitions([{ name: '2020-2024' }], previous), ['2015-2019', '2010-2014']);
  // A lost list: the partition folders found in the bundle, and only partition-shaped ones.
  assert.deepEqual(obsoletePartitions([{ name: '2020-2024' }], undefined, ['2020-2024', '2010-2014', '2005', 'fragment', 'index', '2010-20']), ['2010-2014', '2005']);
  assert.deepEqual(obsoletePartitions([{ name: '2020-2024' }], previous, ['2015-2019', '2000-2004']), ['2015-2019', '2010-2014', '2000-2004']);
});

test('the digest covers every page path and content, and the indexer', () => {
  const pages = [{ path: 'news/2020/a/index.html', digest: '1' }, { path: 'news/2020/b/index.html', digest: '2' }];
  const base = partitionDigestInput(pages, 'pagefind 1.6.0');
  assert.equal(partitionDigestInput([...pages].reverse(), 'pagefind 1.6.0'), base, 'order of reading does not matter');
  assert.notEqual(partitionDigestInput([pages[0]!, { ...pages[1]!, digest: '3' }], 'pagefind 1.6.0'), base, 'an edit');
  assert.notEqual(partitionDigestInput([pages[0]!], 'pagefind 1.6.0'), base, 'a deletion');
  assert.notEqual(partitionDigestInput(pages, 'pagefind 1.7.0'), base, 'another Pagefind');
});

test('the digest reads what Pagefind indexes: not the related reports beside the article', () => {
  const page = (article: string, aside: string) =>
    `<!doctype html><html lang="en"><head><title>x</title></head><body><nav>crumbs</nav><article class="report" data-pagefind-body><h1>T</h1>${article}</article><aside>${aside}</aside></body></html>`;
  assert.equal(indexedPart(page('body', 'related: one')), indexedPart(page('body', 'related: two')));
  assert.notEqual(indexedPart(page('body', 'x')), indexedPart(page('body, edited', 'x')));
  assert.notEqual(indexedPart(page('body', 'x')), indexedPart(page('body', 'x').replace('lang="en"', 'lang="zh"')), 'the language picks the index');
  assert.equal(indexedPart('<html><p>no body</p></html>'), '<html><p>no body</p></html>');
});

test('partitions.json is read strictly: anything else means rebuilding everything', () => {
  assert.equal(parseManifest(undefined), undefined);
  assert.equal(parseManifest('{'), undefined);
  assert.equal(parseManifest('{"partitions":[{"name":"../x","digest":"a"}]}'), undefined, 'a name that is not years');
  assert.deepEqual(parseManifest(JSON.stringify(manifest([['2020', 'a']]))), manifest([['2020', 'a']]));
});

test('a partition above 10,000 reports gets advice with a span', () => {
  assert.equal(partitionSizeAdvice(partitionReports(reports([2020, 2021]), undefined), undefined), undefined);
  const big = partitionReports(Array.from({ length: 25_000 }, (_, at) => ({ id: `${2000 + (at % 25)}/r${at}`, year: 2000 + (at % 25) })), undefined);
  assert.match(partitionSizeAdvice(big, undefined)!, /holds 25000 reports.*ARCHIVE_SEARCH_PARTITION_YEARS=10\b/);
});

test('ARCHIVE_SEARCH_PARTITION_YEARS is a whole number of years, checked before the build', () => {
  assert.equal(checkPartitionYears(undefined), undefined);
  assert.equal(checkPartitionYears(''), undefined);
  assert.equal(checkPartitionYears('5'), 5);
  for (const bad of ['0', '-1', '2.5', 'five', '5 years', '1e3', '1001']) {
    assert.throws(() => checkPartitionYears(bad), /ARCHIVE_SEARCH_PARTITION_YEARS=.*whole number of years from 1 to 1000.*e\.g\. ARCHIVE_SEARCH_PARTITION_YEARS=5/, bad);
  }
  assert.throws(() => buildSettings({ ARCHIVE_SEARCH_PARTITION_YEARS: 'x' }, '/work/project', '/home/u'), /ARCHIVE_SEARCH_PARTITION_YEARS="x"/);
  assert.equal(buildSettings({ ARCHIVE_SEARCH_PARTITION_YEARS: '3' }, process.cwd()).searchPartitionYears, 3);
});

test('the record count is checked in every partition and in total', async () => {
  const { partitionCountProblem } = await import('../../../src/search/build/pagefind-integration.ts');
  const result = (parts: [string, number, number][]) => ({
    records: parts.reduce((sum, [, , records]) => sum + records, 0),
    outputPath: '',
    pruned: 0,
    partitions: parts.map(([name, reports, records]) => ({ name, reports, records, rebuilt: true })),
  });
  assert.equal(partitionCountProblem(result([['2020-2024', 3, 3], ['2015-2019', 2, 2]]), 5), undefined);
  // Two wrong partitions that cancel out in the total are still caught.
  assert.match(partitionCountProblem(result([['2020-2024', 3, 4], ['2015-2019', 2, 1]]), 5)!, /search partition 2020-2024 holds 4 record\(s\) but the archive has 3 report\(s\)/);
  assert.match(partitionCountProblem(result([['', 5, 4]]), 5)!, /The search index holds 4 record\(s\) but the archive has 5 report\(s\)/);
});
