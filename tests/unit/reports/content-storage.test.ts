import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectionStorage, SINGLE_FILE_SOURCE_LIMIT } from '../../../src/reports/content-storage.ts';

test('archives whose store fits in one string keep the single file; larger ones are split', () => {
  assert.equal(collectionStorage(0), 'single-file');
  assert.equal(collectionStorage(SINGLE_FILE_SOURCE_LIMIT), 'single-file');
  const split = collectionStorage(SINGLE_FILE_SOURCE_LIMIT + 1);
  assert.ok(typeof split === 'object' && split.type === 'chunked' && split.chunkSize > 0);
});

test('the limit leaves the store (Markdown + HTML, a little over twice the sources) under V8\'s string limit', () => {
  const v8MaxStringLength = 2 ** 29 - 24;
  assert.ok(SINGLE_FILE_SOURCE_LIMIT * 2.5 < v8MaxStringLength);
});
