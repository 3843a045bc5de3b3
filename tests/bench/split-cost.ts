/**
 * `node tests/bench/split-cost.ts [--reports 2000] [--years 8] [--no-images] [--out FILE]`
 *
 * What splitting the build across machines costs (issue 14): a generated archive of `--reports`
 * reports over 2008-2023, cut into two search partitions of `--years` years, built cold as one
 * build, then as each part (the two partitions and the listings) one after another, as separate
 * machines would, then merged. Prints wall time, CPU time (user+sys of the whole process tree)
 * and peak memory of each run, and whether the merged folder is byte-identical to the single
 * build (`diff -r`). Runs are sequential so that each one's CPU time is its own; a CI matrix runs
 * the parts at once, on machines of their own, so its wall time is the slowest part's plus the
 * merge's. Every folder and cache it makes is under tests/.tmp/bench-split/ and removed first.
 */
import { spawnSync } from 'node:child_process';
import { rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateArchive } from './generate.ts';
import { runMeasured, type MeasuredRun } from './process-tree.ts';
import { buildCacheDir } from '../../src/output/cache/build-cache.ts';
import { allPartNames } from '../../src/build-parts/build-part.ts';
import { archiveYears } from '../../src/build-parts/part-fingerprint.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORK = path.join(ROOT, 'tests/.tmp/bench-split');
const { values } = parseArgs({
  options: { reports: { type: 'string', default: '2000' }, years: { type: 'string', default: '8' }, 'no-images': { type: 'boolean', default: false }, out: { type: 'string' } },
});
const count = Number(values.reports);
const span = values.years!;
const log = (message: string) => process.stderr.write(`[split-cost ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const content = path.join(WORK, 'content');
const site = path.join(WORK, 'site');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ARCHIVE_CONTENT_DIR: content, ARCHIVE_SEARCH_PARTITION_YEARS: span, SITE_URL: 'https://archive.example.org' };
const astro = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

async function removeCache(outDir: string, part?: string) {
  await rm(buildCacheDir(ROOT, { outDir, base: '/', site: env.SITE_URL, contentDir: content, ...(part ? { part } : {}) }), { recursive: true, force: true });
}

async function measuredBuild(label: string, outDir: string, part?: string): Promise<MeasuredRun> {
  await removeCache(outDir, part);
  await rm(outDir, { recursive: true, force: true });
  log(`building ${label}...`);
  const run = await runMeasured(process.execPath, [astro, 'build'], { cwd: ROOT, env: { ...env, ARCHIVE_OUT_DIR: outDir, ...(part ? { ARCHIVE_BUILD_PART: part } : {}) } }, path.join(WORK, `${label}.log`));
  if (run.code !== 0) throw new Error(`${label} failed:\n${run.output.slice(-3000)}`);
  log(`${label}: ${run.seconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU, ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB peak`);
  return run;
}

await rm(WORK, { recursive: true, force: true });
log(`generating ${count} reports`);
await generateArchive({ dir: content, count, seed: 14, years: [2008, 2023], leadImages: !values['no-images'] });
const parts = allPartNames(archiveYears(content), Number(span));
const load = os.loadavg()[0]!.toFixed(1);

const whole = await measuredBuild('whole', site);
await rename(site, path.join(WORK, 'whole'));
const partRuns: [string, MeasuredRun][] = [];
for (const part of parts) partRuns.push([part, await measuredBuild(`part-${part}`, path.join(WORK, 'parts', part), part)]);
log('merging...');
const merge = await runMeasured(process.execPath, ['src/build-parts/merge-cli.ts', '--into', site, ...parts.map((p) => path.join(WORK, 'parts', p))], { cwd: ROOT, env }, path.join(WORK, 'merge.log'));
if (merge.code !== 0) throw new Error(`merge failed:\n${merge.output}`);
const diff = spawnSync('diff', ['-rq', path.join(WORK, 'whole'), site], { encoding: 'utf8' });
const identical = diff.status === 0;

const row = (label: string, run: MeasuredRun) => `| ${label} | ${run.seconds.toFixed(1)} | ${run.cpuSeconds.toFixed(1)} | ${(run.peakRssBytes / 2 ** 20).toFixed(0)} |`;
const slowest = Math.max(...partRuns.map(([, run]) => run.seconds));
const table = [
  `${count} reports${values['no-images'] ? ' (no photos)' : ', with lead photos'}, ARCHIVE_SEARCH_PARTITION_YEARS=${span}; ${os.availableParallelism()} cores, load ${load} at the start; ${new Date().toISOString().slice(0, 16)}Z`,
  '',
  '| run | wall s | CPU s | peak MiB |',
  '| --- | ---: | ---: | ---: |',
  row('whole build', whole),
  ...partRuns.map(([part, run]) => row(`part ${part}`, run)),
  row('merge-parts (copy + full check)', merge),
  `| parts together (CPU sum; wall of a matrix: slowest part + merge) | ${(slowest + merge.seconds).toFixed(1)} | ${(partRuns.reduce((sum, [, run]) => sum + run.cpuSeconds, 0) + merge.cpuSeconds).toFixed(1)} | |`,
  '',
  `merged folder byte-identical to the whole build (diff -r): ${identical ? 'yes' : `NO\n${diff.stdout.slice(0, 2000)}`}`,
].join('\n');
console.log(table);
if (values.out) await writeFile(values.out, `${table}\n`);
await Promise.all([removeCache(site), ...parts.map((p) => removeCache(path.join(WORK, 'parts', p), p))]);
