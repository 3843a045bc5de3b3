/**
 * `npm run bench` on a tiny archive: it runs end to end and records every figure with a sane
 * value. Timings are measured, never asserted: speed is the benchmark's business, not the tests'.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from '../bench/run.ts';
import { ROOT, TMP } from '../support/paths.ts';

function npmRunBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'bench', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

test('the benchmark measures a 20-report archive and writes every figure to JSON', { timeout: 300_000 }, async () => {
  const out = path.join(TMP, 'bench-e2e.json');
  await rm(out, { force: true });
  const run = await npmRunBench(['--sizes', '20', '--out', out]);
  assert.equal(run.code, 0, `bench failed:\n${run.stderr.slice(-3000)}`);
  assert.match(run.stderr, /20 reports: cold build/, 'progress is shown while it runs');
  assert.match(run.stdout, /\| 20 +\|/, 'a table row for the size');

  const results = JSON.parse(await readFile(out, 'utf8')) as BenchResults;
  assert.ok(results.machine.cores >= 1);
  assert.equal(results.sizes.length, 1);
  const [size] = results.sizes;
  assert.equal(size!.reports, 20);
  // Nothing changed: npm run build ran no index step (nor Astro: its log says up to date).
  assert.equal(size!.warm.ok, true);
  assert.equal(size!.warm.indexSecondsInBuild, undefined);
  for (const build of [size!.cold, size!.warmAstro!, size!.warmAfterEdit]) {
    assert.equal(build.ok, true);
    assert.ok(build.seconds > 0 && build.seconds < 600, `build seconds ${build.seconds}`);
    assert.ok(build.cpuSeconds > 0.5, `a build uses CPU, measured ${build.cpuSeconds} s`);
    // A Node process running Astro needs tens of MB at the very least, and far less than the machine.
    assert.ok(build.peakRssBytes > 50 * 2 ** 20 && build.peakRssBytes < results.machine.memoryBytes, `peak ${build.peakRssBytes}`);
    assert.ok(build.indexSecondsInBuild !== undefined && build.indexSecondsInBuild >= 0);
  }
  assert.ok(size!.indexSeconds > 0);
  assert.ok(size!.site.pages > 20, 'one page per report, and more');
  assert.ok(size!.site.indexBytes > 0 && size!.site.indexBytes < size!.site.outputBytes);
  const article = size!.article;
  assert.match(article.path, /^news\/\d{4}\/report-\d{6}\/$/);
  assert.ok(article.htmlBytes > 1000, 'an article of 400+ words');
  assert.ok(article.cssBytes > 0 && article.assets.some((a) => a.endsWith('.css')), 'the stylesheet is counted');
  assert.equal(article.jsBytes, 0, `article pages load no JavaScript, but load ${article.assets.join(', ')}`);

  // Hugo + Pagefind over the same archive, in the same run: the yardstick the targets are set against.
  const hugo = size!.hugo!;
  assert.match(hugo.hugoVersion, /hugo v0\.\d+/);
  for (const step of [hugo.hugo, hugo.pagefind]) {
    // Memory is sampled every 100 ms: a step over 20 pages may end before its first full sample,
    // so only a sample is required here; at the bench's sizes the steps run for seconds.
    assert.ok(step.seconds > 0 && step.cpuSeconds > 0 && step.peakRssBytes > 0, JSON.stringify(step));
  }
  assert.ok(hugo.peakRssBytes >= Math.max(hugo.hugo.peakRssBytes, hugo.pagefind.peakRssBytes), 'the pair peaks at the larger of the two');
  assert.match(run.stdout, /Hugo \+ Pagefind/, 'the comparison table is printed');

  assert.equal(results.search?.reports, 20);
  const queries = results.search!.queries;
  assert.deepEqual(queries.map((q) => q.name), ['rare word', 'common word', 'two words', 'phrase']);
  assert.equal(queries[0]!.cold.results, 1, 'the rare word is in exactly one report');
  for (const q of queries) {
    assert.ok(q.cold.results >= 1 && q.warm.results === q.cold.results, `${q.query}: ${q.cold.results}/${q.warm.results} results`);
    // Cold loads Pagefind itself (script + WASM, tens of KB); warm fetches at most what this query adds.
    assert.ok(q.cold.bytes > 10_000 && q.warm.bytes < q.cold.bytes, `${q.query}: ${q.cold.bytes} / ${q.warm.bytes} bytes`);
    assert.ok(q.cold.gzipBytes > 0 && q.cold.gzipBytes < q.cold.bytes, 'Pagefind script compresses');
    assert.ok(q.cold.ms > 0 && q.warm.ms > 0);
  }
});
