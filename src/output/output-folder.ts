/**
 * Which folders the build may use as its output folder, and how it recognises a folder it owns.
 * The build keeps its output folder between builds and deletes every file there that the site no
 * longer has (src/output/keep-output-integration.ts); pointed at the project, a home folder or the
 * reports, that would delete them. So:
 * - the folder itself must not be, contain or lie inside a place the project or the user needs
 *   (checked on real paths: a symlink does not get round it), nor hold or lie inside what a
 *   symlink in the folder of reports leads to (the build reads reports through it);
 * - a non-empty folder is only emptied or pruned when it holds OUTPUT_MARKER, written by an
 *   earlier build into that very folder (a cache elsewhere cannot vouch for what a folder holds):
 *   not one copied from elsewhere, nor one written into an earlier folder at the same path.
 * Pure but for pathKind: the caller passes how to resolve real paths and what the folder holds.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../reports/local-images.ts';

/** The ownership marker, in the output folder itself. A dot-file: hosts do not list it. */
export const OUTPUT_MARKER = '.news-archive-output';
export const OUTPUT_MARKER_CONTENT =
  'news-archive build output\n' +
  'This folder is written by the News Archive build (npm run build), which deletes any file in it\n' +
  'that the site no longer has. Remove this file and the build will refuse to use the folder.\n';
const FOLDER_LINE = 'folder: sha256:';
const INSTANCE_LINE = 'instance: sha256:';

/** What `stat(folder, { bigint: true })` tells of a folder that the marker names. */
export interface FolderStats {
  ino: bigint;
  birthtimeNs: bigint;
}

/**
 * What tells a folder from one made later at the same path: its inode number, which a file
 * system reuses at once for a folder made after one was deleted, and its birth time, which it
 * does not. `birth: false` where the file system keeps no birth time: Node then reports the
 * folder's change time, which every file added to it changes (mark-output-folder.ts tells).
 */
export function folderInstance(stats: FolderStats, birth = true): string {
  return birth ? `${stats.ino}:${stats.birthtimeNs}` : `${stats.ino}:-`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The marker for the folder whose real path is `folder` and whose instance (folderInstance) is
 * `instance`. It identifies that folder, because a marker travels with copies of the output:
 * - `rsync -a dist/ /var/www/html/` puts it in a web root that holds other files too: a copy
 *   vouches only for the folder it was written into, not for where it was copied to (the path);
 * - a site published as a repository (GitHub Pages) brings it back to the same path with a fresh
 *   clone, holding files its owner added there since (a CNAME, a verification page), which the
 *   build would delete as not the site's: a folder made again at that path is another folder
 *   (the instance).
 * By digests, not the path: the marker is uploaded with the site, and hosts other than the
 * configurations of npm run hosting serve it, so it must not show where the site was built (a
 * home folder names its user).
 */
export function outputMarkerContent(folder: string, instance: string): string {
  return `${OUTPUT_MARKER_CONTENT}${FOLDER_LINE}${sha256(folder)}\n${INSTANCE_LINE}${sha256(`${folder}\0${instance}`)}\n`;
}

/**
 * Whether `marker` is the one written into the folder whose real path is `folder`, with these
 * stats: with its birth time, or without it where the file system keeps none.
 */
export function markerNamesFolder(marker: string | undefined, folder: string, stats: FolderStats): boolean {
  if (marker === undefined) return false;
  const written = marker.trim();
  return [true, false].some((birth) => written === outputMarkerContent(folder, folderInstance(stats, birth)).trim());
}

/**
 * Entries an output folder may hold and still count as empty: `.git` (Astro keeps it too), and a
 * marker, which alone is nothing to lose (`rm -rf dist/*` leaves it, a dot-file).
 */
const IGNORED_WHEN_EMPTY = new Set(['.git', OUTPUT_MARKER]);

export interface ProjectPlaces {
  /** The project folder (where astro.config.mjs is). */
  root: string;
  /** The user's home folder. */
  home: string;
  /** The folder of reports (ARCHIVE_CONTENT_DIR). */
  contentDir: string;
  /**
   * The symlinks the build follows in the folder of reports (contentLinks in
   * src/reports/content-dir.ts): what they lead to is read as reports too.
   */
  contentLinks?: readonly string[];
}

/**
 * The real path of a folder that may not exist yet: the nearest existing ancestor resolved
 * (symlinks followed), the rest appended.
 */
export function realPathOf(target: string, realpath: (p: string) => string, exists: (p: string) => boolean): string {
  const absolute = path.resolve(target);
  const missing: string[] = [];
  let at = absolute;
  while (!exists(at)) {
    const parent = path.dirname(at);
    if (parent === at) break;
    missing.unshift(path.basename(at));
    at = parent;
  }
  return path.join(realpath(at), ...missing);
}

/** What is at a path, a final symlink followed (`dangling link`: one to nothing, or in a loop). */
export type PathKind = 'missing' | 'folder' | 'file' | 'dangling link';

export function pathKind(at: string): PathKind {
  let link;
  try {
    link = lstatSync(at, { throwIfNoEntry: false });
  } catch {
    return 'missing'; // ENOTDIR: a file on the path, which the caller finds when it looks there
  }
  if (link === undefined) return 'missing';
  let target;
  try {
    target = statSync(at, { throwIfNoEntry: false });
  } catch {
    return 'dangling link'; // ELOOP
  }
  if (target === undefined) return 'dangling link';
  return target.isDirectory() ? 'folder' : 'file';
}

/**
 * Why the build could not make or use `outDir` (ARCHIVE_OUT_DIR, relative to the project folder)
 * as a folder, or undefined: it, or the nearest existing path above it, is a file or a symlink to
 * nothing. existsSync follows links, so realPathOf takes a link to nothing for a folder still to
 * create, and the build failed later with a bare ENOENT from mkdir, after Astro had started.
 */
export function outputPathProblem(outDir: string, root: string, kindOf: (p: string) => PathKind): string | undefined {
  const resolved = path.resolve(root, outDir);
  const fix = 'Set ARCHIVE_OUT_DIR to a folder (missing, empty, or an earlier build\'s), e.g. ARCHIVE_OUT_DIR=dist (the default) or build/site.';
  for (let at = resolved; ; at = path.dirname(at)) {
    const kind = kindOf(at);
    const where = at === resolved ? resolved : `${at}, on its path,`;
    if (kind === 'file') return `ARCHIVE_OUT_DIR=${outDir}: ${where} is a file, not a folder. ${fix}`;
    if (kind === 'dangling link') {
      return `ARCHIVE_OUT_DIR=${outDir}: ${where} is a symlink to nothing (${readlinkOrUnknown(at)}). Create the folder it points to, remove the link, or set ARCHIVE_OUT_DIR to another folder, e.g. ARCHIVE_OUT_DIR=build/site.`;
    }
    if (kind === 'folder' || at === path.dirname(at)) return undefined;
  }
}

function readlinkOrUnknown(link: string): string {
  try {
    return `it points to ${readlinkSync(link)}`;
  } catch {
    return 'its target cannot be read';
  }
}

/**
 * Why `outDir` (as given in ARCHIVE_OUT_DIR, relative to the project folder) must not be the
 * output folder, or undefined when it may be. Every path is compared as a real path.
 */
export function outputFolderProblem(
  outDir: string,
  places: ProjectPlaces,
  realpath: (p: string) => string,
  exists: (p: string) => boolean,
): string | undefined {
  const real = (p: string) => realPathOf(p, realpath, exists);
  const resolved = path.resolve(places.root, outDir);
  const out = real(resolved);
  const root = real(places.root);
  const home = real(places.home);
  const content = real(places.contentDir);
  const shown = out === resolved ? out : `${out} (through a symlink)`;
  const refuse = (what: string) =>
    `ARCHIVE_OUT_DIR=${outDir} is ${shown}, ${what}. The build deletes every file in its output folder that the site does not have, so it would delete them. ` +
    'Set ARCHIVE_OUT_DIR to a folder of its own, e.g. ARCHIVE_OUT_DIR=dist (the default) or build/site.';

  if (out === path.parse(out).root) return refuse('the root of the file system');
  if (isInside(out, home)) return refuse(out === home ? 'your home folder' : `a folder containing your home folder (${home})`);
  if (isInside(out, root)) return refuse(out === root ? 'the project folder' : `a folder containing the project (${root})`);
  for (const folder of ['src', 'public', 'node_modules', '.git']) {
    const place = real(path.join(places.root, folder));
    if (isInside(place, out)) return refuse(`${out === place ? 'the project\'s' : 'inside the project\'s'} ${folder}/ folder`);
  }
  if (isInside(content, out)) return refuse(`${out === content ? 'the' : 'inside the'} folder of reports (ARCHIVE_CONTENT_DIR, ${content})`);
  if (isInside(out, content)) return refuse(`a folder containing the reports (ARCHIVE_CONTENT_DIR, ${content})`);
  for (const link of places.contentLinks ?? []) {
    const target = realpath(link);
    const inOutput = isInside(out, target);
    if (inOutput || isInside(target, out)) {
      return (
        `ARCHIVE_OUT_DIR=${outDir} is ${shown}, and the folder of reports (ARCHIVE_CONTENT_DIR) holds the symlink ${link}, which leads to ${target}, ` +
        `${inOutput ? 'inside the output folder' : 'a folder containing the output folder'}. The build reads reports through the link and deletes every file in its output folder that the site does not have, so it would delete them. ` +
        `${inOutput ? `Move ${target} out of the output folder and point the link there` : 'Point the link at a folder that does not hold the output folder'}, or set ARCHIVE_OUT_DIR to a folder of its own, e.g. ARCHIVE_OUT_DIR=dist (the default) or build/site.`
      );
    }
  }
  return undefined;
}

/**
 * Why the build must not use an existing folder holding `entries` (top-level names) whose marker
 * file reads `marker` (undefined when absent), or undefined when it may: an empty folder, or one
 * an earlier build of this project marked as its own. `folder` is the folder's real path and
 * `stats` its inode and birth time, which the marker must name (a marker copied from elsewhere
 * names another path; one cloned back to the same path, another folder instance).
 */
export function ownershipProblem(outDir: string, entries: readonly string[], marker: string | undefined, folder: string, stats: FolderStats): string | undefined {
  const contents = entries.filter((name) => !IGNORED_WHEN_EMPTY.has(name));
  if (contents.length === 0) return undefined;
  if (markerNamesFolder(marker, folder, stats)) return undefined;
  const sample = contents.slice(0, 3).join(', ') + (contents.length > 3 ? ', ...' : '');
  const ours = marker?.startsWith(OUTPUT_MARKER_CONTENT) && marker.includes(`\n${FOLDER_LINE}`);
  const why =
    marker === undefined
      ? `has no ${OUTPUT_MARKER} file, so it is not a folder this build wrote`
      : !ours
        ? `has a ${OUTPUT_MARKER} file that this build did not write`
        : !marker.includes(`\n${FOLDER_LINE}${sha256(folder)}\n`)
          ? `has a ${OUTPUT_MARKER} file written for another folder: it was copied here with that folder's files (or the folder was moved), so it does not say that this build wrote what this folder holds`
          : `has a ${OUTPUT_MARKER} file written into an earlier folder at this path, since deleted or replaced (made again, restored, or cloned from where the site is published), or by an earlier version of the build: ` +
            'files added to it since (a CNAME, a verification page) are not the site\'s, and the build cannot tell them from its own. Put any file the site needs in public/ (every build copies it)';
  return (
    `ARCHIVE_OUT_DIR: the output folder ${outDir} is not empty (${sample}) and ${why}. ` +
    'The build deletes files in its output folder that the site does not have, so it will not use this one. ' +
    `Empty the folder yourself if nothing in it is needed (dot-files too; ${OUTPUT_MARKER} and .git may stay), or set ARCHIVE_OUT_DIR to another folder (one that is empty or missing). Nothing was changed.`
  );
}
