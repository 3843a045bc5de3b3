/**
 * The reports already in the content folder, indexed to recognise an item imported before.
 * Pure. An item is matched by its source URL (`source.url`, for every report that links its
 * original, imported or written by hand), else by the key the importer recorded (`imported.key`,
 * for items without a URL: a plain-text release, a feed entry known only by its GUID).
 */
export interface KnownReport {
  /** <year>/<slug> */
  id: string;
  sourceUrl?: string;
  key?: string;
  digest?: string;
}

export interface ReportIndex {
  /** Ids in use, and `<year>/<slug>` folders (a report's media), which a new report must not take. */
  taken: Set<string>;
  byUrl: Map<string, KnownReport[]>;
  byKey: Map<string, KnownReport[]>;
}

export type Match = { kind: 'none' } | { kind: 'found'; report: KnownReport } | { kind: 'ambiguous'; reports: KnownReport[] };

function add(map: Map<string, KnownReport[]>, key: string | undefined, report: KnownReport): void {
  if (key !== undefined) map.set(key, [...(map.get(key) ?? []), report]);
}

export function indexReports(reports: KnownReport[], folders: string[] = []): ReportIndex {
  const index: ReportIndex = { taken: new Set(folders), byUrl: new Map(), byKey: new Map() };
  for (const report of reports) {
    index.taken.add(report.id);
    add(index.byUrl, report.sourceUrl, report);
    add(index.byKey, report.key, report);
  }
  return index;
}

/** Adds a report written in this import, so a later item with its key or URL finds it. */
export function remember(index: ReportIndex, report: KnownReport): void {
  index.taken.add(report.id);
  add(index.byUrl, report.sourceUrl, report);
  add(index.byKey, report.key, report);
}

/**
 * The report an item was imported as. Several reports may cite one original (an editor's
 * follow-up): among them the one the importer recorded this key for is it; with none recorded,
 * the match is ambiguous and the item is not written anywhere.
 */
export function matchItem(index: ReportIndex, key: string, sourceUrl: string | undefined): Match {
  const byKey = index.byKey.get(key) ?? [];
  const byUrl = sourceUrl !== undefined ? (index.byUrl.get(sourceUrl) ?? []) : [];
  const candidates = byUrl.length > 0 ? byUrl : byKey;
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'found', report: candidates[0]! };
  const recorded = candidates.filter((report) => report.key === key);
  return recorded.length === 1 ? { kind: 'found', report: recorded[0]! } : { kind: 'ambiguous', reports: candidates };
}

/**
 * The first free slug in a year: the title's own, else `-2`, `-3`... in the order items are
 * imported (files in name order, items in source order), so the same import names the same way.
 */
export function freeSlug(year: number, slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(`${year}/${slug}`)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${year}/${slug}-${n}`)) return `${slug}-${n}`;
}
