/**
 * The cache of rendered report bodies: a key changes with anything the HTML is made from, no key
 * leads outside the cache folder, and pruning deletes only the bodies no report uses, never a
 * file the cache did not write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cachedKeys, htmlCacheFile, htmlCacheKey, unusedCacheFiles } from '../../../src/output/cache/html-cache-key.ts';
import { openReportHtmlCache, readReportHtml } from '../../../src/output/cache/report-html-cache.ts';

const TEXT = '---\ntitle: A\n---\n\nBody.\n';

test('a key changes with the file, its path and the pipeline, and only with them', () => {
  const key = htmlCacheKey('pipeline-1', 'content/news/2020/a.md', TEXT);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(htmlCacheKey('pipeline-1', 'content/news/2020/a.md', TEXT), key);
  assert.notEqual(htmlCacheKey('pipeline-1', 'content/news/2020/a.md', `${TEXT} `), key, 'one more byte in the file');
  assert.notEqual(htmlCacheKey('pipeline-1', 'content/news/2020/b.md', TEXT), key, 'another path: image references are relative to it');
  assert.notEqual(htmlCacheKey('pipeline-2', 'content/news/2020/a.md', TEXT), key, 'another pipeline');
  // The parts cannot run into each other.
  assert.notEqual(htmlCacheKey('p', 'ab', 'c'), htmlCacheKey('p', 'a', 'bc'));
});

test('only a key names a file in the cache: a path, a parent folder or an empty name is refused', () => {
  const key = htmlCacheKey('p', 'a.md', TEXT);
  assert.equal(htmlCacheFile('/cache/report-html', key), `/cache/report-html/${key}.html`);
  for (const bad of ['../../etc/passwd', `../${key}`, '', key.toUpperCase(), `${key}/x`, key.slice(1)]) {
    assert.throws(() => htmlCacheFile('/cache/report-html', bad), /not a report HTML cache key/, bad);
  }
});

test('pruning picks the bodies of unused keys and nothing the cache does not write', () => {
  const used = htmlCacheKey('p', 'used.md', TEXT);
  const old = htmlCacheKey('p', 'old.md', TEXT);
  const names = [`${used}.html`, `${old}.html`, 'notes.txt', `${old}.html.tmp`, 'report-html', `${old}`];
  assert.deepEqual(unusedCacheFiles(names, new Set([used])), [`${old}.html`]);
  assert.deepEqual([...cachedKeys(names)].sort(), [used, old].sort());
});

test('the cache writes, reads and prunes inside its folder only', async () => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'report-html-'));
  const folder = path.join(scratch, 'report-html');
  const a = htmlCacheKey('p', 'a.md', 'A');
  const b = htmlCacheKey('p', 'b.md', 'B');
  const cache = await openReportHtmlCache(folder);
  cache.write(a, '<p>A</p>');
  cache.write(b, '<p>B</p>');
  await writeFile(path.join(folder, 'keep-me.txt'), 'not the cache’s');
  await mkdir(path.join(scratch, 'beside'));
  await writeFile(path.join(scratch, 'beside', `${b}.html`), 'outside the folder');
  assert.equal(readReportHtml(folder, a), '<p>A</p>');
  const reopened = await openReportHtmlCache(folder);
  assert.equal(reopened.has(a), true);
  assert.equal(await reopened.prune(new Set([a])), 1);
  assert.equal(reopened.has(b), false);
  assert.deepEqual((await readdir(folder)).sort(), [`${a}.html`, 'keep-me.txt'].sort());
  assert.ok(existsSync(path.join(scratch, 'beside', `${b}.html`)));
});
