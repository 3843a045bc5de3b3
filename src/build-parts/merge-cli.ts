/**
 * `npm run merge-parts -- --into <folder> <part folder>...`: merges the parts of a split build
 * (src/build-parts/build-part.ts) into the site one build would have written, by copying.
 * Everything is checked before anything is written: each folder is a part, all were built from
 * the same settings, archive and code as each other and as this checkout sees (the same
 * environment as the builds: ARCHIVE_CONTENT_DIR, BASE_PATH, SITE_URL,
 * ARCHIVE_SEARCH_PARTITION_YEARS), every part is there exactly once, no file is held by two parts
 * with different bytes, and the target is missing, empty or an output folder this project wrote,
 * and is no part, lies inside none and holds none (on real paths: it is emptied before the copy).
 * Then the files are copied, the search partitions listed together, and the whole site checked as
 * a build checks it: every report published, listed, indexed and fed, no link broken, one search
 * record per report. Any problem exits with status 1 and says what to do.
 * `npm run merge-parts -- --list` prints the parts of the split as JSON (for a CI matrix).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSettings, type BuildSettings } from '../settings/build-settings.ts';
import { ConfigError } from '../urls/url-settings.ts';
import { filesUnder, symlinksUnder } from '../output/files-under.ts';
import { OUTPUT_MARKER, outputFolderProblem, ownershipProblem, realPathOf } from '../output/output-folder.ts';
import { markOutputFolder } from '../output/mark-output-folder.ts';
import { removeInside } from '../output/remove-inside.ts';
import { buildCacheDir } from '../output/cache/build-cache.ts';
import { FINISHED_MARKER } from '../output/keep-output-integration.ts';
import { UP_TO_DATE_RECORD } from '../output/up-to-date/up-to-date.ts';
import completenessIntegration from '../checks/completeness-integration.ts';
import { countIndexedRecords, type PagefindEntryFile } from '../checks/search-index-check.ts';
import { parseManifest, type PartitionManifest } from '../search/build/search-partitions.ts';
import { partitionCountProblem, reportsOf, updateWordsIndex } from '../search/build/pagefind-integration.ts';
import { contentLinks, listReportFiles } from '../reports/content-dir.ts';
import { SEARCH_BUNDLE_FOLDER, SEARCH_PARTITIONS_FILE, searchPartitionPath } from '../urls/site-paths.ts';
import { siteConfig } from '../site.config.ts';
import { allPartNames, BUILD_PART_VARIABLE } from './build-part.ts';
import { archiveYears, partFingerprint } from './part-fingerprint.ts';
import { mergePartitionLists, mergeProblems, PART_MANIFEST, planCopies, readPartManifest, targetOverlapProblems, type PartManifest } from './part-manifest.ts';

const PARTITIONS_LIST = `${SEARCH_BUNDLE_FOLDER}/${SEARCH_PARTITIONS_FILE}`;
/** Never copied from a part: the merged folder gets its own marker, and is no part. */
const NOT_COPIED = new Set([OUTPUT_MARKER, PART_MANIFEST, PARTITIONS_LIST]);

class MergeRefused extends Error {}

const refuse = (problems: string[]): never => {
  throw new MergeRefused(`Nothing was written: the parts cannot be merged.\n  ${problems.join('\n  ')}`);
};

export function parseArgs(args: readonly string[]): { into: string; parts: string[] } {
  let into: string | undefined;
  const parts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--into') into = args[++i];
    else if (arg.startsWith('--into=')) into = arg.slice('--into='.length);
    else if (arg.startsWith('-')) refuse([`Unknown option ${arg}. Usage: npm run merge-parts -- --into <folder> <part folder>...`]);
    else parts.push(arg);
  }
  if (!into) refuse(['Say where the merged site goes: npm run merge-parts -- --into <folder> <part folder>...']);
  if (parts.length === 0) refuse(['Give the folders of the parts: npm run merge-parts -- --into <folder> <part folder>...']);
  return { into: into!, parts };
}

/** sha256 of every file of a part folder that the merge copies. */
async function partFiles(folder: string): Promise<Map<string, string>> {
  const files = (await filesUnder(folder, new Set(['.git']))).filter((file) => !NOT_COPIED.has(file)).sort();
  const out = new Map<string, string>();
  for (let start = 0; start < files.length; start += 64) {
    const slice = files.slice(start, start + 64);
    const digests = await Promise.all(slice.map(async (file) => createHash('sha256').update(await readFile(path.join(folder, file))).digest('hex')));
    slice.forEach((file, i) => out.set(file, digests[i]!));
  }
  return out;
}

/** Why the merge must not write into `into`, or undefined (the same rules as the build's output folder). */
function targetProblem(into: string, settings: BuildSettings): string | undefined {
  const places = { root: settings.root, home: os.homedir(), contentDir: settings.contentDir, contentLinks: contentLinks(settings.contentDir) };
  const placed = outputFolderProblem(into, places, (p) => realpathSync.native(p), existsSync);
  if (placed) return placed.replace(/^ARCHIVE_OUT_DIR=/, '--into ');
  if (!existsSync(into)) return undefined;
  if (!statSync(into).isDirectory()) return `--into ${into} is a file, not a folder: give a folder that is missing, empty or an earlier build's.`;
  const marker = path.join(into, OUTPUT_MARKER);
  const problem = ownershipProblem(into, readdirSync(into), existsSync(marker) ? readFileSync(marker, 'utf8') : undefined, realpathSync.native(into), statSync(into, { bigint: true }));
  return problem?.replace(/^ARCHIVE_OUT_DIR: the output folder/, '--into: the folder').replace('set ARCHIVE_OUT_DIR to another folder', 'give --into another folder');
}

export interface MergeResult {
  files: number;
  reports: number;
}

export async function mergeParts(into: string, partFolders: readonly string[], env: NodeJS.ProcessEnv, root: string, log: (message: string) => void): Promise<MergeResult> {
  const started = performance.now();
  if (env[BUILD_PART_VARIABLE]?.trim()) refuse([`${BUILD_PART_VARIABLE} is set: unset it for the merge (it merges every part).`]);
  let settings: BuildSettings;
  try {
    settings = buildSettings({ ...env, ARCHIVE_OUT_DIR: undefined }, root);
  } catch (error) {
    if (error instanceof ConfigError) refuse([error.message]);
    throw error;
  }
  const folders = partFolders.map((folder) => path.resolve(folder));
  const target = path.resolve(into);

  // 1. Every folder is a part, all of the same split, from the same inputs as this checkout.
  const manifests: { folder: string; manifest: PartManifest }[] = [];
  const unreadable: string[] = [];
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      unreadable.push(`${folder} is not a folder: give the output folder of each part build.`);
      continue;
    }
    const read = readPartManifest(folder, await readFile(path.join(folder, PART_MANIFEST), 'utf8').catch(() => undefined));
    if (read.ok) manifests.push({ folder, manifest: read.manifest });
    else unreadable.push(read.problem);
  }
  // The target is emptied before the copy: it must be no part, inside none and hold none, however spelt.
  const named = (folder: string) => ({ given: folder, real: realPathOf(folder, (p) => realpathSync.native(p), existsSync) });
  unreadable.push(...targetOverlapProblems(named(target), folders.map(named)));
  if (unreadable.length > 0) refuse(unreadable);
  const current = await partFingerprint(root, settings.contentDir, settings);
  const problems = mergeProblems(manifests, current);
  if (problems.length > 0) refuse(problems);

  // 2. The target may be written, and no two parts disagree on a file.
  const place = targetProblem(target, settings);
  if (place) refuse([place]);
  const parts = await Promise.all(manifests.map(async ({ folder }) => ({ folder, files: await partFiles(folder) })));
  const { from, conflicts } = planCopies(parts);
  if (conflicts.length > 0) {
    refuse([`${conflicts.length} file(s) differ between parts built from the same inputs (a part was changed after it was built?): ${conflicts.slice(0, 5).join('; ')}`]);
  }
  const lists: PartitionManifest[] = [];
  for (const { folder, manifest } of manifests) {
    if (manifest.part === 'listings') continue;
    const list = parseManifest(await readFile(path.join(folder, PARTITIONS_LIST), 'utf8').catch(() => undefined));
    if (!list || list.partitions.length !== 1 || list.partitions[0]!.name !== manifest.part) {
      refuse([`${folder} (part ${manifest.part}) has no search partition list of its own partition (${PARTITIONS_LIST}): build that part again.`]);
    }
    lists.push(list!);
  }

  // 3. Write: claim the folder first (a merge that fails later leaves it recognisably ours), empty it, copy.
  // A build into this folder must not take it for its own last finished output (keep-output-integration.ts).
  const cache = buildCacheDir(root, { outDir: target, base: settings.base, ...(settings.site ? { site: settings.site } : {}), contentDir: settings.contentDir });
  await rm(path.join(cache, FINISHED_MARKER), { force: true });
  await rm(path.join(cache, UP_TO_DATE_RECORD), { force: true });
  await mkdir(target, { recursive: true });
  for (const name of await readdir(target)) {
    if (name !== '.git') await removeInside(target, name, { recursive: true });
  }
  await markOutputFolder(target);
  const madeFolders = new Set<string>();
  const copies = [...from.entries()];
  for (let start = 0; start < copies.length; start += 64) {
    await Promise.all(
      copies.slice(start, start + 64).map(async ([file, folder]) => {
        const destination = path.join(target, ...file.split('/'));
        const parent = path.dirname(destination);
        if (!madeFolders.has(parent)) {
          await mkdir(parent, { recursive: true });
          madeFolders.add(parent);
        }
        await copyFile(path.join(folder, ...file.split('/')), destination);
      }),
    );
  }
  const merged = mergePartitionLists(lists);
  await mkdir(path.join(target, SEARCH_BUNDLE_FOLDER), { recursive: true });
  // Each part indexed one partition: the words index of them all is written here, as a build of
  // the whole archive writes it (from the same partitions, so the same files).
  if (merged.partitions.length > 1) {
    const words = await updateWordsIndex(target, merged.partitions, undefined, undefined);
    if (words.entry) merged.words = words.entry;
    if (words.problem) log(`warning: ${words.problem}`);
  }
  await writeFile(path.join(target, PARTITIONS_LIST), `${JSON.stringify(merged)}\n`);
  log(`merged ${manifests.length} parts (${manifests.map((m) => m.manifest.part).join(', ')}): ${copies.length + 2} files into ${target}`);

  // 4. The merged site, checked as a build checks its own, never skipped.
  const reports = reportsOf(await listReportFiles(settings.contentDir));
  const partitions = merged.partitions.map((entry) => {
    const entryFile = path.join(target, searchPartitionPath(entry.name), 'pagefind-entry.json');
    const records = existsSync(entryFile) ? countIndexedRecords(JSON.parse(readFileSync(entryFile, 'utf8')) as PagefindEntryFile) : 0;
    return { name: entry.name, records, reports: reports.filter((r) => r.year >= entry.from && r.year <= entry.to).length, rebuilt: false };
  });
  const countProblem = partitionCountProblem({ records: partitions.reduce((sum, p) => sum + p.records, 0), outputPath: target, pruned: 0, partitions }, reports.length);
  if (countProblem) throw new Error(`The merged site fails its check: ${countProblem}`);
  const completeness = completenessIntegration({ contentDir: settings.contentDir, feedSize: siteConfig.feedSize });
  // The check reads the hosting settings from Astro's resolved config.
  const configDone = completeness.hooks['astro:config:done'] as unknown as (options: { config: { base: string; site?: string } }) => void;
  configDone({ config: { base: settings.base, ...(settings.site ? { site: settings.site } : {}) } });
  const logger = { info: log, warn: (message: string) => log(`warning: ${message}`) };
  try {
    await completeness.checkSite(target, logger as never);
  } catch (error) {
    throw new Error(`The merged site fails its check (nothing is wrong with the parts' copying; a part was built wrongly):\n${error instanceof Error ? error.message : String(error)}`);
  }
  const links = await symlinksUnder(target);
  if (links.length > 0) throw new Error(`The merged site holds symlinks, which no build writes: ${links.slice(0, 3).join(', ')}`);
  log(`search index: ${reports.length} records in ${partitions.length} partitions${merged.words ? ', and the words index of them all' : ''}; merged and checked in ${Math.round(performance.now() - started)} ms`);
  return { files: copies.length + 2, reports: reports.length };
}

/** `--list`: the parts of this archive's split, as JSON, for a CI matrix. */
export function listParts(env: NodeJS.ProcessEnv, root: string): string[] {
  const settings = buildSettings({ ...env, ARCHIVE_OUT_DIR: undefined, [BUILD_PART_VARIABLE]: undefined }, root);
  if (settings.searchPartitionYears === undefined) throw new Error('Set ARCHIVE_SEARCH_PARTITION_YEARS: a build is split along the search index\'s partitions.');
  const parts = allPartNames(archiveYears(settings.contentDir), settings.searchPartitionYears!);
  if (parts.length < 3) throw new Error(`With ARCHIVE_SEARCH_PARTITION_YEARS=${settings.searchPartitionYears} the archive falls in one partition: build it whole, or use fewer years per partition.`);
  return parts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  try {
    if (process.argv.includes('--list')) {
      console.log(JSON.stringify(listParts(process.env, root)));
      process.exit(0);
    }
    const { into, parts } = parseArgs(process.argv.slice(2));
    await mergeParts(into, parts, process.env, root, (message) => console.log(message));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
