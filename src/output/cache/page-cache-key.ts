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
  /** The body's HTML is re-rendered when the pipeline changes (its fingerprint, or version); so is the page. */
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
  // The Markdown pipeline's fingerprint (code, plugin versions, settings: pipeline-fingerprint.ts)
  // where the loader stored it, else the hand-bumped render version: a new pipeline means new HTML.
  const metadata = report.rendered?.metadata;
  const version = metadata?.pipeline ?? metadata?.renderVersion;
  return version === undefined ? `${report.digest}:${fingerprint}` : `${report.digest}:r${String(version)}:${fingerprint}`;
}

/**
 * The key for a report's own files (`.md`, `.json`, `.bib`, `.ris`, `.csl.json`): they show that
 * report and nothing of any other, so its file's digest alone decides whether they change.
 */
export function reportFileCacheKey(report: KeyedReport): string | undefined {
  return report.digest === undefined ? undefined : String(report.digest);
}

/**
 * The key of a listing page (archive pages, a year, a term's pages) from exactly what it is
 * given: the reports it lists, as their id and front matter (never their body or digest), and the
 * page's own facts (number, neighbours, counts). Editing a report's body changes none of them, so
 * no listing is rendered again; changing a title re-renders the listings that show that report.
 * The page's code is Astro's part of the decision (it compares each route's dependency hash).
 * **A listing that shows anything it is not given (read from the archive in the page body) must
 * pass it here too.**
 */
export function listingPageCacheKey(inputs: unknown): string {
  const json = JSON.stringify(inputs, (_key, value: unknown) => (isReport(value) ? reportDigest(value) : value));
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
}

/**
 * A digest of a report's id and front matter, made once per build: a report is listed on many
 * pages (the archive, its year, each of its terms), and writing its front matter out for each of
 * them was most of the time spent on listing keys.
 */
const reportDigests = new WeakMap<object, string>();
function reportDigest(report: KeyedReport): string {
  let digest = reportDigests.get(report);
  if (digest === undefined) {
    digest = `report:${createHash('sha256').update(JSON.stringify([report.id, report.data])).digest('hex').slice(0, 32)}`;
    reportDigests.set(report, digest);
  }
  return digest;
}

function isReport(value: unknown): value is KeyedReport & { collection: string } {
  return typeof value === 'object' && value !== null && 'collection' in value && 'id' in value && 'data' in value;
}
