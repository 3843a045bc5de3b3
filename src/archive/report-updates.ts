/**
 * A report's corrections and updates as the site shows them: the latest one (the dateline notice,
 * JSON-LD dateModified, Atom `updated`, sitemap `lastmod`), an anchor for each note on the report
 * page (linked from the dateline, the corrections page and its feed), and every correction in the
 * archive, newest first (the corrections page and feed). The schema keeps them as written.
 */
import { toIsoDate } from '../reports/calendar-date.ts';
import type { ReportUpdate } from '../reports/schema.ts';

export interface AnchoredUpdate extends ReportUpdate {
  /** The note's id on the report page: `correction-2020-08-02`, `-2` for a second that day. */
  anchor: string;
}

/** Oldest first, as the report's history reads; two on one day keep the order they are written in. */
export function oldestFirst<T extends ReportUpdate>(updates: readonly T[]): T[] {
  return updates
    .map((update, i) => ({ update, i }))
    .sort((a, b) => a.update.date.getTime() - b.update.date.getTime() || a.i - b.i)
    .map(({ update }) => update);
}

/** The most recent update (the last written of those on its day), or undefined. */
export function latestUpdate<T extends ReportUpdate>(updates: readonly T[]): T | undefined {
  return updates.reduce<T | undefined>((latest, u) => (!latest || u.date >= latest.date ? u : latest), undefined);
}

/**
 * Oldest first, each with its anchor. Anchors come from kind and date rather than position, so a note's link stays the same when an
 * older note is added to the list later.
 */
export function anchoredUpdates(updates: readonly ReportUpdate[]): AnchoredUpdate[] {
  const seen = new Map<string, number>();
  return oldestFirst(updates).map((update) => {
    const base = `${update.kind}-${toIsoDate(update.date)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...update, anchor: n === 1 ? base : `${base}-${n}` };
  });
}

export interface CorrectableReport {
  id: string;
  data: { title: string; date: Date; language: string; updates: readonly ReportUpdate[] };
}

export interface CorrectionEntry {
  reportId: string;
  title: string;
  /** The report's language: its title and notes are written in it. */
  language: string;
  /** The report's own date. */
  published: Date;
  /** The correction's date and note. */
  date: Date;
  note: string;
  anchor: string;
}

/**
 * Every correction of every report (updates are not corrections), newest first; one entry per
 * correction, so a report corrected twice is listed twice, on the two days. Ties: report id,
 * then the later note of the report first.
 */
export function correctionsNewestFirst(reports: readonly CorrectableReport[]): CorrectionEntry[] {
  const entries = reports.flatMap((report) =>
    anchoredUpdates(report.data.updates)
      .map((update, index) => ({ update, index }))
      .filter(({ update }) => update.kind === 'correction')
      .map(({ update, index }) => ({
        index,
        entry: {
          reportId: report.id,
          title: report.data.title,
          language: report.data.language,
          published: report.data.date,
          date: update.date,
          note: update.note,
          anchor: update.anchor,
        },
      })),
  );
  return entries
    .sort(
      (a, b) =>
        b.entry.date.getTime() - a.entry.date.getTime() ||
        (a.entry.reportId < b.entry.reportId ? -1 : a.entry.reportId > b.entry.reportId ? 1 : 0) ||
        b.index - a.index,
    )
    .map(({ entry }) => entry);
}
