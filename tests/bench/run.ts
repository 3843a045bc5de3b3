/**
 * `npm run bench [-- --sizes 1000,10000] [--search-size N] [--out FILE] [--no-hugo] [--no-images] [--partition-years N]`
 *
 * For each size: a synthetic archive (tests/bench/generate.ts) built through ARCHIVE_CONTENT_DIR
 * with `npm run build`'s command (src/output/up-to-date/build-cli.ts): cold (caches removed), with
 * nothing changed (the up-to-date check), the same as a plain `astro build` (Astro's warm path,
 * what an edit costs before its own work), and after editing one report; the
 * search-index step on its own; peak memory of the build's process tree; what was produced; and
 * the article page's weight; and Hugo + Pagefind over the same archive in the same run
 * (hugo-baseline.ts), the yardstick of issue 14. Then the cost of four searches in Chromium on one archive (10,000
 * reports when that size is run). Progress goes to stderr, a table to stdout, and every figure to
 * a JSON file (tests/bench/results/, git-ignored) to compare commits.
 */
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateArchive, type SyntheticReport } from './generate.ts';
import { runMeasured, samplePeakMemory } from './process-tree.ts';
import { pageWeight, siteSize, type PageWeight, type SiteSize } from './site-size.ts';
import { measureIssueQueries, type SearchCost } from './search-cost.ts';
import { hugoBaseline, type HugoBaseline } from './hugo-baseline.ts';
import { buildSearchIndex } from '../../src/search/build/pagefind-integration.ts';
import { buildCacheDir } from '../../src/output/cache/build-cache.ts';
import { ROOT, TMP } from '../support/paths.ts';
import { reportPath } from '../../src/urls/site-paths.ts';
import { SETTLE_MS } from '../../src/reports/source-stamp/source-stamp.ts';

export interface BuildRun {
  ok: boolean;
  seconds: number;
  /** CPU time of the build's process tree, all cores together. */
  cpuSeconds: number;
  peakRssBytes: number;
  /** The search-index step as the build's own log timed it. */
  indexSecondsInBuild?: number;
}

export interface SizeResult {
  reports: number;
  generateSeconds: number;
  cold: BuildRun;
  /** `npm run build` with nothing changed: the up-to-date check, no Astro. */
  warm: BuildRun;
  /** A plain `astro build` with nothing changed: every step of a rebuild, none with work to do. */
  warmAstro?: BuildRun;
  warmAfterEdit: BuildRun;
  /** Pagefind over the built site, run on its own (every partition indexed). */
  indexSeconds: number;
  /** Peak resident memory of Pagefind's process(es) during that run. */
  indexPeakRssBytes: number;
  /** ARCHIVE_SEARCH_PARTITION_YEARS of the run, and the partitions it made. */
  partitionYears?: number;
  partitions: number;
  site: SiteSize;
  article: PageWeight & { path: string };
  /** After the cold build: Astro's content store (its file or split files), and the cached report bodies beside it. */
  cache: { storeBytes: number; htmlBytes: number };
  /** Hugo + Pagefind over the same generated archive, built right after ours (absent with --no-hugo). */
  hugo?: HugoBaseline;
}

export interface BenchResults {
  startedAt: string;
  commit: string;
  machine: { cores: number; memoryBytes: number; cpu: string; node: string; loadAverageAtStart: number[] };
  sizes: SizeResult[];
  search?: { reports: number; queries: SearchCost[] };
}

const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
/** What `npm run build` runs. */
const BUILD_CLI = path.join(ROOT, 'src/output/up-to-date/build-cli.ts');
const BENCH_TMP = path.join(TMP, 'bench');

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * One build as `npm run build` runs it (or, `plain`, as `astro build`), timed, with the peak
 * memory of its whole process tree; log kept in `logFile`.
 */
export async function astroBuild(env: Record<string, string>, logFile: string, plain = false): Promise<BuildRun> {
  const { code, output, seconds, cpuSeconds, peakRssBytes } = await runMeasured(
    process.execPath,
    plain ? [ASTRO, 'build'] : [BUILD_CLI],
    { cwd: ROOT, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env } },
    logFile,
  );
  const indexMs = /search index: \d+ records in (\d+) ms/.exec(output)?.[1];
  if (code !== 0) progress(`build failed (exit ${code}); log: ${logFile}\n${output.slice(-3000)}`);
  return { ok: code === 0, seconds, cpuSeconds, peakRssBytes, indexSecondsInBuild: indexMs ? Number(indexMs) / 1000 : undefined };
}

/** The bench's builds are at the root of their site, with no site URL. */
export const HOSTING = { BASE_PATH: '', SITE_URL: '' };

/**
 * A cold start: Astro's generated types, this build's own cache folder (content store, Vite's
 * dependency cache, incremental pages: see src/output/cache/build-cache.ts) and its output. Other builds'
 * caches in node_modules/.astro are left alone.
 */
async function clearBuildCaches(outDir: string, contentDir: string): Promise<void> {
  const cacheDir = buildCacheDir(ROOT, { outDir, base: '/', site: undefined, contentDir });
  for (const dir of [path.join(ROOT, '.astro'), cacheDir, outDir]) {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Bytes of a file, or of every file under a folder; 0 when absent. */
export async function bytesAt(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(target, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function cacheSizes(outDir: string, contentDir: string): Promise<SizeResult['cache']> {
  const cacheDir = buildCacheDir(ROOT, { outDir, base: '/', site: undefined, contentDir });
  return {
    storeBytes: (await bytesAt(path.join(cacheDir, 'data-store.json'))) + (await bytesAt(path.join(cacheDir, 'data-store'))),
    htmlBytes: await bytesAt(path.join(cacheDir, 'report-html')),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

async function benchSize(reports: number, withHugo: boolean, partitionYears: number | undefined, withImages = true): Promise<{ result: SizeResult; manifest: SyntheticReport[]; siteDir: string }> {
  const workDir = path.join(BENCH_TMP, String(reports));
  const contentDir = path.join(workDir, 'content');
  const outDir = path.join(workDir, 'dist');
  await mkdir(workDir, { recursive: true });
  const env = { ...HOSTING, ARCHIVE_CONTENT_DIR: contentDir, ARCHIVE_OUT_DIR: outDir, ARCHIVE_SEARCH_PARTITION_YEARS: partitionYears ? String(partitionYears) : '' };

  progress(`${reports} reports: generating`);
  const [manifest, generateSeconds] = await timed(() => generateArchive({ dir: contentDir, count: reports, leadImages: withImages, bodyImages: withImages }));

  const build = async (label: string, plain = false): Promise<BuildRun> => {
    progress(`${reports} reports: ${label} build`);
    const run = await astroBuild(env, path.join(workDir, `${label}.log`), plain);
    if (!run.ok) throw new Error(`${label} build of ${reports} reports failed: see ${path.join(workDir, `${label}.log`)}`);
    progress(`${reports} reports: ${label} build ${run.seconds.toFixed(1)} s (CPU ${run.cpuSeconds.toFixed(1)} s), peak ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
    // Astro logs each image it makes with its sizes, and each it takes from its cache as reused.
    const log = await readFile(path.join(workDir, `${label}.log`), 'utf8');
    progress(`${reports} reports: ${label} build images: ${log.match(/\(before: \d+kB/g)?.length ?? 0} made, ${log.match(/\(reused cache entry\)/g)?.length ?? 0} reused from the cache`);
    return run;
  };

  await clearBuildCaches(outDir, contentDir);
  // A file written within SETTLE_MS of a build cannot vouch for itself at the next (src/output/up-to-date/).
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const cold = await build('cold');
  const site = await siteSize(outDir);
  const cache = await cacheSizes(outDir, contentDir);
  const article = manifest[0]!;
  const articlePath = reportPath(article.id);
  const weight = { path: articlePath, ...(await pageWeight(outDir, '/', articlePath)) };

  // Nothing changed, so no file should even be read again; first as `npm run build` (the
  // up-to-date check), then as a plain `astro build`, which runs every step of a rebuild.
  const warm = await build('warm');
  if (!/up to date: nothing changed/.test(await readFile(path.join(workDir, 'warm.log'), 'utf8'))) throw new Error('npm run build found a change in an archive that had none: see warm.log');
  const warmAstro = await build('warm-astro', true);
  // An editor corrects one report: its body changes, nothing else does.
  await appendFile(article.file, `\nCorrection: a figure in this report was updated by the editor (${reports}).\n`);
  const warmAfterEdit = await build('warm-after-edit');
  const edited = await readFile(path.join(outDir, articlePath, 'index.html'), 'utf8');
  if (!edited.includes('Correction: a figure in this report was updated')) {
    throw new Error(`the rebuild after editing ${article.file} did not publish the edit`);
  }

  // Last: it rewrites the search bundle, which the next build would then rebuild from empty.
  progress(`${reports} reports: search index on its own`);
  const sampler = samplePeakMemory(process.pid, 100, false);
  const ids = manifest.map((report) => ({ id: report.id, year: Number(report.id.slice(0, 4)) }));
  const [indexed, indexSeconds] = await timed(() => buildSearchIndex(outDir, ids, { partitionYears, force: true }));
  const indexPeakRssBytes = sampler.stop();
  // Pagefind's processes are counted in this process's children's CPU time once waited for, a
  // moment after they are closed: wait, or their CPU time is counted in the next build's.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  if (indexed.records !== reports) throw new Error(`the index holds ${indexed.records} records, expected ${reports}`);
  progress(`${reports} reports: index alone ${s(indexSeconds)} in ${indexed.partitions.length} partition(s), Pagefind peak ${mib(indexPeakRssBytes)}`);

  let hugo: HugoBaseline | undefined;
  if (withHugo) {
    progress(`${reports} reports: Hugo + Pagefind over the same archive`);
    hugo = await hugoBaseline(contentDir, workDir, reports);
    progress(`${reports} reports: Hugo ${s(hugo.hugo.seconds)} + Pagefind ${s(hugo.pagefind.seconds)} (CPU ${s(hugo.totalCpuSeconds)}), peak ${mib(hugo.peakRssBytes)}`);
  }

  return {
    result: {
      reports, generateSeconds, cold, warm, warmAstro, warmAfterEdit, indexSeconds, indexPeakRssBytes,
      ...(partitionYears ? { partitionYears } : {}), partitions: indexed.partitions.length, site, article: weight, cache, hugo,
    },
    manifest,
    siteDir: outDir,
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const s = (seconds: number) => `${seconds.toFixed(1)} s`;
const run = (build: BuildRun) => `${s(build.seconds)} (${s(build.cpuSeconds)})`;
const peakOf = (r: SizeResult) => Math.max(...[r.cold, r.warm, r.warmAstro, r.warmAfterEdit].map((build) => build?.peakRssBytes ?? 0));

export function formatTable(results: BenchResults): string {
  const rows: string[][] = [
    ['reports', 'cold build (CPU)', '(index in build)', 'index alone (Pagefind peak RSS, partitions)', 'unchanged: npm run build (CPU)', 'unchanged: astro build (CPU)', 'warm, 1 edited (CPU)', 'peak RSS', 'pages', 'output', 'index', 'content store', 'cached HTML', 'article HTML+CSS', 'article JS'],
  ];
  for (const r of results.sizes) {
    rows.push([
      String(r.reports), run(r.cold), r.cold.indexSecondsInBuild === undefined ? '-' : s(r.cold.indexSecondsInBuild),
      `${s(r.indexSeconds)} (${mib(r.indexPeakRssBytes ?? 0)}, ${r.partitions ?? 1})`, run(r.warm), r.warmAstro ? run(r.warmAstro) : '-', run(r.warmAfterEdit),
      mib(peakOf(r)),
      String(r.site.pages), mib(r.site.outputBytes), mib(r.site.indexBytes), mib(r.cache.storeBytes), mib(r.cache.htmlBytes),
      kb(r.article.htmlBytes + r.article.cssBytes), `${r.article.jsBytes} B`,
    ]);
  }
  const lines = [markdownTable(rows)];
  const compared = results.sizes.filter((r) => r.hugo);
  if (compared.length > 0) {
    const hugo: string[][] = [['reports', 'this archive, cold (CPU)', 'Hugo (CPU)', 'Pagefind on Hugo (CPU)', 'Hugo + Pagefind', 'ratio (wall)', 'peak RSS: ours / Hugo + Pagefind']];
    for (const r of compared) {
      const h = r.hugo!;
      const ours = peakOf(r);
      hugo.push([
        String(r.reports), run(r.cold), `${s(h.hugo.seconds)} (${s(h.hugo.cpuSeconds)})`, `${s(h.pagefind.seconds)} (${s(h.pagefind.cpuSeconds)})`,
        `${s(h.totalSeconds)} (${s(h.totalCpuSeconds)})`, `${(r.cold.seconds / h.totalSeconds).toFixed(2)}x`, `${mib(ours)} / ${mib(h.peakRssBytes)}`,
      ]);
    }
    lines.push('', markdownTable(hugo));
  }
  if (results.search) lines.push('', formatSearchTable(results.search.reports, results.search.queries));
  const m = results.machine;
  lines.push('', `${m.cores} cores (${m.cpu}), ${mib(m.memoryBytes)} RAM, Node ${m.node}, load average at start ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}`);
  return lines.join('\n');
}

export function formatSearchTable(reports: number, queries: readonly SearchCost[]): string {
  const search: string[][] = [[`search (${reports} reports)`, 'query', 'results', 'cold: bytes (gzip host)', 'cold time', 'warm: bytes (gzip host)', 'warm time']];
  const bytes = (m: SearchCost['cold']) => `${kb(m.bytes)} (${kb(m.gzipBytes)})`;
  for (const q of queries) {
    search.push([q.name, q.query, String(q.cold.results), bytes(q.cold), `${q.cold.ms.toFixed(0)} ms`, bytes(q.warm), `${q.warm.ms.toFixed(0)} ms`]);
  }
  // What the search page shows first: the newest partition's results (the same search unpartitioned).
  const first: string[][] = [['newest partition first', 'query', 'results', 'cold: bytes (gzip host)', 'cold time', 'warm: bytes (gzip host)', 'warm time']];
  for (const q of queries) {
    if (!q.coldFirst || !q.warmFirst) continue;
    first.push([q.name, q.query, String(q.coldFirst.results), bytes(q.coldFirst), `${q.coldFirst.ms.toFixed(0)} ms`, bytes(q.warmFirst), `${q.warmFirst.ms.toFixed(0)} ms`]);
  }
  return first.length > 1 ? `${markdownTable(search)}\n\n${markdownTable(first)}` : markdownTable(search);
}

function markdownTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

export function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[]): Promise<BenchResults> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      'search-size': { type: 'string' },
      out: { type: 'string' },
      'keep-sites': { type: 'boolean', default: false },
      'no-hugo': { type: 'boolean', default: false },
      // Photos (a lead image in one report in ten, a body photo in another) are on by default; off,
      // the archive is text only, as the figures before photos and Hugo's site (which makes no images).
      'no-images': { type: 'boolean', default: false },
      'partition-years': { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map((v) => Number(v.replace(/[_\s]/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes takes report counts such as 1000,10000, not "${values.sizes}"`);
  const searchSize = values['search-size'] ? Number(values['search-size']) : sizes.includes(10_000) ? 10_000 : Math.max(...sizes);
  if (!sizes.includes(searchSize)) throw new Error(`--search-size ${searchSize} must be one of --sizes`);

  const partitionYears = values['partition-years'] ? Number(values['partition-years']) : undefined;
  if (partitionYears !== undefined && !(Number.isInteger(partitionYears) && partitionYears > 0)) throw new Error(`--partition-years takes a whole number of years, not "${values['partition-years']}"`);
  const started = new Date();
  const results: BenchResults = {
    startedAt: started.toISOString(),
    commit: gitCommit(),
    machine: {
      cores: cpus().length,
      memoryBytes: totalmem(),
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.versions.node,
      loadAverageAtStart: loadavg(),
    },
    sizes: [],
  };
  for (const reports of sizes) {
    const { result, manifest, siteDir } = await benchSize(reports, !values['no-hugo'], partitionYears, !values['no-images']);
    results.sizes.push(result);
    if (reports === searchSize) {
      progress(`${reports} reports: searching in Chromium`);
      const rare = manifest[manifest.length - 1]!.rareWord;
      const queries = await measureIssueQueries(siteDir, rare, manifest[0]!.rareWord);
      results.search = { reports, queries };
    }
    if (!values['keep-sites']) await rm(path.dirname(siteDir), { recursive: true, force: true });
  }
  const out = values.out ?? path.join(ROOT, 'tests/bench/results', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`${formatTable(results)}\n\nresults: ${path.relative(ROOT, out)}\n`);
  return results;
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
