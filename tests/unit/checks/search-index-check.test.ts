import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countIndexedRecords, recordCountProblem } from '../../../src/checks/search-index-check.ts';

test('counts the records Pagefind wrote across every language', () => {
  assert.equal(countIndexedRecords({ languages: { en: { page_count: 9 }, zh: { page_count: 2 } } }), 11);
  assert.equal(countIndexedRecords({ languages: {} }), 0);
  assert.equal(countIndexedRecords({}), 0);
});

test('any difference between records and reports is a problem, in either direction', () => {
  assert.equal(recordCountProblem(3, 3), undefined);
  assert.match(recordCountProblem(0, 3)!, /holds 0 record\(s\) but the archive has 3 report\(s\)/);
  assert.match(recordCountProblem(4, 3)!, /holds 4 record\(s\)/);
});
