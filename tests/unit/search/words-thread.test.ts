/**
 * A build reads each partition's words on a thread of its own (words-thread.ts), not on its main
 * thread: the words, the cache and the errors are those of the reading on the main thread, and
 * the thread never keeps the build's process alive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { readPartitionWords } from '../../../src/search/build/bundle-words.ts';
import { UnknownBundleFormat } from '../../../src/search/build/pagefind-format.ts';
import { updateWordsIndex } from '../../../src/search/build/pagefind-integration.ts';
import { partitionWords } from '../../../src/search/build/words-index.ts';

const page = (language: string, title: string, text: string) =>
  `<!doctype html><html lang="${language}"><head><title>x</title></head><body><main data-pagefind-body>` +
  `<h1 data-pagefind-meta="title">${title}</h1><p data-pagefind-meta="date:2021-03-04">${text}</p></main></body></html>`;

/** A real Pagefind bundle of a few pages in two languages, in `dir`. */
async function writeBundle(dir: string): Promise<void> {
  try {
    const { index } = await pagefind.createIndex({});
    const pages = [
      { url: '/news/2021/a/', content: page('en', 'Shipyards in Dalian', 'Satellites over Xichang, a naïve Ångström — U.S. (2020) e-mail.') },
      { url: '/news/2022/b/', content: page('en', 'Rocket launch', 'The well-known 5G-A network in Dalian.') },
      { url: '/news/2023/c/', content: page('zh', '质量工作会议', '质量工作会议。 ロケット 2020-07-31') },
    ];
    for (const file of pages) assert.deepEqual((await index!.addHTMLFile(file)).errors, []);
    assert.deepEqual((await index!.writeFiles({ outputPath: dir })).errors, []);
  } finally {
    await pagefind.close();
  }
}

/** Threads started by this process while `run` runs. */
async function threadsStartedBy<T>(run: () => Promise<T>): Promise<{ result: T; threads: number }> {
  let threads = 0;
  const count = () => threads++;
  process.on('worker', count);
  try {
    return { result: await run(), threads };
  } finally {
    process.off('worker', count);
  }
}

test("a partition's words are read on a thread of their own, equal to those read on the main thread, and cached", { timeout: 120_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'words-thread-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = path.join(root, 'pagefind', '2020-2024');
  await writeBundle(dir);
  const here = await readPartitionWords(dir, '2020-2024', 'digest 1');
  assert.deepEqual(Object.keys(here.languages).sort(), ['en', 'zh']);
  assert.ok(here.languages.en!.words.includes('dalian') && here.languages.en!.tokens.includes('Xichang,'));

  const cacheFile = path.join(root, 'cache', '2020-2024.json');
  const read = await threadsStartedBy(() => partitionWords(dir, '2020-2024', 'digest 1', cacheFile));
  assert.deepEqual(read.result, here);
  assert.equal(read.threads, 1, 'read on a thread');
  assert.deepEqual(JSON.parse(await readFile(cacheFile, 'utf8')), here, 'and kept in the cache');

  // The same digest: from the cache, without the bundle; another: from the bundle again.
  await rm(dir, { recursive: true });
  const cached = await threadsStartedBy(() => partitionWords(dir, '2020-2024', 'digest 1', cacheFile));
  assert.deepEqual(cached.result, here);
  await assert.rejects(partitionWords(dir, '2020-2024', 'digest 2', cacheFile), { code: 'ENOENT' });
  assert.deepEqual(JSON.parse(await readFile(cacheFile, 'utf8')), here, 'a failed reading leaves the cache as it was');
});

test('a bundle that cannot be read fails as it does on the main thread, and the words index is not written', { timeout: 120_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'words-thread-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const whole = path.join(root, 'whole');
  await writeBundle(whole);
  const fragments = path.join(whole, 'fragment');
  const breakages: Record<string, (dir: string) => Promise<void>> = {
    'a Pagefind version whose chunks it does not know': async (dir) => {
      const entry = JSON.parse(await readFile(path.join(dir, 'pagefind-entry.json'), 'utf8')) as { version: string };
      await writeFile(path.join(dir, 'pagefind-entry.json'), JSON.stringify({ ...entry, version: '9.9.9' }));
    },
    'a fragment without its signature': async (dir) => {
      const [name] = readdirSync(fragments);
      await writeFile(path.join(dir, 'fragment', name!), gzipSync('{"url":"/","content":""}'));
    },
    'a fragment that is not JSON': async (dir) => {
      const [name] = readdirSync(fragments);
      await writeFile(path.join(dir, 'fragment', name!), gzipSync('pagefind_dcd{"url":'));
    },
    'a fragment that is not gzip': async (dir) => {
      const [name] = readdirSync(fragments);
      await writeFile(path.join(dir, 'fragment', name!), 'not gzip');
    },
    'a missing fragment': async (dir) => {
      const [name] = readdirSync(fragments);
      await rm(path.join(dir, 'fragment', name!));
    },
  };
  for (const [breakage, breakBundle] of Object.entries(breakages)) {
    const site = path.join(root, breakage.replaceAll(' ', '-'));
    const dir = path.join(site, 'pagefind', '2020-2024');
    await cp(whole, dir, { recursive: true });
    await breakBundle(dir);
    const here = await readPartitionWords(dir, '2020-2024', 'digest').then(
      () => assert.fail(`${breakage}: read`),
      (error: Error) => error,
    );
    const there = await partitionWords(dir, '2020-2024', 'digest', undefined).then(
      () => assert.fail(`${breakage}: read on the thread`),
      (error: Error) => error,
    );
    assert.equal(there.constructor, here.constructor, breakage);
    assert.deepEqual([there.name, there.message, (there as NodeJS.ErrnoException).code], [here.name, here.message, (here as NodeJS.ErrnoException).code], breakage);

    const entry = { name: '2020-2024', path: '2020-2024/', from: 2020, to: 2024, records: 3, languages: { en: 2, zh: 1 }, digest: 'digest' };
    const words = updateWordsIndex(site, [entry], undefined, undefined);
    if (here instanceof UnknownBundleFormat) {
      const { problem } = await words;
      assert.equal(problem, `the search words index was not written (${here.message}): each search loads every partition`, breakage);
      assert.ok(!existsSync(path.join(site, 'pagefind', 'words')), breakage);
    } else {
      await assert.rejects(words, { message: here.message }, `${breakage}: the build fails, as before`);
    }
  }
});

test("the thread does not keep the build's process alive once the words are read", { timeout: 120_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'words-thread-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = path.join(root, '2020-2024');
  await writeBundle(dir);
  const script = path.join(root, 'read-words.mjs');
  await writeFile(
    script,
    `import { partitionWords } from ${JSON.stringify(path.resolve('src/search/build/words-index.ts'))};
    const words = await partitionWords(${JSON.stringify(dir)}, '2020-2024', 'digest', undefined);
    console.log(words.languages.en.words.length);
    // Fires only if something still holds the process 2 s after the words came (the idle thread
    // ends by itself after 5 s; an unref'd timer holds nothing).
    setTimeout(() => process.exit(3), 2_000).unref();`,
  );
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 0, `the process was held after the words were read (exit ${child.status}) ${child.stderr}`);
  assert.ok(Number(child.stdout) > 0);
});
