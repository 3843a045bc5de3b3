import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergePartitionAnswers, sumFilterCounts, type PartitionAnswer } from '../../../src/search/client/merge-partitions.ts';

interface Row {
  id: string;
  score: number;
}

function answer(results: Row[], filters: Record<string, Record<string, number>> = {}): PartitionAnswer<Row> {
  return { results, unfilteredResultCount: results.length, filters, totalFilters: filters };
}

test('results of several partitions are ranked by score, best first', () => {
  const newest = answer([{ id: 'a', score: 5 }, { id: 'b', score: 1 }]);
  const older = answer([{ id: 'c', score: 9 }, { id: 'd', score: 3 }]);
  assert.deepEqual(mergePartitionAnswers([newest, older]).results.map((r) => r.id), ['c', 'a', 'd', 'b']);
});

test('equal scores keep the newer partition first, as Pagefind ranks merged indexes', () => {
  const newest = answer([{ id: 'new', score: 2 }]);
  const older = answer([{ id: 'old', score: 2 }]);
  assert.deepEqual(mergePartitionAnswers([newest, older]).results.map((r) => r.id), ['new', 'old']);
  // Pagefind's own merge: the instances' results concatenated and sorted by score.
  const pagefindOrder = [newest, older].flatMap((a) => a.results).sort((a, b) => b.score - a.score);
  assert.deepEqual(mergePartitionAnswers([newest, older]).results, pagefindOrder);
});

test('result and facet counts are the sums over the partitions', () => {
  const merged = mergePartitionAnswers([
    answer([{ id: 'a', score: 1 }], { year: { '2024': 1 }, topic: { Energy: 1 } }),
    answer([{ id: 'b', score: 1 }, { id: 'c', score: 1 }], { year: { '2019': 2 }, topic: { Energy: 1, Trade: 1 } }),
  ]);
  assert.equal(merged.unfilteredResultCount, 3);
  assert.deepEqual(merged.filters, { year: { '2024': 1, '2019': 2 }, topic: { Energy: 2, Trade: 1 } });
  assert.deepEqual(merged.totalFilters, merged.filters);
});

test('one partition is its own answer; no partition with results gives none', () => {
  const only = answer([{ id: 'a', score: 1 }]);
  assert.equal(mergePartitionAnswers([only]), only);
  assert.deepEqual(mergePartitionAnswers([answer([]), answer([])]).results, []);
  assert.deepEqual(sumFilterCounts([]), {});
});
