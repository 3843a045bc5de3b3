/**
 * The one order in which report pages reach the search index (page-feed.ts): by report id, as
 * each partition lists its ids (search-partitions.ts sorts them by UTF-16 code units). The report
 * route renders its pages in this order, so the feed rarely holds a page back.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function inIdOrder<T extends { id: string }>(reports: readonly T[]): T[] {
  return [...reports].sort((a, b) => compareIds(a.id, b.id));
}
