/**
 * What a part build leaves in its output folder so that the merge can prove the parts belong
 * together: which part it is, which parts the split has, and fingerprints of the settings, the
 * archive (every file of the content folder) and the code it was built with. The merge refuses
 * parts that disagree, a part missing or given twice, and a file two parts hold with different
 * bytes, before it writes anything. Pure: the merge command reads and writes the files.
 */
import type { PartitionEntry, PartitionManifest } from '../search/build/search-partitions.ts';
import { isInside } from '../reports/local-images.ts';
import { LISTINGS_PART } from './build-part.ts';

/** In each part's output folder; never in a merged or whole build. */
export const PART_MANIFEST = '.news-archive-part.json';

export interface Fingerprint {
  /** The settings every part must share (base, site, partition span). */
  settings: string;
  /** Every file of the content folder, by path and bytes. */
  content: string;
  /** The code that built it (src/, config, lock file). */
  code: string;
}

export interface PartManifest {
  format: 1;
  /** `listings` or a partition's name. */
  part: string;
  /** Every part of this split (partitions newest first, then `listings`). */
  parts: string[];
  fingerprint: Fingerprint;
  /** Ids of the reports whose pages this part published. */
  reports: string[];
}

export function partManifestText(manifest: PartManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A part's manifest, or why the folder is not a part build. */
export function readPartManifest(folder: string, text: string | undefined): { ok: true; manifest: PartManifest } | { ok: false; problem: string } {
  if (text === undefined) {
    return { ok: false, problem: `${folder} is not a part build: it has no ${PART_MANIFEST}. Build each part with ARCHIVE_BUILD_PART=<part> into a folder of its own and merge those folders.` };
  }
  try {
    const value = JSON.parse(text) as PartManifest;
    const ok =
      value?.format === 1 &&
      typeof value.part === 'string' &&
      Array.isArray(value.parts) &&
      value.parts.every((p) => typeof p === 'string') &&
      ['settings', 'content', 'code'].every((k) => typeof value.fingerprint?.[k as keyof Fingerprint] === 'string') &&
      Array.isArray(value.reports);
    if (ok) return { ok: true, manifest: value };
  } catch {
    // reported below
  }
  return { ok: false, problem: `${folder}/${PART_MANIFEST} is not a part manifest this version writes: build that part again.` };
}

/** What differs, said two ways: between two parts, and between the parts and the merge's checkout. */
const FINGERPRINT_WHAT: Record<keyof Fingerprint, [between: string, here: string]> = {
  settings: ['different settings', 'other settings'],
  content: ['a different archive', 'another archive'],
  code: ['different code', 'other code'],
};
const FINGERPRINT_INPUTS: Record<keyof Fingerprint, string> = {
  settings: 'BASE_PATH, SITE_URL or ARCHIVE_SEARCH_PARTITION_YEARS',
  content: 'the files of ARCHIVE_CONTENT_DIR',
  code: 'src/, astro.config.mjs or package-lock.json',
};

/**
 * Why these parts cannot be merged (empty: they can): they must come from the same settings,
 * archive and code (as each other, and as the merge's own, `current`), and cover every part of
 * the split exactly once.
 */
export function mergeProblems(parts: readonly { folder: string; manifest: PartManifest }[], current: Fingerprint): string[] {
  const problems: string[] = [];
  if (parts.length === 0) return ['No part folders given: npm run merge-parts -- --into <folder> <part folder>...'];
  const first = parts[0]!;
  for (const key of Object.keys(FINGERPRINT_WHAT) as (keyof Fingerprint)[]) {
    const differing = parts.filter((p) => p.manifest.fingerprint[key] !== first.manifest.fingerprint[key]);
    if (differing.length > 0) {
      problems.push(
        `${first.folder} (${first.manifest.part}) and ${differing[0]!.folder} (${differing[0]!.manifest.part}) were built from ${FINGERPRINT_WHAT[key][0]} (${FINGERPRINT_INPUTS[key]}): build every part from the same commit, archive and settings.`,
      );
    } else if (first.manifest.fingerprint[key] !== current[key]) {
      problems.push(
        `The parts were built from ${FINGERPRINT_WHAT[key][1]} (${FINGERPRINT_INPUTS[key]}) than the merge sees here: merge with the same checkout, ARCHIVE_CONTENT_DIR and settings the parts were built with.`,
      );
    }
  }
  const expected = first.manifest.parts;
  if (parts.some((p) => p.manifest.parts.join() !== expected.join())) {
    problems.push('The parts disagree on which parts the split has: build every part from the same archive and ARCHIVE_SEARCH_PARTITION_YEARS.');
    return problems;
  }
  const given = new Map<string, string[]>();
  for (const p of parts) given.set(p.manifest.part, [...(given.get(p.manifest.part) ?? []), p.folder]);
  for (const [part, folders] of given) {
    if (folders.length > 1) problems.push(`Part ${part} is given twice (${folders.join(', ')}): give each part once.`);
    if (!expected.includes(part)) problems.push(`Part ${part} (${folders[0]}) is not a part of this split (${expected.join(', ')}).`);
  }
  const missing = expected.filter((part) => !given.has(part));
  if (missing.length > 0) {
    problems.push(
      `Part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: build ${missing.length > 1 ? 'them' : 'it'} with ARCHIVE_BUILD_PART=${missing[0]}${missing.length > 1 ? ' (and so on)' : ''} and give ${missing.length > 1 ? 'their folders' : 'its folder'} to the merge too (every part: ${expected.join(', ')}).`,
    );
  }
  return problems;
}

/**
 * Which part's copy of each file the merged folder gets, and the files two parts hold with
 * different bytes (`digest` of a file in a part, undefined when the part does not hold it).
 */
export function planCopies(parts: readonly { folder: string; files: ReadonlyMap<string, string> }[]): { from: Map<string, string>; conflicts: string[] } {
  const from = new Map<string, string>();
  const digestOf = new Map<string, string>();
  const conflicts: string[] = [];
  for (const part of parts) {
    for (const [file, digest] of part.files) {
      const seen = digestOf.get(file);
      if (seen === undefined) {
        digestOf.set(file, digest);
        from.set(file, part.folder);
      } else if (seen !== digest) {
        conflicts.push(`${file}: ${from.get(file)} and ${part.folder} hold different bytes`);
      }
    }
  }
  return { from, conflicts: [...new Set(conflicts)].sort() };
}

/** A folder as the command line gave it (made absolute) and its real path (symlinks resolved). */
export interface NamedFolder {
  given: string;
  real: string;
}

/**
 * Why the merge may not write into `target` beside these parts (empty: it may). It empties its
 * target and then copies from the parts, so a target that is a part, lies inside one or holds one
 * would delete or overwrite what it copies from. Compared on real paths: `--into link-to-part`
 * names the part itself.
 */
export function targetOverlapProblems(target: NamedFolder, parts: readonly NamedFolder[]): string[] {
  const named = (folder: NamedFolder) => (folder.given === folder.real ? folder.given : `${folder.given} (${folder.real}, through a symlink)`);
  const fix = 'Merge into a folder of its own, outside every part folder (e.g. --into dist).';
  const problems: string[] = [];
  for (const part of parts) {
    const both = `--into ${named(target)} and the part folder ${named(part)}`;
    if (target.real === part.real) problems.push(`${both} are the same folder: the merge empties its target before copying, so it would delete that part. ${fix}`);
    else if (isInside(part.real, target.real)) problems.push(`${both}: the target lies inside that part, so the merge would write the merged site into the part. ${fix}`);
    else if (isInside(target.real, part.real)) problems.push(`${both}: the target holds that part, and the merge empties its target before copying, so it would delete the part. ${fix}`);
  }
  return problems;
}

/** The merged search partition list: every partition part's entries, newest first, as one build writes it. */
export function mergePartitionLists(lists: readonly PartitionManifest[]): PartitionManifest {
  const entries: PartitionEntry[] = lists.flatMap((list) => list.partitions);
  return { partitions: entries.sort((a, b) => b.from - a.from) };
}

export function isListingsPart(manifest: PartManifest): boolean {
  return manifest.part === LISTINGS_PART;
}
