/**
 * Keeps the output folder between builds (see src/output/stale-output-files.ts for why) and makes it
 * exactly what a clean build would produce:
 * - Astro's own emptying of the folder is turned off, so unchanged pages stay where they are;
 * - Vite's hashed assets are written afresh each build, so their folder is cleared first;
 * - after the build, every file it did not produce is deleted (a removed report's page, an old
 *   asset), except those another integration keeps and prunes itself (the search bundle);
 * - the folder is only kept after a build that finished: a build that failed part-way may have
 *   left pages that no cache entry describes, so the next build starts from an empty folder;
 * - nothing of a folder the build did not write is ever deleted: before anything is written, a
 *   non-empty folder without this project's ownership marker for this very folder
 *   (src/output/output-folder.ts) stops the build, and an empty one gets the marker; symlinks in it are removed, and hard-linked files
 *   copied, before anything is written (writes would go through them); every deletion goes
 *   through removeInside, which stays inside the folder and never follows a symlink.
 * Returns two integrations: the first must come before any that writes into the finished folder
 * (it prunes), the second after all of them (it records that the build finished).
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { staleOutputFiles } from './stale-output-files.ts';
import { OUTPUT_MARKER, ownershipProblem } from './output-folder.ts';
import { markOutputFolder } from './mark-output-folder.ts';
import { filesUnder, linksUnder } from './files-under.ts';
import { removeInside } from './remove-inside.ts';
import { UP_TO_DATE_RECORD } from './up-to-date/up-to-date.ts';

/**
 * Never emptied or pruned: `.git`, as Astro keeps it (some publish the output as a repository),
 * and the marker that says the folder is ours.
 */
const UNTOUCHED = new Set(['.git', OUTPUT_MARKER]);
/** In the build's cache folder: Astro's list of the pages its incremental build may copy back (astro/dist/core/build/incremental.js). */
export const ASTRO_INCREMENTAL_MANIFEST = 'incremental-build.json';
/** In the build's cache folder: present only while the output folder is a finished build's. */
export const FINISHED_MARKER = 'output-folder-finished';

/** Empties a folder this build owns (its marker was checked before the build started). */
async function emptyFolder(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of await readdir(dir)) {
    if (!UNTOUCHED.has(name)) await removeInside(dir, name, { recursive: true });
  }
}

/**
 * Throws unless the output folder is missing, empty, or marked as this project's. Runs when the
 * config is resolved, before Astro writes anything; the build then marks the folder first thing
 * (astro:build:start), so a build that fails later still leaves it recognisably ours.
 */
function claimOutputFolder(outDir: string): void {
  if (existsSync(outDir)) {
    if (!statSync(outDir).isDirectory()) throw new Error(`ARCHIVE_OUT_DIR: ${outDir} is a file, not a folder. Set ARCHIVE_OUT_DIR to a folder (missing, empty, or an earlier build's).`);
    const entries = readdirSync(outDir);
    const markerFile = path.join(outDir, OUTPUT_MARKER);
    const marker = existsSync(markerFile) ? readFileSync(markerFile, 'utf8') : undefined;
    const problem = ownershipProblem(outDir, entries, marker, realpathSync.native(outDir), statSync(outDir, { bigint: true }));
    if (problem) throw new Error(problem);
  }
}

/** Replaces `file` (relative to `dir`, a hard-linked file) by a copy, so that it no longer shares its data. */
async function unshareFile(dir: string, file: string): Promise<void> {
  const target = path.join(dir, ...file.split('/'));
  const copy = `${target}.news-archive-unshare`;
  await copyFile(target, copy);
  await rename(copy, target);
}

/** Removes folders left empty by the pruning, deepest first; the output folder itself stays. */
async function removeEmptyFolders(dir: string, files: string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = path.posix.dirname(file); folder !== '.'; folder = path.posix.dirname(folder)) folders.add(folder);
  }
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    // rmdir removes only empty folders and does not follow a symlink (it fails on one).
    await rmdir(path.join(dir, folder)).catch(() => {}); // not empty: still holds this build's files
  }
}

export interface KeepOutputOptions {
  /**
   * Files that integrations write afresh after the pages (host configs, the sitemap): removed
   * with the stale files, but not reported as left over from earlier builds.
   */
  rewritten?: (file: string) => boolean;
  /** Files of this build written outside Astro's routes, listed by the integration that wrote them. */
  producedElsewhere?: () => Iterable<string>;
  /**
   * Top-level folders another integration keeps and prunes itself (the search bundle): left
   * alone here, and not even listed, as Pagefind may be writing into it meanwhile.
   */
  managedFolders?: readonly string[];
}

export default function keepOutput(options: KeepOutputOptions = {}): [AstroIntegration & { holdsOnlyThisBuild: () => boolean }, AstroIntegration] {
  let outDir = '';
  let startedEmpty = false;
  let publicDir = '';
  let assetsFolder = '_astro';
  let finishedMarker = '';
  let command = '';
  return [
    {
      name: 'news-archive:keep-output',
      /** True once this build has started from an empty folder: every page in it is this build's. */
      holdsOnlyThisBuild: () => startedEmpty,
      hooks: {
        'astro:config:setup': ({ command: astroCommand, updateConfig }) => {
          command = astroCommand;
          if (command === 'build') updateConfig({ vite: { build: { emptyOutDir: false } } });
        },
        'astro:config:done': ({ config }) => {
          outDir = path.resolve(fileURLToPath(config.outDir)); // no trailing slash: a file there must be seen
          publicDir = fileURLToPath(config.publicDir);
          assetsFolder = config.build.assets;
          finishedMarker = fileURLToPath(new URL(FINISHED_MARKER, config.cacheDir));
          // Before Astro writes anything: refuse a folder that is not ours.
          if (command === 'build') claimOutputFolder(outDir);
        },
        'astro:build:start': async ({ logger }) => {
          await mkdir(outDir, { recursive: true });
          await markOutputFolder(outDir);
          // Astro, Pagefind and the hosting files write into the folder by name: a symlink there
          // (dist/index.html -> a file elsewhere, dist/news -> a folder elsewhere) would have them
          // overwrite what it points to. No build writes a symlink, so every one is removed first.
          const { symlinks: links, hardLinked: shared } = linksUnder(outDir, new Set(['.git']));
          await Promise.all(links.map((link) => removeInside(outDir, link)));
          if (links.length > 0) logger.warn(`removed ${links.length} symlink(s) from the output folder, which holds only files the build writes: ${links.slice(0, 3).join(', ')}`);
          // A hard link is the same file under another name, maybe outside the folder (a snapshot
          // made with `cp -al dist snapshot`): pages are written in place, so each such file is
          // replaced by a copy of its own before anything is written.
          for (const file of shared) await unshareFile(outDir, file);
          if (shared.length > 0) logger.warn(`made ${shared.length} hard-linked file(s) in the output folder its own (copied), so that the build's writes do not change the other names of the same file: ${shared.slice(0, 3).join(', ')}`);
          const lastBuildFinished = existsSync(finishedMarker);
          startedEmpty = !lastBuildFinished || readdirSync(outDir).every((name) => UNTOUCHED.has(name));
          await rm(finishedMarker, { force: true });
          // Whatever this build does, the record of the last one no longer describes the folder (src/output/up-to-date/).
          await rm(path.join(path.dirname(finishedMarker), UP_TO_DATE_RECORD), { force: true });
          if (!lastBuildFinished) {
            if (existsSync(outDir)) {
              logger.info('the last build into this folder did not finish (or is unknown): starting from an empty folder, every page rendered again');
              await emptyFolder(outDir);
            }
            // Astro's incremental build copies its cached pages back on a cache key, and its
            // list of them is from the last build that finished: a build stopped while writing a
            // page leaves that page's cached copy cut short, which would be copied back, and
            // every later build would then fail its completeness check. So the list goes too.
            await rm(path.join(path.dirname(finishedMarker), ASTRO_INCREMENTAL_MANIFEST), { force: true });
          }
          await removeInside(outDir, assetsFolder, { recursive: true });
        },
        'astro:build:done': async ({ dir, assets, logger }) => {
          const siteDir = fileURLToPath(dir);
          const routeFiles = [...assets.values()].flat().map((url) => path.relative(siteDir, fileURLToPath(url)).split(path.sep).join('/'));
          const existing = await filesUnder(siteDir, new Set([...UNTOUCHED, ...(options.managedFolders ?? [])]));
          const stale = staleOutputFiles(existing, {
            routeFiles: [...routeFiles, ...(options.producedElsewhere?.() ?? [])],
            publicFiles: await filesUnder(publicDir),
            freshFolders: [assetsFolder],
          });
          await Promise.all(stale.map((file) => removeInside(siteDir, file)));
          await removeEmptyFolders(siteDir, stale);
          const leftOver = stale.filter((file) => !options.rewritten?.(file));
          if (leftOver.length > 0) logger.info(`removed ${leftOver.length} file(s) of earlier builds that this build did not produce`);
        },
      },
    },
    {
      name: 'news-archive:keep-output-finished',
      hooks: {
        'astro:build:done': async () => {
          await mkdir(path.dirname(finishedMarker), { recursive: true });
          await writeFile(finishedMarker, `${new Date().toISOString()}\n`);
        },
      },
    },
  ];
}
