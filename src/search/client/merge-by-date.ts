/**
 * Date order across languages. Pagefind keeps one index per language; when several are searched
 * together it re-sorts their results by score, and scores from different indexes are not
 * comparable, so a date-sorted search comes back out of order. Each language's own results are in
 * date order, though, so they are merged here, lazily: only the dates of the results about to be
 * shown are ever loaded.
 */

/**
 * Yields the items of lists that are each already sorted by date, in one date order.
 * `dateOf` gives an ISO date (YYYY-MM-DD, which sorts as text); it is called once per item, and
 * only for items that reach the head of their list.
 */
export async function* mergeByDate<T>(
  lists: readonly (readonly T[])[],
  dateOf: (item: T) => Promise<string>,
  order: 'asc' | 'desc',
): AsyncGenerator<T> {
  const positions = lists.map(() => 0);
  const heads = new Map<number, string>();
  const headDate = async (list: number): Promise<string> => {
    let date = heads.get(list);
    if (date === undefined) {
      date = await dateOf(lists[list]![positions[list]!]!);
      heads.set(list, date);
    }
    return date;
  };
  for (;;) {
    let best = -1;
    let bestDate = '';
    for (let list = 0; list < lists.length; list++) {
      if (positions[list]! >= lists[list]!.length) continue;
      const date = await headDate(list);
      if (best === -1 || (order === 'desc' ? date > bestDate : date < bestDate)) {
        best = list;
        bestDate = date;
      }
    }
    if (best === -1) return;
    yield lists[best]![positions[best]!]!;
    positions[best]!++;
    heads.delete(best);
  }
}
