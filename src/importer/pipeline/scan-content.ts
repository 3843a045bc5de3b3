/**
 * Reads what the content folder already holds, for report-index.ts: every <year>/<slug>.md's
 * `source.url` and `imported` record, and the <year>/<name>/ folders (reports' media).
 * A file whose front matter cannot be read still takes its name.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { extractFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { readFrontmatter } from '../../reports/raw-report-check.ts';
import type { KnownReport } from './report-index.ts';

export interface ContentScan {
  reports: KnownReport[];
  folders: string[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function knownReport(id: string, contents: string): KnownReport {
  let data: Record<string, unknown> = {};
  try {
    const raw = extractFrontmatter(contents);
    if (raw !== undefined) data = readFrontmatter(raw);
  } catch {
    // the build names what is wrong with it; here it only takes its name
  }
  const source = data.source && typeof data.source === 'object' ? (data.source as Record<string, unknown>) : {};
  const imported = data.imported && typeof data.imported === 'object' ? (data.imported as Record<string, unknown>) : {};
  const report: KnownReport = { id };
  const url = text(source.url)?.trim();
  if (url) report.sourceUrl = url;
  const key = text(imported.key);
  if (key !== undefined) report.key = key;
  const digest = text(imported.digest);
  if (digest !== undefined) report.digest = digest;
  return report;
}

export async function scanContent(contentDir: string): Promise<ContentScan> {
  const [files, folders] = await Promise.all([
    glob('*/*.md', { cwd: contentDir, onlyFiles: true }),
    glob('*/*', { cwd: contentDir, onlyDirectories: true }),
  ]);
  const reports: KnownReport[] = [];
  // In slices: tens of thousands of open files at once would run out of descriptors.
  for (let i = 0; i < files.length; i += 256) {
    const slice = files.slice(i, i + 256).sort();
    reports.push(
      ...(await Promise.all(slice.map(async (file) => knownReport(file.replace(/\.md$/, ''), await readFile(path.join(contentDir, file), 'utf8'))))),
    );
  }
  return { reports, folders: folders.map((folder) => folder.replace(/\/$/, '')) };
}
