/**
 * The words index names every partition holding a word that begins with what was searched, also
 * when those words sort into other chunks of the words index than the searched word itself: run
 * with Pagefind's own browser code (the bundle's pagefind.js, its WebAssembly, on this thread)
 * over a words index of several chunks, written by the build's code from real partitions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import * as pagefind from 'pagefind';
import { readPartitionWords } from '../../../src/search/build/bundle-words.ts';
import { writeWordsIndex } from '../../../src/search/build/words-index.ts';
import { readIndexChunk, readMetadata } from '../../../src/search/build/pagefind-format.ts';
import { partitionsHolding, routingProbes, type Pagefind } from '../../../src/search/client/pagefind-client.ts';

const PARTITIONS = ['2020-2024', '2015-2019', '2010-2014'];

/** Numbers as a ledger prints them: many distinct words, so the words index has several chunks. */
function pagesOf(seed: number): string[][][] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  // The last partition is small: its words are far apart, so a search's words in it can all sort
  // into a chunk other than the one the searched word sorts into.
  return PARTITIONS.map((_, at) => Array.from({ length: at === PARTITIONS.length - 1 ? 3 : 60 }, () => Array.from({ length: 250 }, () => String(100000 + Math.floor(next() * 900000)))));
}

test('routingProbes asks for the word, its shorter beginnings and the end of the words it begins', () => {
  assert.deepEqual(routingProbes('504'), ['504', '504\u{10FFFF}']);
  assert.deepEqual(routingProbes('running'), ['running', 'runnin', 'runni', 'runn', 'run', 'running\u{10FFFF}']);
  assert.deepEqual(routingProbes('5'), ['5', '5\u{10FFFF}']);
  assert.ok(routingProbes('Generalization reports').includes('gener'), 'where a long word\'s stem sorts');
  assert.deepEqual(routingProbes('  '), []);
});

test('the words index names every partition holding a word that begins with the search, across its chunks', { timeout: 300_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'partition-routing-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const pages = pagesOf(20201214);
  const partitions = [];
  for (const [at, name] of PARTITIONS.entries()) {
    try {
      const { index } = await pagefind.createIndex({});
      for (const [i, words] of pages[at]!.entries()) {
        const html = `<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Ledger ${i}</h1><p>${words.join(' ')}</p></main></body></html>`;
        assert.deepEqual((await index!.addHTMLFile({ url: `/news/${name}/${i}/`, content: html })).errors, []);
      }
      assert.deepEqual((await index!.writeFiles({ outputPath: path.join(root, name) })).errors, []);
    } finally {
      await pagefind.close();
    }
    partitions.push(await readPartitionWords(path.join(root, name), name, 'digest'));
  }
  await writeWordsIndex(path.join(root, 'words'), partitions, {});
  const chunks = (await readdir(path.join(root, 'words', 'index'))).length;
  assert.ok(chunks >= 3, `a words index of several chunks (${chunks})`);

  // Pagefind's browser code, fetching its files from the folder.
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL) => {
    const file = path.join(root, new URL(String(url), 'http://archive.test/').pathname.replace(/^\/pagefind\//, ''));
    try {
      return new Response(readFileSync(file));
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof fetch;
  t.after(() => (globalThis.fetch = realFetch));
  const browserPagefind = (await import(pathToFileURL(path.join(root, 'words', 'pagefind.js')).href)) as { createInstance(options: object): Pagefind & { destroy(): Promise<void> } };

  // The searches that reach across chunks: the beginnings shared by the last word of one chunk of
  // the words index and the first of the next, and the corpus's words and their beginnings.
  const metaFile = (await readdir(path.join(root, 'words'))).find((file) => file.endsWith('.pf_meta'))!;
  const chunkWords = readMetadata(readFileSync(path.join(root, 'words', metaFile))).indexChunks.map((hash) =>
    readIndexChunk(readFileSync(path.join(root, 'words', 'index', `${hash}.pf_index`))).map((entry) => entry.word),
  );
  const straddling = chunkWords.slice(1).flatMap((words, at) => {
    const [last, first] = [chunkWords[at]!.at(-1)!, words[0]!];
    let shared = 0;
    while (last[shared] === first[shared]) shared++;
    return Array.from({ length: shared }, (_, length) => first.slice(0, length + 1));
  });
  assert.ok(straddling.length > 0);
  const vocabulary = [...new Set(pages.at(-1)!.flat())];
  const holders = (term: string) => new Set(PARTITIONS.filter((_, at) => pages[at]!.some((page) => page.some((word) => word.startsWith(term)))));
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.constantFrom(...straddling), fc.tuple(fc.constantFrom(...vocabulary), fc.integer({ min: 3, max: 6 })).map(([word, length]) => word.slice(0, length))), async (term) => {
      const words = browserPagefind.createInstance({ basePath: 'http://archive.test/pagefind/words/', baseUrl: '/' });
      try {
        await words.init();
        const named = await partitionsHolding(words, term);
        for (const name of holders(term)) assert.ok(named.has(name), `${name} holds a word beginning with ${term}, and is named (named: ${[...named]})`);
      } finally {
        await words.destroy();
      }
    }),
    { numRuns: 150 },
  );
});
