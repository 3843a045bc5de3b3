/**
 * When Pagefind cannot make its output folder, its service panics and its Node API never answers:
 * a build waited for ever. The folder is made first (src/search/build/write-pagefind-files.ts), so
 * the build fails at once, naming it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSearchIndex } from '../../../src/search/build/pagefind-integration.ts';
import { pagePath } from '../../../src/search/build/feed/page-feed.ts';

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
