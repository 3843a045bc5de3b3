/**
 * `node tests/bench/partition-cost.ts --site DIR --content DIR [--years 5] [--skip-one] [--out FILE]`
 *
 * What search index partitions change, on one built site (e.g. a bench site kept with
 * `npm run bench -- --sizes 10000 --keep-sites`): the search-index step as one index and as
 * partitions of `--years` years (time, CPU and peak memory of Pagefind's processes), a rebuild
 * with nothing changed and after one report page changed, and the four bench searches in Chromium
 * on each layout. The site's search bundle is rewritten; its pages are left as they were except
 * the one edited page, which is restored.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { childrenCpuSeconds, samplePeakMemory } from './process-tree.ts';
import { measureSearch, type SearchCost } from './search-cost.ts';
import { buildSearchIndex, reportsOf } from '../../src/search/build/pagefind-integration.ts';
import { listReportFiles } from '../../src/reports/content-dir.ts';
import { rareWordFor } from './generate.ts';

const { values } = parseArgs({ options: { site: { type: 'string' }, content: { type: 'string' }, years: { type: 'string', default: '5' }, out: { type: 'string' }, 'skip-one': { type: 'boolean', default: false } } });
if (!values.site || !values.content) throw new Error('--site and --content are required');
const siteDir = path.resolve(values.site);
const reports = reportsOf(await listReportFiles(path.resolve(values.content)));
const years = Number(values.years);
const log = (message: string) => process.stderr.write(`[partition-cost ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function indexRun(label: string, partitionYears: number | undefined, force: boolean) {
  const cpu = childrenCpuSeconds();
  const sampler = samplePeakMemory(process.pid, 100, false);
  const started = performance.now();
  const result = await buildSearchIndex(siteDir, reports, { partitionYears, force });
  const seconds = (performance.now() - started) / 1000;
  // Pagefind's last process is counted once it has been waited for, just after it is closed.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const run = {
    label,
    seconds,
    cpuSeconds: childrenCpuSeconds() - cpu,
    pagefindPeakRssBytes: sampler.stop(),
    partitions: result.partitions.length,
    indexed: result.partitions.filter((p) => p.rebuilt).map((p) => `${p.name || '(one)'}: ${p.reports}`),
    records: result.records,
  };
  if (result.records !== reports.length) throw new Error(`${label}: ${result.records} records for ${reports.length} reports`);
  log(`${label}: ${run.seconds.toFixed(1)} s, Pagefind CPU ${run.cpuSeconds.toFixed(1)} s, peak ${(run.pagefindPeakRssBytes / 2 ** 20).toFixed(0)} MiB, ${run.partitions} partition(s), indexed ${run.indexed.join('; ')}`);
  return run;
}

const queries = (rare: string) => [
  { name: 'rare word', query: rare },
  { name: 'common word', query: 'production' },
  { name: 'two words', query: 'quality management' },
  { name: 'phrase', query: '"annual growth"' },
];
// The bench's rare word of a report (generate.ts): from its slug, `report-000123` -> index 122.
const rareWordOf = (id: string) => rareWordFor(Number(/report-(\d+)$/.exec(id)![1]) - 1);
const byYear = [...reports].sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
// As the bench: the oldest report's word, after a warm-up search for the newest's.
const rare = rareWordOf(byYear.at(-1)!.id);
const warmUp = rareWordOf(byYear[0]!.id);
const newest = byYear;
const results: Record<string, unknown> = { reports: reports.length, years, rare, warmUp };

let searchOne: SearchCost[] = [];
if (!values['skip-one']) {
  results.one = await indexRun('one index, forced', undefined, true);
  results.oneKept = await indexRun('one index, nothing changed', undefined, false);
  log('searching (one index)');
  searchOne = await measureSearch(siteDir, queries(rare), warmUp);
  results.searchOne = searchOne;
}

results.parts = await indexRun(`partitions of ${years} years, forced`, years, true);
results.partsKept = await indexRun('partitions, nothing changed', years, false);
// One report page's article changes, as after an edit.
const edited = path.join(siteDir, 'news', newest[0]!.id, 'index.html');
const original = await readFile(edited, 'utf8');
await writeFile(edited, original.replace('</article>', '<p>An added sentence.</p></article>'));
results.partsEdited = await indexRun('partitions, one page changed', years, false);
await writeFile(edited, original);
results.partsRestored = await indexRun('partitions, page restored', years, false);
log('searching (partitions)');
const searchParts: SearchCost[] = await measureSearch(siteDir, queries(rare), warmUp);
results.searchParts = searchParts;

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
for (const [label, costs] of [['one index', searchOne], [`partitions of ${years} years`, searchParts]] as const) {
  process.stdout.write(`\n${label}\n| query | results | cold bytes (gzip host) | cold ms | warm bytes | warm ms |\n| --- | --- | --- | --- | --- | --- |\n`);
  for (const c of costs) process.stdout.write(`| ${c.name} | ${c.cold.results} | ${kb(c.cold.bytes)} (${kb(c.cold.gzipBytes)}) | ${c.cold.ms.toFixed(0)} | ${kb(c.warm.bytes)} | ${c.warm.ms.toFixed(0)} |\n`);
}
if (values.out) await writeFile(values.out, JSON.stringify(results, null, 2) + '\n');
