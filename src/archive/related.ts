/**
 * Reports related to one report: those sharing its people, organizations and topics, weighted
 * so that a shared person counts more than a shared organization, and that more than a shared
 * topic; among equals the nearest in time.
 *
 * Candidates come from the term index, and from each of the report's terms at most the
 * `CANDIDATES_PER_TERM` reports nearest to it in time: a broad topic of an archive of 100,000
 * holds tens of thousands of reports, and scoring all of them for every report grows with the
 * square of the archive (on the bench's archives, 1.0 s at 10,000 reports and 15.5 s at 50,000). Each candidate is then scored on every term it shares, so a report that shares a
 * person and a broad topic counts both even when it is far down the topic's list. Where every
 * term of the report has fewer reports than the bound, the result is that of scoring the whole
 * archive.
 */
import { termsOf, type Tagged, type Taxonomy, type Term, type TermKind } from './taxonomy.ts';

export const RELATEDNESS_WEIGHTS: Record<TermKind, number> = { person: 3, organization: 2, topic: 1 };

/** Reports taken from one term's list: those nearest in time to the report, on either side. */
export const CANDIDATES_PER_TERM = 200;

const KINDS = ['person', 'organization', 'topic'] as const;

/**
 * The archive as numbers, built once per taxonomy: a report is an index into `items`, a term an
 * index into `lists` (its reports' indices, newest first, as an Int32Array). Scoring runs over
 * typed arrays with reusable buffers instead of a Map per report (at 10,000 reports the Map
 * version took 7.5 s of the build).
 */
interface RelatednessIndex<T> {
  items: T[];
  position: Map<T, number>;
  times: Float64Array;
  ids: string[];
  termIds: Map<Term<T>, number>;
  lists: Int32Array[];
  /** Each report's terms, as term indices. */
  termsOfItem: Int32Array[];
  /** Scratch: the weight of each of the current report's terms, 0 elsewhere. */
  weightOfTerm: Float64Array;
  /** Scratch: each candidate's score, 0 for reports not yet seen. */
  scores: Float64Array;
  touched: Int32Array;
}

const indexes = new WeakMap<object, RelatednessIndex<Tagged>>();

function relatednessIndex<T extends Tagged>(taxonomy: Taxonomy<T>): RelatednessIndex<T> {
  const known = indexes.get(taxonomy) as RelatednessIndex<T> | undefined;
  if (known) return known;
  const position = new Map<T, number>();
  const items: T[] = [];
  const termIds = new Map<Term<T>, number>();
  const lists: Int32Array[] = [];
  const termsOfItem: number[][] = [];
  for (const kind of KINDS) {
    for (const term of taxonomy[kind].terms) {
      const termId = lists.length;
      const list = new Int32Array(term.items.length);
      term.items.forEach((item, i) => {
        let at = position.get(item);
        if (at === undefined) {
          at = items.push(item) - 1;
          position.set(item, at);
          termsOfItem.push([]);
        }
        list[i] = at;
        termsOfItem[at]!.push(termId);
      });
      termIds.set(term, termId);
      lists.push(list);
    }
  }
  const index: RelatednessIndex<T> = {
    items,
    position,
    times: Float64Array.from(items, (item) => item.data.date.getTime()),
    ids: items.map((item) => item.id),
    termIds,
    lists,
    termsOfItem: termsOfItem.map((terms) => Int32Array.from(terms)),
    weightOfTerm: new Float64Array(lists.length),
    scores: new Float64Array(items.length),
    touched: new Int32Array(items.length),
  };
  indexes.set(taxonomy, index as unknown as RelatednessIndex<Tagged>);
  return index;
}

/** Where `self` sits in a newest-first list: found by its time, then among reports of that time. */
function positionIn(list: Int32Array, self: number, times: Float64Array): number {
  const time = times[self]!;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[list[middle]!]! > time) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < list.length && times[list[i]!] === time; i++) if (list[i] === self) return i;
  throw new Error('related reports: a report is missing from the list of one of its own terms');
}

/**
 * Calls `visit` with the `count` reports of the list nearest in time to `self` (self excluded):
 * outward from its place, the nearer side first, the newer on a tie.
 */
function nearestInList(list: Int32Array, self: number, times: Float64Array, count: number, visit: (other: number) => void): void {
  if (list.length - 1 <= count) {
    for (const other of list) if (other !== self) visit(other);
    return;
  }
  const time = times[self]!;
  const at = positionIn(list, self, times);
  let newer = at - 1;
  let older = at + 1;
  for (let taken = 0; taken < count; taken++) {
    const newerGap = newer >= 0 ? times[list[newer]!]! - time : Infinity;
    const olderGap = older < list.length ? time - times[list[older]!]! : Infinity;
    visit(newerGap <= olderGap ? list[newer--]! : list[older++]!);
  }
}

export function relatedReports<T extends Tagged>(item: T, taxonomy: Taxonomy<T>, limit: number, perTerm = CANDIDATES_PER_TERM): T[] {
  if (limit <= 0) return [];
  const { items, position, times, ids, termIds, lists, termsOfItem, weightOfTerm, scores, touched } = relatednessIndex(taxonomy);
  const self = position.get(item);
  if (self === undefined) return []; // a report without terms shares none
  const ownTerms: number[] = [];
  for (const kind of KINDS) {
    for (const term of termsOf(taxonomy, item, kind)) {
      const termId = termIds.get(term)!;
      ownTerms.push(termId);
      weightOfTerm[termId] = RELATEDNESS_WEIGHTS[kind];
    }
  }
  let count = 0;
  const consider = (other: number) => {
    if (scores[other] !== 0) return;
    let score = 0;
    for (const termId of termsOfItem[other]!) score += weightOfTerm[termId]!;
    scores[other] = score;
    touched[count++] = other;
  };
  for (const termId of ownTerms) nearestInList(lists[termId]!, self, times, perTerm, consider);

  const time = times[self]!;
  const distance = (i: number) => Math.abs(times[i]! - time);
  // Best score first; among equals the nearest in time, then the id, so builds are stable.
  const better = (a: number, b: number): boolean =>
    scores[a] !== scores[b] ? scores[a]! > scores[b]! : distance(a) !== distance(b) ? distance(a) < distance(b) : ids[a]! < ids[b]!;
  // Top-k by insertion: only `limit` of the candidates are kept.
  const best: number[] = [];
  for (let c = 0; c < count; c++) {
    const other = touched[c]!;
    if (best.length === limit && !better(other, best[limit - 1]!)) continue;
    let at = best.length;
    while (at > 0 && better(other, best[at - 1]!)) at--;
    best.splice(at, 0, other);
    if (best.length > limit) best.pop();
  }
  const found = best.map((i) => items[i]!);
  for (let c = 0; c < count; c++) scores[touched[c]!] = 0;
  for (const termId of ownTerms) weightOfTerm[termId] = 0;
  return found;
}
