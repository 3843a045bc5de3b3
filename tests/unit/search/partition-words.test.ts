/**
 * The words index holds, for each partition, exactly the words Pagefind indexed from that
 * partition's pages, whatever the text: proved against real Pagefind bundles for random pages
 * (any letters, digits, punctuation, hyphenated and CJK text, metadata), and its check refuses a
 * record that lacks a word or holds one its partition does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as pagefind from 'pagefind';
import { contentTokens, recordContent, wordsProblem } from '../../../src/search/build/partition-words.ts';
import { readPartitionWords } from '../../../src/search/build/bundle-words.ts';
import { writeWordsIndex, WordsIndexProblem } from '../../../src/search/build/words-index.ts';

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const page = (language: string, title: string, date: string, text: string) =>
  `<!doctype html><html lang="${language}"><head><title>x</title></head><body><main data-pagefind-body>` +
  `<h1 data-pagefind-meta="title">${escape(title)}</h1><p data-pagefind-meta="date:${escape(date)}">${escape(text)}</p>` +
  `<img src="/p.jpg" alt="${escape(title.split(' ')[0] ?? '')} photo"></main></body></html>`;

async function indexPartition(outputPath: string, pages: { url: string; html: string }[]): Promise<void> {
  try {
    const { index } = await pagefind.createIndex({});
    for (const { url, html } of pages) assert.deepEqual((await index!.addHTMLFile({ url, content: html })).errors, []);
    assert.deepEqual((await index!.writeFiles({ outputPath })).errors, []);
  } finally {
    await pagefind.close();
  }
}

test('contentTokens gives back the pieces Pagefind wrote, without its zero-width separators', () => {
  assert.deepEqual(contentTokens('Shipyards in Dalian.'), ['Shipyards', 'in', 'Dalian.']);
  assert.deepEqual(contentTokens('质量\u200B工作\u200B会议。 \u200Bnext'), ['质量工作会议。', 'next']);
  assert.deepEqual(contentTokens(''), [''], 'an empty piece, which stands for nothing');
  assert.equal(recordContent(['b', 'a', 'b']), 'a b', 'each piece once, in a fixed order');
});

test('wordsProblem names the partition, the language and the words that differ', () => {
  const own = new Map([['2020-2024', new Set(['dalian', 'shipyard'])]]);
  assert.equal(wordsProblem(new Map([['2020-2024', new Set(['dalian', 'shipyard'])]]), own, 'en'), undefined);
  const problem = wordsProblem(new Map([['2020-2024', new Set(['dalian', 'xichang'])]]), own, 'en');
  assert.match(problem ?? '', /partition 2020-2024 \(en\) lacks 1 of its words \("shipyard"\) and has 1 word\(s\) it does not hold \("xichang"\)/);
  assert.match(wordsProblem(new Map(), own, 'en') ?? '', /lacks 2 of its words/, 'a partition without a record');
});

// Words as a newsroom writes them: letters of several scripts, digits, hyphens, apostrophes,
// dots, brackets and symbols glued to words.
const piece = fc.oneof(
  fc.constantFrom('Dalian', 'CASIC', 'well-known', "China's", 'U.S.', '(2020)', '5G-A', 'e-mail', 'x86_64', 'naïve', 'Ångström', 'İstanbul', 'straße', '€100', '2020-07-31', '质量工作会议。', 'ロケット', '—', '&', '"quoted"'),
  fc.stringMatching(/^[a-zA-Z0-9À-ž'’.,:;!?()\-]{1,12}$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s !== ''),
);
const text = fc.array(piece, { minLength: 1, maxLength: 25 }).map((pieces) => pieces.join(' '));
const pageArb = fc.record({ language: fc.constantFrom('en', 'en', 'zh', 'fr'), title: text, date: fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), text });

test('every word of every partition reaches its record of the words index, whatever the text', { timeout: 600_000 }, async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'partition-words-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(pageArb, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 3 }), async (partitionPages) => {
      const dir = path.join(root, String(run++));
      const partitions = [];
      for (const [at, pages] of partitionPages.entries()) {
        const name = `${2020 - at * 5}-${2024 - at * 5}`;
        const folder = path.join(dir, name);
        await indexPartition(
          folder,
          pages.map((p, i) => ({ url: `/news/${name}/${i}/`, html: page(p.language, p.title, p.date.toISOString().slice(0, 10), p.text) })),
        );
        partitions.push(await readPartitionWords(folder, name, 'digest'));
      }
      // Throws WordsIndexProblem when a record's words differ from its partition's.
      const records = await writeWordsIndex(path.join(dir, 'words'), partitions, {});
      const languages = new Set(partitionPages.flat().map((p) => p.language));
      for (const language of languages) assert.ok(records[language]! >= 1, `a record in ${language}`);
      await rm(dir, { recursive: true, force: true });
    }),
    { numRuns: 60 },
  );
});

test('a record that lacks a word of its partition is refused', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'partition-words-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await indexPartition(path.join(dir, '2020-2024'), [{ url: '/a/', html: page('en', 'Shipyards in Dalian', '2021-03-04', 'Satellites over Xichang.') }]);
  const words = await readPartitionWords(path.join(dir, '2020-2024'), '2020-2024', 'digest');
  const fragmentContent = words.languages.en!.tokens;
  assert.ok(fragmentContent.includes('Xichang.'));
  const withoutOne = { ...words, languages: { en: { ...words.languages.en!, tokens: fragmentContent.filter((token) => token !== 'Xichang.') } } };
  await assert.rejects(writeWordsIndex(path.join(dir, 'words'), [withoutOne], {}), (error: Error) => error instanceof WordsIndexProblem && /lacks 1 of its words \("xichang"\)/.test(error.message));
});
