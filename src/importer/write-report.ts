/**
 * Writes a parsed report to <contentDir>/<year>/<slug>.md. Never overwrites: an existing report
 * is a decision for the publisher, not the importer.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { ParsedReport } from './parse-report.ts';

export function renderEntry(report: ParsedReport): string {
  const frontmatter = stringify(report.frontmatter, { lineWidth: 0 }).trimEnd();
  return `---\n${frontmatter}\n---\n\n${report.body}\n`;
}

export function entryPath(contentDir: string, report: ParsedReport): string {
  return path.join(contentDir, String(report.year), `${report.slug}.md`);
}

export class EntryExistsError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} already exists: the importer never overwrites a report (edit it, or delete it first)`);
    this.file = file;
  }
}

export async function writeEntry(contentDir: string, report: ParsedReport): Promise<string> {
  const file = entryPath(contentDir, report);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, renderEntry(report), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new EntryExistsError(file);
    throw error;
  }
  return file;
}
