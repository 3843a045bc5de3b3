/** Ordering of reports, independent of Astro: newest first, ties broken by id so builds are stable. */

export interface Dated {
  id: string;
  data: { date: Date };
}

/**
 * Ids in one order on every machine: in English collation, named, not the process's default
 * locale (LC_ALL, LC_MESSAGES, LANG), which would order two reports of one day differently on a
 * Danish or Czech machine than on this one, and a split build's parts differently from each other.
 */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en');
}

export function compareNewestFirst(a: Dated, b: Dated): number {
  return b.data.date.getTime() - a.data.date.getTime() || compareIds(a.id, b.id);
}

export function sortNewestFirst<T extends Dated>(entries: readonly T[]): T[] {
  return [...entries].sort(compareNewestFirst);
}
