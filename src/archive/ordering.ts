/** Ordering of reports, independent of Astro: newest first, ties broken by id so builds are stable. */

export interface Dated {
  id: string;
  data: { date: Date };
}

export function compareNewestFirst(a: Dated, b: Dated): number {
  return b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id);
}

export function sortNewestFirst<T extends Dated>(entries: readonly T[]): T[] {
  return [...entries].sort(compareNewestFirst);
}
