import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { glob as findFiles } from 'tinyglobby';
import { settingPath } from '../settings/setting-values.ts';
import { needsStoredPartMeasure, storedPartBytes, type SourceMeasure } from './content-storage.ts';
import { listFolder } from '../output/up-to-date/file-stamps.ts';

export const DEFAULT_CONTENT_DIR = 'content/news';

/**
 * Where the reports are. ARCHIVE_CONTENT_DIR lets tests and the benchmark build a synthetic
 * archive without touching the real `content/`; it names the folder holding <year>/<slug>.md.
 * A blank, padded or unexpanded (`~/...`) value is a ConfigError (setting-values.ts).
 */
export function reportsContentDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), home = os.homedir()): string {
  const override = settingPath('ARCHIVE_CONTENT_DIR', env.ARCHIVE_CONTENT_DIR, DEFAULT_CONTENT_DIR, home);
  return path.resolve(cwd, override ?? DEFAULT_CONTENT_DIR);
}

/**
 * Why the folder of reports cannot be read, with the fix, or undefined. Checked with the settings,
 * before anything is written: later, a missing folder was found only after Astro had started and
 * made its cache folder, and a file crashed the check for changes (ENOTDIR). `given` is
 * ARCHIVE_CONTENT_DIR as set (undefined: the default).
 */
export function contentFolderProblem(contentDir: string, given: string | undefined): string | undefined {
  const setting = given === undefined ? `ARCHIVE_CONTENT_DIR (unset: ${DEFAULT_CONTENT_DIR})` : `ARCHIVE_CONTENT_DIR=${given}`;
  const fix = 'set ARCHIVE_CONTENT_DIR to the folder holding <year>/<slug>.md reports.';
  let info;
  try {
    info = statSync(contentDir, { throwIfNoEntry: false });
  } catch (error) {
    return `${setting}: the folder of reports ${contentDir} cannot be read (${(error as NodeJS.ErrnoException).code}). Fix the path, or ${fix}`;
  }
  if (info === undefined) return `${setting}: the folder of reports ${contentDir} does not exist. Create it (npm run import writes reports into it), or ${fix}`;
  if (!info.isDirectory()) return `${setting}: ${contentDir} is a file, not a folder. Give the folder of reports: ${fix}`;
  return undefined;
}

export const REPORT_FILE_PATTERN = '**/*.md';

/** Every report file under the folder, relative to it, sorted (symlinked folders followed, as the loader reads them). */
export async function listReportFiles(contentDir: string): Promise<string[]> {
  return (await findFiles(REPORT_FILE_PATTERN, { cwd: contentDir })).sort();
}

/**
 * Every symlink under the folder that leads somewhere (to a folder or a file), as a path through
 * the folder. The loader reads through them (listReportFiles follows linked folders, and links in
 * them), so the folders behind links are walked too, each once (a link back up is no loop).
 * Walked as the up-to-date check walks the archive (listFolder): the build settings check where
 * each leads, as the reports behind it are the build's input and must not be in its output.
 */
export function contentLinks(contentDir: string): string[] {
  const found: string[] = [];
  const walked = new Set<string>();
  // A link in a loop, or one to nothing, leads nowhere; a folder this user cannot read (a volume's
  // lost+found) holds nothing the loader can read either: neither stops the settings check.
  const unreadable = (error: unknown) => ['ELOOP', 'ENOENT', 'ENOTDIR', 'EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');
  const leadsToFolder = (link: string) => {
    try {
      return statSync(link, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch (error) {
      if (unreadable(error)) return false;
      throw error;
    }
  };
  const walk = (folder: string) => {
    let listed;
    try {
      const real = realpathSync.native(folder);
      if (walked.has(real)) return;
      walked.add(real);
      listed = listFolder(folder);
    } catch (error) {
      if (unreadable(error)) return;
      throw error;
    }
    found.push(...listed.fileLinks);
    for (const link of listed.links) {
      if (!leadsToFolder(link)) continue; // leads nowhere: nothing is read through it
      found.push(link);
      walk(link);
    }
  };
  if (existsSync(contentDir)) walk(contentDir);
  return found;
}

/**
 * The report files' count and bytes, and, when only reading them can tell whether a build's
 * content store fits in one file (content-storage.ts: large archives), what of them the store can
 * hold (the sources of 100,000 reports are 550-740 MB: read a few at a time, never all at once).
 */
export async function measureReportSources(contentDir: string, command: string): Promise<SourceMeasure> {
  if (!existsSync(contentDir)) return { reports: 0, bytes: 0 }; // the loader reports a missing folder, with the fix
  const files = (await listReportFiles(contentDir)).map((file) => path.join(contentDir, file));
  const sizes = files.map((file) => statSync(file, { throwIfNoEntry: false })?.size ?? 0);
  const measure: SourceMeasure = { reports: files.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
  if (!needsStoredPartMeasure(command, measure)) return measure;
  let storedBytes = 0;
  // A few at a time: one by one, 100,000 reads wait on the disk in turn.
  for (let start = 0; start < files.length; start += 64) {
    const texts = await Promise.all(files.slice(start, start + 64).map((file) => readFile(file, 'utf8').catch(() => '')));
    for (const text of texts) storedBytes += storedPartBytes(text);
  }
  return { ...measure, storedBytes };
}
