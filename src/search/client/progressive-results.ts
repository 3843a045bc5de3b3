/**
 * How the search page shows a partitioned index's results progressively: which partition comes
 * first, and whether the first page shown early must be redrawn once every partition is ranked.
 * Pure.
 */

/**
 * The partitions (newest first, as partitions.json lists them) in the order their results are
 * shown: oldest first for "oldest first"; newest first otherwise (for best match the newest
 * reports' best matches are what is shown before every partition is ranked).
 */
export function partitionsInShowingOrder(partitions: readonly string[], order: 'relevance' | 'asc' | 'desc'): string[] {
  return order === 'asc' ? [...partitions].reverse() : [...partitions];
}

/**
 * Whether the results shown early (`shown`, ids in order) differ from the start of the final list
 * (`final`, every partition ranked): then the first page is drawn again. A first page that was
 * short (the first partition had fewer results than a page) differs when the final list has more.
 */
export function firstPageChanged(shown: readonly string[], final: readonly string[], pageSize: number): boolean {
  const expected = final.slice(0, Math.max(shown.length, Math.min(pageSize, final.length)));
  return expected.length !== shown.length || expected.some((id, at) => id !== shown[at]);
}
