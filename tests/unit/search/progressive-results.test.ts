import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstPageChanged, partitionsInShowingOrder } from '../../../src/search/client/progressive-results.ts';

test('the partition shown first is the newest, or the oldest for "oldest first"', () => {
  const partitions = ['2020-2024', '2015-2019', '2010-2014'];
  assert.deepEqual(partitionsInShowingOrder(partitions, 'desc'), partitions);
  assert.deepEqual(partitionsInShowingOrder(partitions, 'relevance'), partitions);
  assert.deepEqual(partitionsInShowingOrder(partitions, 'asc'), ['2010-2014', '2015-2019', '2020-2024']);
  assert.deepEqual(partitions, ['2020-2024', '2015-2019', '2010-2014'], 'the list given is left as it was');
});

test('the early first page stays when the final ranking starts with it', () => {
  assert.equal(firstPageChanged(['a', 'b'], ['a', 'b', 'c'], 2), false);
  assert.equal(firstPageChanged([], [], 20), false);
});

test('the early first page is drawn again when older partitions rank higher or fill it up', () => {
  // An older report ranks above the newest partition's best.
  assert.equal(firstPageChanged(['a', 'b'], ['c', 'a', 'b'], 2), true);
  // The newest partition had one result; the final list has a page of them.
  assert.equal(firstPageChanged(['a'], ['a', 'b', 'c'], 20), true);
  // Nothing in the newest partition; results in older ones.
  assert.equal(firstPageChanged([], ['x'], 20), true);
});
