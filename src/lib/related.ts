/**
 * Reports related to one report: those sharing its people, organizations and topics, weighted
 * so that a shared person counts more than a shared organization, and that more than a shared
 * topic. Candidates come from the term index, so the cost is the size of the report's terms'
 * lists, not the size of the archive.
 */
import { termsOf, type Tagged, type Taxonomy, type TermKind } from './taxonomy.ts';

export const RELATEDNESS_WEIGHTS: Record<TermKind, number> = { person: 3, organization: 2, topic: 1 };

export function relatedReports<T extends Tagged>(item: T, taxonomy: Taxonomy<T>, limit: number): T[] {
  if (limit <= 0) return [];
  const scores = new Map<T, number>();
  for (const kind of ['person', 'organization', 'topic'] as const) {
    const weight = RELATEDNESS_WEIGHTS[kind];
    for (const term of termsOf(taxonomy, item, kind)) {
      for (const other of term.items) {
        if (other !== item) scores.set(other, (scores.get(other) ?? 0) + weight);
      }
    }
  }
  const time = item.data.date.getTime();
  // Best score first; among equals the nearest in time, then the id, so builds are stable.
  const better = (a: T, sa: number, b: T, sb: number): boolean =>
    sa !== sb
      ? sa > sb
      : Math.abs(a.data.date.getTime() - time) !== Math.abs(b.data.date.getTime() - time)
        ? Math.abs(a.data.date.getTime() - time) < Math.abs(b.data.date.getTime() - time)
        : a.id < b.id;
  // Top-k by insertion: a common topic can bring thousands of candidates, only `limit` are kept.
  const best: [T, number][] = [];
  for (const [other, score] of scores) {
    if (best.length === limit && !better(other, score, ...best[limit - 1]!)) continue;
    let at = best.length;
    while (at > 0 && better(other, score, ...best[at - 1]!)) at--;
    best.splice(at, 0, [other, score]);
    if (best.length > limit) best.pop();
  }
  return best.map(([other]) => other);
}
