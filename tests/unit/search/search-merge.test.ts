import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeByDate } from '../../../src/search/client/merge-by-date.ts';
import { languageOfResult, partitionByLanguage, primaryLanguage } from '../../../src/search/client/search-languages.ts';

interface Row {
  id: string;
  date: string;
}

async function collect<T>(items: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

const en: Row[] = [
  { id: 'en_1', date: '2024-05-01' },
  { id: 'en_2', date: '2020-01-01' },
  { id: 'en_3', date: '2019-05-20' },
  { id: 'en_4', date: '2001-03-03' },
];
const zh: Row[] = [
  { id: 'zh_1', date: '2021-07-31' },
  { id: 'zh_2', date: '2019-05-20' },
];

test('results of several languages merge into one date order', async () => {
  const merged = await collect(mergeByDate([en, zh], async (row) => row.date, 'desc'));
  assert.deepEqual(merged.map((row) => row.id), ['en_1', 'zh_1', 'en_2', 'en_3', 'zh_2', 'en_4']);
  const oldest = await collect(mergeByDate([[...en].reverse(), [...zh].reverse()], async (row) => row.date, 'asc'));
  assert.deepEqual(oldest.map((row) => row.date), [...en, ...zh].map((row) => row.date).sort());
});

test('only the dates of results about to be shown are loaded', async () => {
  const loaded: string[] = [];
  const first = await collect(mergeByDate([en, zh], async (row) => (loaded.push(row.id), row.date), 'desc'), 2);
  assert.deepEqual(first.map((row) => row.id), ['en_1', 'zh_1']);
  assert.deepEqual(loaded.sort(), ['en_1', 'en_2', 'zh_1']);
  assert.deepEqual(await collect(mergeByDate([[], []], async () => '', 'desc')), []);
});

test('results split by the language their id names, each keeping its order', () => {
  const mixed = [en[0]!, zh[0]!, en[1]!, zh[1]!, en[2]!];
  assert.deepEqual(partitionByLanguage(mixed), [[en[0], en[1], en[2]], [zh[0], zh[1]]]);
  assert.equal(languageOfResult('pt-br_abc'), 'pt-br');
  assert.equal(languageOfResult('nounderscore'), '');
});

test('the index opened first is the page language, its base language, else the largest', () => {
  const languages = { en: { page_count: 300 }, zh: { page_count: 1 }, pt: { page_count: 5 } };
  assert.equal(primaryLanguage('zh', languages), 'zh');
  assert.equal(primaryLanguage('EN', languages), 'en');
  assert.equal(primaryLanguage('pt-BR', languages), 'pt');
  assert.equal(primaryLanguage('fr', languages), 'en');
  assert.equal(primaryLanguage('en', {}), undefined);
});
