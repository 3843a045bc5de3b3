/**
 * Pagefind reports how many HTML files it saw, not how many records it wrote, and indexes nothing
 * without complaint when pointed at the wrong folder. The records actually written are counted
 * from the bundle's entry file, per language, and compared with the number of reports.
 */

export interface PagefindEntryFile {
  version?: string;
  languages?: Record<string, { hash?: string; wasm?: string | null; page_count?: number }>;
}

export function countIndexedRecords(entry: PagefindEntryFile): number {
  return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
}

export function recordCountProblem(records: number, reports: number): string | undefined {
  if (records === reports) return undefined;
  return `The search index holds ${records} record(s) but the archive has ${reports} report(s): every report page must carry exactly one data-pagefind-body element, and no other page may.`;
}
