/**
 * One search's outcome from a year-partitioned index, put together from each partition's own
 * search. Each partition is a Pagefind instance of its own (so a search need not load the older
 * partitions' metadata before the newest partition's results are shown); this merges their
 * answers exactly as Pagefind merges the indexes of one instance (`mergeIndex`): results by score,
 * a stable sort over the partitions in their order (newest first), and counts summed.
 */

export interface ScoredResult {
  score: number;
}

export interface PartitionAnswer<R extends ScoredResult> {
  results: R[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

/** Per filter and value, the sum of the counts (Pagefind's own mergeFilters). */
export function sumFilterCounts(counts: readonly Record<string, Record<string, number>>[]): Record<string, Record<string, number>> {
  const merged: Record<string, Record<string, number>> = {};
  for (const filters of counts) {
    for (const [filter, values] of Object.entries(filters)) {
      const into = (merged[filter] ??= {});
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] ?? 0) + count;
    }
  }
  return merged;
}

/** The partitions' answers (newest partition first) as one answer, ranked as Pagefind ranks merged indexes. */
export function mergePartitionAnswers<R extends ScoredResult>(answers: readonly PartitionAnswer<R>[]): PartitionAnswer<R> {
  if (answers.length === 1) return answers[0]!;
  return {
    // Array.prototype.sort is stable: equal scores keep the partitions' order, as in Pagefind.
    results: answers.flatMap((answer) => answer.results).sort((a, b) => b.score - a.score),
    unfilteredResultCount: answers.reduce((sum, answer) => sum + answer.unfilteredResultCount, 0),
    filters: sumFilterCounts(answers.map((answer) => answer.filters)),
    totalFilters: sumFilterCounts(answers.map((answer) => answer.totalFilters)),
  };
}
