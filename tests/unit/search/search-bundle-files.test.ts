/**
 * Against real Pagefind bundles: the live set read from a bundle is exactly its hashed files, and
 * re-indexing into the same folder leaves behind precisely the files of what changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { filesUnder } from '../../../src/output/files-under.ts';
import { liveBundleFiles, missingBundleFiles, staleBundleFiles } from '../../../src/search/build/search-bundle-files.ts';
import { readMetadata, UnknownBundleFormat } from '../../../src/search/build/pagefind-format.ts';

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>${text}</p></main></body></html>`;

async function indexInto(outputPath: string, pages: Record<string, string>): Promise<void> {
  const { index } = await pagefind.createIndex({});
  for (const [url, html] of Object.entries(pages)) {
    const added = await index!.addHTMLFile({ url, content: html });
    assert.deepEqual(added.errors, []);
  }
  assert.deepEqual((await index!.writeFiles({ outputPath })).errors, []);
}

const entryOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'pagefind-entry.json'), 'utf8'));
const live = async (dir: string) => liveBundleFiles(await entryOf(dir), (file) => readFileSync(path.join(dir, file)));
const hashedFiles = (files: string[]) => files.filter((f) => /^(fragment|index|filter)\/|\.pf_meta$/.test(f));

test('a bundle re-indexed in place keeps only the files its index uses', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'bundle-'));
  t.after(async () => {
    await pagefind.close();
    await rm(dir, { recursive: true, force: true });
  });
  const first = { '/a/': page('Alpha report', 'Shipyards in Dalian.'), '/b/': page('Beta report', 'Satellites over Xichang.'), '/c/': page('Gamma report', 'A retracted claim.') };
  await indexInto(dir, first);
  const before = await filesUnder(dir);
  const liveBefore = await live(dir);
  assert.equal([...liveBefore].filter((f) => f.startsWith('fragment/')).length, 3, 'one fragment per page');
  assert.deepEqual([...liveBefore].sort(), hashedFiles(before).sort(), 'the live set is every hashed file of a fresh bundle');

  // One report edited, one deleted, one unchanged: indexed into the same folder.
  await indexInto(dir, { '/a/': first['/a/'], '/b/': page('Beta report', 'Satellites over Wenchang, corrected.') });
  const after = await filesUnder(dir);
  const liveAfter = await live(dir);
  assert.deepEqual(missingBundleFiles(after, liveAfter), []);
  const stale = staleBundleFiles(after, liveAfter);
  const oldFragments = [...liveBefore].filter((f) => f.startsWith('fragment/') && !liveAfter.has(f));
  assert.equal(oldFragments.length, 2, "the edited and the deleted reports' old fragments");
  for (const file of oldFragments) assert.ok(stale.includes(file), `${file} is stale`);
  assert.ok(stale.every((file) => !liveAfter.has(file)));
  assert.ok(after.filter((f) => f.startsWith('fragment/')).length > 2, 'Pagefind itself left them behind');
});

test('a bundle of an unknown layout is refused, not guessed at', () => {
  assert.throws(() => liveBundleFiles({ version: '2.0.0', languages: {} }, () => new Uint8Array()), UnknownBundleFormat);
  assert.throws(() => readMetadata(gzipSync(Buffer.from('something else'))), UnknownBundleFormat);
});
