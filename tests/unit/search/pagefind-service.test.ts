/**
 * The two ways Pagefind's service left a build waiting for ever (src/search/build/pagefind-service.ts):
 * its process ended unasked (killed for want of memory), or it could not make its output folder.
 * Either way the build now fails at once, saying why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSearchIndex } from '../../../src/search/build/pagefind-integration.ts';
import { pagePath } from '../../../src/search/build/feed/page-feed.ts';
import * as service from '../../../src/search/build/pagefind-service.ts';

/** The pids of this process's Pagefind children, from /proc (Linux, as CI). */
async function pagefindChildren(): Promise<number[]> {
  const pids: number[] = [];
  for (const task of await readdir('/proc/self/task')) {
    const children = await readFile(`/proc/self/task/${task}/children`, 'utf8').catch(() => '');
    for (const pid of children.split(' ').filter(Boolean).map(Number)) {
      const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
      if (name.startsWith('pagefind')) pids.push(pid);
    }
  }
  return pids;
}

const page = (n: number) => `<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Report ${n}</h1><p>The launch of probe ${n}.</p></main></body></html>`;

test('Pagefind\'s process ended unasked (as the out-of-memory killer ends it): the call waiting on it fails at once, saying why and what to do', { timeout: 60_000 }, async (t) => {
  t.after(() => service.close());
  const { index } = await service.createIndex({});
  assert.ok(index);
  assert.equal((await index.addHTMLFile({ url: '/1/', content: page(1) })).errors.length, 0);
  const [pid] = await pagefindChildren();
  assert.ok(pid, 'the service runs as a child process');
  process.kill(pid, 'SIGKILL');
  const waited = new Promise<'waited'>((resolve) => setTimeout(resolve, 20_000, 'waited').unref());
  const outcome = await Promise.race([index.addHTMLFile({ url: '/2/', content: page(2) }).then(() => 'indexed', (error: Error) => error), waited]);
  assert.ok(outcome instanceof service.PagefindStopped, String(outcome));
  assert.match(outcome.message, /^Pagefind's indexing process was stopped by SIGKILL \(on Linux, usually the system ending it for want of memory\) before the search index was written: .* build the archive in parts/);
  const later = await index.writeFiles({ outputPath: path.join(tmpdir(), 'never-written') }).then(() => 'written', (error: Error) => error);
  assert.ok(later instanceof service.PagefindStopped, 'every later call fails the same way');
});

test('killed while pages are being written to it, every waiting call still fails with the explanation, not Pagefind\'s broken pipe', { timeout: 60_000 }, async (t) => {
  t.after(() => service.close());
  const { index } = await service.createIndex({});
  assert.ok(index);
  const long = (n: number) => page(n).replace('</p>', ` ${'words of the report '.repeat(400)}</p>`);
  const calls = Array.from({ length: 300 }, (_, n) => index.addHTMLFile({ url: `/${n}/`, content: long(n) }).then(() => 'indexed', (error: Error) => error));
  const [pid] = await pagefindChildren();
  assert.ok(pid);
  process.kill(pid, 'SIGKILL');
  const outcomes = await Promise.all(calls);
  const failures = outcomes.filter((outcome): outcome is Error => outcome instanceof Error);
  assert.ok(failures.length > 0, 'the calls after the kill failed');
  for (const failure of failures) assert.ok(failure instanceof service.PagefindStopped, `${failure.message}`);
});

test('a service closed as asked is no failure: the next index, in a new process, works while the old one exits', { timeout: 60_000 }, async (t) => {
  t.after(() => service.close());
  const outputPath = await mkdtemp(path.join(tmpdir(), 'pagefind-service-'));
  t.after(() => rm(outputPath, { recursive: true, force: true }));
  for (let round = 1; round <= 3; round++) {
    const { index } = await service.createIndex({});
    assert.ok(index);
    for (let n = 1; n <= 20; n++) assert.deepEqual((await index.addHTMLFile({ url: `/${round}/${n}/`, content: page(n) })).errors, []);
    assert.deepEqual((await service.writePagefindFiles(index, outputPath)).errors, []);
    await service.close();
  }
  const { index } = await service.createIndex({});
  assert.ok(index);
  assert.deepEqual((await index.addHTMLFile({ url: '/last/', content: page(0) })).errors, [], 'the closed services\' exits did not end this one');
});

test('a file where the search bundle\'s folder goes fails the index at once, naming the folder, instead of leaving the build waiting', { timeout: 60_000 }, async (t) => {
  const siteDir = await mkdtemp(path.join(tmpdir(), 'write-pagefind-files-'));
  t.after(() => rm(siteDir, { recursive: true, force: true }));
  const reports = [2019, 2024].map((year) => ({ id: `${year}/launch`, year }));
  for (const { id } of reports) {
    const page = path.join(siteDir, pagePath(id));
    await mkdir(path.dirname(page), { recursive: true });
    await writeFile(page, `<!doctype html><html lang="en"><body><main data-pagefind-body><h1 data-pagefind-meta="title">Launch ${id}</h1><p>The launch.</p></main></body></html>`);
  }
  await writeFile(path.join(siteDir, 'pagefind'), 'a file, not a folder');
  // Two partitions: each bundle goes into a folder under pagefind/.
  const waited = new Promise<'waited'>((resolve) => setTimeout(resolve, 30_000, 'waited').unref());
  const outcome = await Promise.race([buildSearchIndex(siteDir, reports, { partitionYears: 2 }).then(() => 'indexed', (error: Error) => error.message), waited]);
  assert.match(outcome, new RegExp(`^The search index cannot be written into ${path.join(siteDir, 'pagefind')}/\\d{4}-\\d{4} \\(ENOTDIR: not a directory, mkdir .*\\): remove the file that stands where that folder or one of its parents must be$`));
});

test('through the search index build: Pagefind killed while it indexes a partition fails the index, saying why, instead of leaving the build waiting', { timeout: 120_000 }, async (t) => {
  const siteDir = await mkdtemp(path.join(tmpdir(), 'pagefind-killed-'));
  t.after(() => rm(siteDir, { recursive: true, force: true }));
  const reports = Array.from({ length: 3000 }, (_, n) => ({ id: `${2000 + (n % 20)}/report-${n}`, year: 2000 + (n % 20) }));
  for (const [n, { id }] of reports.entries()) {
    const file = path.join(siteDir, pagePath(id));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, page(n));
  }
  const building = buildSearchIndex(siteDir, reports, { partitionYears: 5 }).then(() => 'indexed', (error: Error) => error);
  let killed = false;
  while (!killed) {
    const [pid] = await pagefindChildren();
    if (pid) killed = (process.kill(pid, 'SIGKILL'), true);
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const waited = new Promise<'waited'>((resolve) => setTimeout(resolve, 60_000, 'waited').unref());
  const outcome = await Promise.race([building, waited]);
  assert.ok(outcome instanceof Error, String(outcome));
  assert.match(outcome.message, /Pagefind's indexing process was stopped by SIGKILL/);
});
