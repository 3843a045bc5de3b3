/**
 * `npm run bench:search -- [--reports 10000] [--copies 10] [--partition-years 5] [--out FILE] [--keep]`
 * `npm run bench:search -- --site DIR --rare WORD --warm WORD [--out FILE]`
 *
 * What search costs a reader at archive sizes this machine cannot build in a session (100,000
 * reports: about half an hour of Astro and most of its memory). The real build makes `--reports`
 * report pages from a synthetic archive (generate.ts); each page is then published `--copies`
 * times under new paths, with its unique word made unique again in every copy, so the index
 * holds `reports x copies` records of real pages with the same text statistics as the generator's
 * (a common word is ten times as common, a rare word still rare). The search index is built with
 * the build's own code (buildSearchIndex, partitioned as ARCHIVE_SEARCH_PARTITION_YEARS would),
 * and the issue's four searches are measured in Chromium as `npm run bench` does (search-cost.ts).
 * Only the search is measured: the copies are not an archive (their listings do not exist).
 *
 * `--site DIR` measures a site built before (a kept `scaled` folder: nothing in it is changed)
 * without building or indexing again; `--rare` is a word found in exactly one of its pages (the
 * oldest report's last copy, for the same figures as a full run) and `--warm` the search run
 * before each warm measurement (the newest report's unique word).
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateArchive } from './generate.ts';
import { samplePeakMemory } from './process-tree.ts';
import { measureIssueQueries, type SearchCost } from './search-cost.ts';
import { astroBuild, bytesAt, formatSearchTable, gitCommit, HOSTING, progress } from './run.ts';
import { buildSearchIndex } from '../../src/search/build/pagefind-integration.ts';
import { buildCacheDir } from '../../src/output/cache/build-cache.ts';
import { reportPath, SEARCH_BUNDLE_FOLDER } from '../../src/urls/site-paths.ts';
import { ROOT, TMP } from '../support/paths.ts';

/** The id of a report's `copy`th copy (copy 0 is the report itself): `2020/casic-holds-copy-3`. */
export function copyId(id: string, copy: number): string {
  return copy === 0 ? id : `${id}-copy-${copy}`;
}

/** A report's unique word in its `copy`th copy: still one word, still found in no other page. */
export function copyRareWord(rareWord: string, copy: number): string {
  return copy === 0 ? rareWord : `${rareWord}${'abcdefghijklmnopqrstuvwxyz'[copy % 26]!.repeat(Math.floor(copy / 26) + 1)}`;
}

/** The page of a copy: the report's page with its unique word replaced wherever it appears. */
export function copyPage(html: string, rareWord: string, copy: number): string {
  return copy === 0 ? html : html.replaceAll(rareWord, copyRareWord(rareWord, copy));
}

export interface SearchScaleResult {
  startedAt: string;
  commit: string;
  machine: { cores: number; memoryBytes: number; cpu: string; node: string; loadAverageAtStart: number[] };
  built: { reports: number; seconds: number; cpuSeconds: number };
  records: number;
  partitionYears?: number;
  partitions: number;
  indexSeconds: number;
  indexPeakRssBytes: number;
  indexBytes: number;
  queries: SearchCost[];
}

export async function main(argv: string[]): Promise<SearchScaleResult> {
  const { values } = parseArgs({
    args: argv,
    options: {
      reports: { type: 'string', default: '10000' },
      copies: { type: 'string', default: '10' },
      'partition-years': { type: 'string', default: '5' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      site: { type: 'string' },
      rare: { type: 'string' },
      warm: { type: 'string' },
    },
  });
  if (values.site !== undefined) return measureSite(values.site, values.rare, values.warm, values.out);
  const reports = Number(values.reports);
  const copies = Number(values.copies);
  const partitionYears = values['partition-years'] === '0' ? undefined : Number(values['partition-years']);
  for (const [name, value] of [['--reports', reports], ['--copies', copies]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a whole number from 1, not "${name === '--reports' ? values.reports : values.copies}"`);
  }
  if (partitionYears !== undefined && !(Number.isInteger(partitionYears) && partitionYears > 0)) {
    throw new Error(`--partition-years takes a whole number of years (0: one index), not "${values['partition-years']}"`);
  }
  const started = new Date();
  const machine = { cores: cpus().length, memoryBytes: totalmem(), cpu: cpus()[0]?.model ?? 'unknown', node: process.versions.node, loadAverageAtStart: loadavg() };
  const workDir = path.join(TMP, 'bench', `search-${reports}x${copies}`);
  const contentDir = path.join(workDir, 'content');
  const outDir = path.join(workDir, 'dist');
  const siteDir = path.join(workDir, 'scaled');
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });

  progress(`search at ${reports * copies}: generating and building ${reports} reports`);
  const manifest = await generateArchive({ dir: contentDir, count: reports, leadImages: false, bodyImages: false });
  await rm(buildCacheDir(ROOT, { outDir, base: '/', site: undefined, contentDir }), { recursive: true, force: true });
  const env = { ...HOSTING, ARCHIVE_CONTENT_DIR: contentDir, ARCHIVE_OUT_DIR: outDir, ARCHIVE_SEARCH_PARTITION_YEARS: '' };
  const build = await astroBuild(env, path.join(workDir, 'build.log'));
  if (!build.ok) throw new Error(`the build of ${reports} reports failed: see ${path.join(workDir, 'build.log')}`);

  progress(`search at ${reports * copies}: publishing each page ${copies} times`);
  await mkdir(siteDir, { recursive: true });
  // The site's 404 page: search-cost.ts opens a page that does not exist before it searches.
  await cp(path.join(outDir, '404.html'), path.join(siteDir, '404.html'));
  const records: { id: string; year: number }[] = [];
  for (const report of manifest) {
    const html = await readFile(path.join(outDir, reportPath(report.id), 'index.html'), 'utf8');
    for (let copy = 0; copy < copies; copy++) {
      const id = copyId(report.id, copy);
      const folder = path.join(siteDir, reportPath(id));
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 'index.html'), copyPage(html, report.rareWord, copy));
      records.push({ id, year: Number(id.slice(0, 4)) });
    }
  }
  await rm(outDir, { recursive: true, force: true });

  progress(`search at ${records.length}: indexing${partitionYears ? ` in partitions of ${partitionYears} years` : ' as one index'}`);
  const sampler = samplePeakMemory(process.pid, 100, false);
  const indexStarted = performance.now();
  const indexed = await buildSearchIndex(siteDir, records, { partitionYears, force: true });
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  const indexPeakRssBytes = sampler.stop();
  if (indexed.records !== records.length) throw new Error(`the index holds ${indexed.records} records, expected ${records.length}`);

  progress(`search at ${records.length}: searching in Chromium`);
  // The oldest report's last copy: its word's chunk is in the oldest partition, the last one merged.
  const oldest = manifest[manifest.length - 1]!;
  const queries = await measureIssueQueries(siteDir, copyRareWord(oldest.rareWord, copies - 1), manifest[0]!.rareWord);
  const result: SearchScaleResult = {
    startedAt: started.toISOString(),
    commit: gitCommit(),
    machine,
    built: { reports, seconds: build.seconds, cpuSeconds: build.cpuSeconds },
    records: records.length,
    ...(partitionYears ? { partitionYears } : {}),
    partitions: indexed.partitions.length,
    indexSeconds,
    indexPeakRssBytes,
    indexBytes: await bytesAt(path.join(siteDir, SEARCH_BUNDLE_FOLDER)),
    queries,
  };
  if (!values.keep) await rm(workDir, { recursive: true, force: true });
  const out = values.out ?? path.join(ROOT, 'tests/bench/results', `search-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2) + '\n');
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  process.stdout.write(
    [
      formatSearchTable(records.length, queries),
      '',
      `${records.length} records (${reports} pages built by Astro, each published ${copies} times), ${indexed.partitions.length} partition(s); index ${indexSeconds.toFixed(1)} s, Pagefind peak ${mib(indexPeakRssBytes)}, ${mib(result.indexBytes)} on disk`,
      `${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average at start ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}`,
      `results: ${path.relative(ROOT, out)}`,
    ].join('\n') + '\n',
  );
  return result;
}

/** `--site`: the same searches on a site indexed before, left as it is. */
async function measureSite(siteDir: string, rare: string | undefined, warmUp: string | undefined, out: string | undefined): Promise<SearchScaleResult> {
  if (!rare || !warmUp) throw new Error('--site needs --rare WORD (found in exactly one page) and --warm WORD (searched before each warm measurement)');
  const listFile = path.join(siteDir, SEARCH_BUNDLE_FOLDER, 'partitions.json');
  const list = JSON.parse(await readFile(listFile, 'utf8').catch(() => {
    throw new Error(`--site ${siteDir}: no ${listFile}; give the folder of a site with a search index (the bench's "scaled" folder)`);
  })) as { partitions: { records: number }[] };
  const started = new Date();
  const machine = { cores: cpus().length, memoryBytes: totalmem(), cpu: cpus()[0]?.model ?? 'unknown', node: process.versions.node, loadAverageAtStart: loadavg() };
  const records = list.partitions.reduce((sum, part) => sum + part.records, 0);
  progress(`search at ${records}: searching ${siteDir} in Chromium`);
  const queries = await measureIssueQueries(siteDir, rare, warmUp);
  const result: SearchScaleResult = {
    startedAt: started.toISOString(),
    commit: gitCommit(),
    machine,
    built: { reports: 0, seconds: 0, cpuSeconds: 0 },
    records,
    partitions: list.partitions.length,
    indexSeconds: 0,
    indexPeakRssBytes: 0,
    indexBytes: await bytesAt(path.join(siteDir, SEARCH_BUNDLE_FOLDER)),
    queries,
  };
  const file = out ?? path.join(ROOT, 'tests/bench/results', `search-site-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`${formatSearchTable(records, queries)}\n\n${records} records in ${list.partitions.length} partition(s) of ${siteDir}\nresults: ${path.relative(ROOT, file)}\n`);
  return result;
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench:search failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
