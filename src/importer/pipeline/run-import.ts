/**
 * An import from start to end: the content folder indexed, every source read, each item matched
 * with the report it was imported as (report-index.ts), then written new, left alone (the same),
 * updated (`--update`, only a file nobody edited since) or reported as changed; every outcome
 * counted. One item's failure never stops the others. Nothing is written with `dryRun`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRawReport } from '../../reports/raw-report-check.ts';
import type { ReaderOptions } from '../readers/source-item.ts';
import type { DecodeOptions } from '../decode-text.ts';
import { copyMedia, planMedia, type MissingImage } from '../media/gather-media.ts';
import { rewriteImages } from '../media/rewrite-images.ts';
import { FS_OPS, removeLeftoverTemps, TargetExistsError, writeAtomically, type WriteOps } from './atomic-write.ts';
import { describeChange, summarizeChange } from './change-summary.ts';
import type { ImportItem } from './import-item.ts';
import { currentDigest, itemToDraft, reportFile, type ReportDraft } from './item-to-report.ts';
import { readSource, type ReaderTable } from './read-source.ts';
import { freeSlug, indexReports, matchItem, remember, type KnownReport } from './report-index.ts';
import { scanContent } from './scan-content.ts';
import { collectInputs, type SourceFile } from './source-files.ts';

export interface ImportSettings {
  inputs: string[];
  contentDir: string;
  cwd: string;
  decoding: DecodeOptions;
  reader: ReaderOptions;
  readers: ReaderTable;
  mediaDir?: string;
  update: boolean;
  dryRun: boolean;
  ops?: WriteOps;
}

/** How a failure shows in the exit code: the source could not be used, or a file not read or written. */
export type FailureKind = 'parse' | 'io';

export interface Failure {
  origin: string;
  reason: string;
  kind: FailureKind;
}

export interface ChangedItem {
  origin: string;
  /** The report file, relative to the content folder. */
  file: string;
  change: string;
  /** Why it was not updated. */
  why: string;
}

export interface ImportEvents {
  /** Items read, before any is written: the progress total. */
  start?(total: number): void;
  /** One item done. */
  step?(): void;
  /** A line for the editor: what was written (stdout) or what went wrong (stderr). */
  line(stream: 'out' | 'err', text: string): void;
}

export interface ImportTally {
  imported: string[];
  same: number;
  updated: string[];
  changed: ChangedItem[];
  skipped: Map<string, number>;
  failed: Failure[];
  missingMedia: { report: string; image: MissingImage }[];
  /** Temporary files of an interrupted import, removed on start. */
  leftovers: string[];
}

/** `[code] message` -> `error [code]: message`, as the importer has always printed errors. */
export function errorLine(reason: string): string {
  const coded = /^\[([a-z0-9-]+)\] ([\s\S]*)$/.exec(reason);
  return coded ? `error [${coded[1]}]: ${coded[2]}` : `error: ${reason}`;
}

const count = (map: Map<string, number>, reason: string) => map.set(reason, (map.get(reason) ?? 0) + 1);
const posix = (file: string) => file.split(path.sep).join('/');

interface Pending {
  item: ImportItem;
  source: SourceFile;
}

/** An item with its report's place decided: the existing report it was imported as, or a new name. */
interface Placed extends Pending {
  draft: ReportDraft;
  /** The draft's own warnings (names left out), told with the reader's. */
  draftWarnings: string[];
  year: number;
  slug: string;
  id: string;
  existing?: KnownReport;
}

/** Reports written at once: enough to keep the disk busy while the next items are converted. */
const WRITES_AT_ONCE = 8;

export async function runImport(settings: ImportSettings, events: ImportEvents): Promise<ImportTally> {
  const { contentDir, dryRun, update } = settings;
  const ops = settings.ops ?? FS_OPS;
  const tally: ImportTally = { imported: [], same: 0, updated: [], changed: [], skipped: new Map(), failed: [], missingMedia: [], leftovers: [] };
  const fail = (origin: string, reason: string, kind: FailureKind = 'parse') => {
    tally.failed.push({ origin, reason, kind });
    events.line('err', `${origin}: ${errorLine(reason)}`);
  };

  if (!dryRun) tally.leftovers = await removeLeftoverTemps(contentDir);
  const scan = await scanContent(contentDir);
  const index = indexReports(scan.reports, scan.folders);
  const scanned = new Map(scan.reports.map((report) => [report.id, report]));

  const inputs = await collectInputs(settings.inputs, contentDir, settings.cwd);
  for (const [reason, n] of inputs.skipped) tally.skipped.set(reason, n);
  for (const { input, reason } of inputs.missing) fail(input, reason, 'io');

  // Read everything first: the number of items is the progress bar's total.
  const pending: Pending[] = [];
  for (const source of inputs.files) {
    const name = posix(path.relative(settings.cwd, source.file));
    let bytes: Uint8Array;
    try {
      bytes = await readFile(source.file);
    } catch (error) {
      fail(name, `cannot read: ${(error as Error).message}`, 'io');
      continue;
    }
    const read = readSource(bytes, name, { decoding: settings.decoding, reader: settings.reader, readers: settings.readers });
    for (const warning of read.warnings) events.line('err', `${name}: warning [double-encoded]: ${warning}`);
    for (const outcome of read.outcomes) {
      if (outcome.kind === 'item') pending.push({ item: outcome.item, source });
      else if (outcome.kind === 'skipped') count(tally.skipped, outcome.reason);
      else fail(outcome.origin, outcome.reason);
    }
  }

  events.start?.(pending.length);
  // Each item is placed (matched, named) in source order, so names are the same on every run;
  // its files are then written while the next items are placed, a few at a time.
  const seenKeys = new Map<string, string>();
  const placedIds = new Map<string, string>();
  const writing = new Set<Promise<void>>();
  for (const { item, source } of pending) {
    let placed: Placed | undefined;
    try {
      const first = seenKeys.get(item.key);
      if (first !== undefined) {
        count(tally.skipped, 'the same item twice in this import');
        events.line('err', `${item.origin}: warning [duplicate]: the same item as ${first} (key ${item.key}): imported once`);
      } else {
        seenKeys.set(item.key, item.origin);
        placed = await placeItem(item, source);
        const other = placed && placedIds.get(placed.id);
        if (placed && other !== undefined) {
          count(tally.skipped, 'another item of this import is the same report');
          events.line('err', `${item.origin}: warning [duplicate]: matches ${placed.id}.md, as ${other} does: imported once`);
          placed = undefined;
        } else if (placed) placedIds.set(placed.id, item.origin);
      }
    } catch (error) {
      fail(item.origin, `cannot read: ${(error as Error).message}`, 'io');
    }
    if (!placed) {
      events.step?.();
      continue;
    }
    const task: Promise<void> = settleItem(placed)
      .catch((error: unknown) => fail(item.origin, `cannot write: ${(error as Error).message}`, 'io'))
      .finally(() => {
        writing.delete(task);
        events.step?.();
      });
    writing.add(task);
    if (writing.size >= WRITES_AT_ONCE) await Promise.race(writing);
  }
  await Promise.all(writing);
  return tally;

  async function placeItem(item: ImportItem, source: SourceFile): Promise<Placed | undefined> {
    const drafted = itemToDraft(item);
    if (!drafted.ok) return void fail(item.origin, drafted.reason);
    const { draft } = drafted;
    const match = matchItem(index, item.key, item.source?.url);
    if (match.kind === 'ambiguous') {
      return void fail(
        item.origin,
        `[ambiguous] ${match.reports.length} reports cite ${item.source?.url ?? item.key} (${match.reports.map((r) => `${r.id}.md`).join(', ')}) and none records this item: ` +
          'add imported: { key } to the one it is, or import it with the others removed',
      );
    }
    let existing: KnownReport | undefined = match.kind === 'found' ? match.report : undefined;
    let slug = draft.slug;
    let year = draft.year;
    if (existing) [year, slug] = [Number(existing.id.slice(0, 4)), existing.id.slice(5)];
    else {
      // A report the importer wrote before it recorded keys, at the title's own name: the same text is the same item.
      const legacy = await legacyReport(item, draft.year, draft.slug);
      if (legacy) existing = legacy;
      else {
        slug = freeSlug(year, draft.slug, index.taken);
        remember(index, { id: `${year}/${slug}`, key: item.key, ...(item.source?.url ? { sourceUrl: item.source.url } : {}) });
      }
    }
    return { item, source, draft, draftWarnings: drafted.warnings, year, slug, id: `${year}/${slug}`, ...(existing ? { existing } : {}) };
  }

  async function settleItem({ item, source, draft, draftWarnings, year, slug, id, existing }: Placed): Promise<void> {
    const relative = `${id}.md`;
    const target = path.join(contentDir, ...relative.split('/'));

    const media = item.images.length > 0 ? await planMedia(item.images, slug, { ...(settings.mediaDir ? { mediaDir: settings.mediaDir } : {}), sourceFile: source.file, sourceRoot: source.root }) : undefined;
    const body = media ? rewriteImages(draft.body, media.targets) : draft.body;
    const file = reportFile(draft, item.key, { year, slug }, body);
    const problems = checkRawReport(relative, file.text).problems;
    if (problems.length > 0) return fail(item.origin, `[invalid] as ${relative}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    for (const warning of [...item.warnings, ...draftWarnings]) events.line('err', `${item.origin}: warning: ${relative}: ${warning}`);
    for (const image of media?.missing ?? []) {
      tally.missingMedia.push({ report: relative, image });
      events.line('err', `${item.origin}: warning [media]: ${relative}: image ${image.url} not copied (${image.reason}): kept as a link to it, or as text when it is no web address`);
    }
    const folder = path.join(contentDir, String(year), slug);
    const copyAll = async () => (media && !dryRun ? copyMedia(media.copies, folder, ops) : []);

    if (!existing) {
      if (!dryRun) {
        await copyAll();
        try {
          await writeAtomically(target, file.text, false, ops);
        } catch (error) {
          if (error instanceof TargetExistsError) return fail(item.origin, `[exists] ${relative} appeared while importing: not overwritten, import again`, 'io');
          throw error;
        }
      }
      tally.imported.push(relative);
      events.line('out', `${dryRun ? 'would import' : 'imported'}: ${relative} (from ${item.origin})`);
      return;
    }
    if (existing.digest === file.digest) {
      tally.same++;
      if (!dryRun) await copyAll(); // restores a deleted image; never replaces one
      if (dryRun) events.line('out', `same: ${relative} (from ${item.origin})`);
      return;
    }
    const before = await readFile(target, 'utf8');
    const summary = summarizeChange(before, file.text);
    const change = describeChange(summary);
    if (existing.digest === undefined && summary.fields.length === 0 && summary.added === 0 && summary.removed === 0) {
      tally.same++;
      if (dryRun) events.line('out', `same: ${relative} (from ${item.origin})`);
      return;
    }
    const untouched = existing.digest !== undefined && currentDigest(before) === existing.digest;
    const why = !update
      ? 'use --update'
      : existing.digest === undefined
        ? 'the importer did not write it (it records no import): update it by hand'
        : !untouched
          ? 'it was edited since it was imported: merge the change by hand (or delete the file and import again)'
          : undefined;
    if (why) {
      tally.changed.push({ origin: item.origin, file: relative, change, why });
      events.line('err', `${item.origin}: changed, not updated (${why}): ${relative}: ${change}`);
      return;
    }
    if (!dryRun) {
      for (const name of await copyAll()) {
        events.line(
          'err',
          `${item.origin}: warning [media]: ${relative}: ${posix(path.relative(contentDir, path.join(folder, name)))} differs from the source's image and was not replaced (it may be an editor's): delete it and import with --update again to take the source's`,
        );
      }
      await writeAtomically(target, file.text, true, ops);
    }
    existing.digest = file.digest;
    tally.updated.push(relative);
    events.line('out', `${dryRun ? 'would update' : 'updated'}: ${relative} (from ${item.origin}): ${change}`);
  }

  async function legacyReport(item: ImportItem, year: number, slug: string): Promise<KnownReport | undefined> {
    const known = scanned.get(`${year}/${slug}`);
    if (!known || known.key !== undefined || known.digest !== undefined) return undefined;
    const drafted = itemToDraft(item);
    if (!drafted.ok) return undefined;
    const text = await readFile(path.join(contentDir, String(year), `${slug}.md`), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const summary = summarizeChange(text, reportFile(drafted.draft, item.key, { year, slug }).text);
    return summary.fields.length === 0 && summary.added === 0 && summary.removed === 0 ? known : undefined;
  }
}
