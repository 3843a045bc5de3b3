import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob as findFiles } from 'tinyglobby';
import { needsStoredPartMeasure, storedPartBytes, type SourceMeasure } from './content-storage.ts';

/**
 * Where the reports are. ARCHIVE_CONTENT_DIR lets tests and the benchmark build a synthetic
 * archive without touching the real `content/`; it names the folder holding <year>/<slug>.md.
 */
export function reportsContentDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const override = env.ARCHIVE_CONTENT_DIR?.trim();
  return override ? path.resolve(cwd, override) : path.resolve(cwd, 'content/news');
}

export const REPORT_FILE_PATTERN = '**/*.md';

/** Every report file under the folder, relative to it, sorted (symlinked folders followed, as the loader reads them). */
export async function listReportFiles(contentDir: string): Promise<string[]> {
  return (await findFiles(REPORT_FILE_PATTERN, { cwd: contentDir })).sort();
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
