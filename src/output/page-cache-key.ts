/**
 * The key under which Astro's incremental build may reuse a report page from the last build.
 * A report page shows its own file (covered by the file's digest) and, beside it, facts about
 * other reports: neighbours by date, related reports, term lists. Those come from front matter,
 * so the key also holds a fingerprint of every report's id and front matter: correcting a
 * report's text re-renders that one page; adding, removing or retitling a report re-renders all.
 */
import { createHash } from 'node:crypto';

export interface KeyedReport {
  id: string;
  digest?: string | number;
  data: unknown;
  /** The body's HTML is re-rendered when the pipeline's version changes (render-report.ts); so is the page. */
  rendered?: { metadata?: Record<string, unknown> };
}

/** One hash of every report's id and front matter, in the given order. */
export function archiveFingerprint(reports: readonly KeyedReport[]): string {
  const hash = createHash('sha256');
  for (const report of reports) hash.update(JSON.stringify([report.id, report.data])).update('\n');
  return hash.digest('hex').slice(0, 16);
}

/** undefined (always render) when the report has no digest to compare. */
export function reportPageCacheKey(report: KeyedReport, fingerprint: string): string | undefined {
  if (report.digest === undefined) return undefined;
  const version = report.rendered?.metadata?.renderVersion;
  return version === undefined ? `${report.digest}:${fingerprint}` : `${report.digest}:r${String(version)}:${fingerprint}`;
}

/**
 * The key for a report's own files (`.md`, `.json`, `.bib`, `.ris`, `.csl.json`): they show that
 * report and nothing of any other, so its file's digest alone decides whether they change.
 */
export function reportFileCacheKey(report: KeyedReport): string | undefined {
  return report.digest === undefined ? undefined : String(report.digest);
}
