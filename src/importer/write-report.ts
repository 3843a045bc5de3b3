/**
 * Writes a parsed report to <contentDir>/<year>/<slug>.md. Never overwrites: an existing report
 * is a decision for the publisher, not the importer.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, Scalar, isScalar } from 'yaml';
import type { ParsedReport } from './parse-report.ts';

/**
 * Front matter that Astro reads back as exactly these values. Astro parses YAML with js-yaml,
 * which reads a plain `2020-07-31`, `yes`, `~` or `0x1F` as a date, boolean, null or number, and
 * another YAML library's idea of what needs quoting differs from it; so every text value is
 * double-quoted (escapes keep any character), and only the date is plain, to be read as a date.
 */
export function frontmatterYaml(frontmatter: ParsedReport['frontmatter']): string {
  const doc = new Document(frontmatter);
  const date = doc.get('date', true);
  if (isScalar(date)) date.type = Scalar.PLAIN;
  return doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }).trimEnd();
}

export function reportFileText(report: ParsedReport): string {
  return `---\n${frontmatterYaml(report.frontmatter)}\n---\n\n${report.body}\n`;
}

export function reportFileLocation(contentDir: string, report: ParsedReport): string {
  return path.join(contentDir, String(report.year), `${report.slug}.md`);
}

export class ReportExistsError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} already exists: the importer never overwrites a report (edit it, or delete it first)`);
    this.file = file;
  }
}

export async function writeReport(contentDir: string, report: ParsedReport): Promise<string> {
  const file = reportFileLocation(contentDir, report);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, reportFileText(report), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ReportExistsError(file);
    throw error;
  }
  return file;
}
