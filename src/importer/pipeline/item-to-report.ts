/**
 * An item read from a source -> the report file the importer would write for it. Pure.
 *
 * The front matter is validated by the site's own schema (src/reports/schema.ts), so what the
 * importer writes, the build accepts. The file records `imported: { key, digest }`: the item's key,
 * to find the report again on the next import, and a digest of the file as written (computed with
 * a placeholder in the digest's place), so a later import can tell "the source changed" (a new
 * digest) from "an editor changed the file" (the file no longer hashes to its digest).
 */
import { createHash } from 'node:crypto';
import { dateProblem } from '../import-options.ts';
import { slugFor } from '../parse-report.ts';
import { reportFileText } from '../write-report.ts';
import { describeIssues, reportSchema, type ReportInput } from '../../reports/schema.ts';
import { bylineFromSource, topicsFromSource } from './source-names.ts';
import type { ImportItem } from './import-item.ts';

export interface ReportDraft {
  year: number;
  /** The slug the title gives, before any collision suffix. */
  slug: string;
  /** Without `imported`: that is added when the file's text is made. */
  frontmatter: ReportInput;
  body: string;
}

/** `warnings`: what the source gave that the report leaves out (see source-names.ts), for the editor. */
export type DraftResult = { ok: true; draft: ReportDraft; warnings: string[] } | { ok: false; reason: string };

const PLACEHOLDER = `sha256:${'0'.repeat(64)}`;
const DIGEST_IN_FILE = /^(\s+digest: "sha256:)([0-9a-f]{64})(")$/m;

export function itemToDraft(item: ImportItem): DraftResult {
  const title = item.title.trim();
  if (!title) return { ok: false, reason: '[no-title] the item has no title' };
  const problem = dateProblem(item.date, 'the date');
  if (problem) return { ok: false, reason: `[bad-date] ${problem}` };
  const sourceName = item.source?.name?.trim();
  if (!sourceName) return { ok: false, reason: '[no-source] the source names no publisher: pass --source "Publisher name"' };
  // Only Markdown's own white space: a no-break or ideographic space at either end is text the
  // writer relied on (`\u00a0# Vote` is no heading, `## Vote #\u00a0` keeps its `#`).
  const body = item.markdown.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (body.trim() === '') return { ok: false, reason: '[empty] the item has a title but no text' };
  const { names: topics, warnings: topicWarnings } = topicsFromSource(item.topics ?? []);
  const { names: authors, warnings: bylineWarnings } = bylineFromSource(item.authors ?? [], sourceName);
  const summary = item.summary?.trim();
  // In the schema's order (src/reports/schema.ts), which the file keeps.
  const frontmatter: ReportInput = {
    title,
    ...(item.subtitle?.trim() ? { subtitle: item.subtitle.trim() } : {}),
    ...(authors.length > 0 ? { authors } : {}),
    date: item.date,
    source: { name: sourceName, ...(item.source?.url ? { url: item.source.url } : {}) },
    ...(summary ? { summary } : {}),
    ...(topics.length > 0 ? { topics } : {}),
    language: item.language ?? 'en',
    ...(item.rights?.trim() ? { rights: item.rights.trim() } : {}),
  };
  const checked = reportSchema.safeParse({ ...frontmatter, imported: { key: item.key, digest: PLACEHOLDER } });
  if (!checked.success) return { ok: false, reason: `[invalid] ${describeIssues(checked.error).join('; ')}` };
  return {
    ok: true,
    draft: { year: Number(item.date.slice(0, 4)), slug: slugFor(title, `report-${item.date}`), frontmatter, body },
    warnings: [...bylineWarnings, ...topicWarnings],
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The file's text at <year>/<slug>.md, `imported` last, and its digest. */
export function reportFile(draft: ReportDraft, key: string, place: { year: number; slug: string }, body = draft.body): { text: string; digest: string } {
  const report = { ...place, body, frontmatter: { ...draft.frontmatter, imported: { key, digest: PLACEHOLDER } } };
  const unsigned = reportFileText(report);
  const digest = `sha256:${sha256(unsigned)}`;
  return { text: unsigned.replace(DIGEST_IN_FILE, (_, before: string, _hex: string, after: string) => `${before}${digest.slice(7)}${after}`), digest };
}

/**
 * The digest a report file's text has now (its own digest replaced by the placeholder, as when it
 * was written), or undefined when it holds no digest line the importer wrote. Equal to the digest
 * it records exactly when nobody has changed the file since it was imported.
 */
export function currentDigest(text: string): string | undefined {
  if (!DIGEST_IN_FILE.test(text)) return undefined;
  return `sha256:${sha256(text.replace(DIGEST_IN_FILE, (_, before: string, _hex: string, after: string) => `${before}${'0'.repeat(64)}${after}`))}`;
}
