/**
 * What a content folder holds, read straight from its files (front matter parsed with `yaml`), so
 * browser tests compute their expectations from the content, never from the site's own code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { parse } from 'yaml';

export interface ManifestReport {
  id: string;
  file: string;
  source: string;
  title: string;
  subtitle?: string;
  summary?: string;
  date: string;
  year: string;
  topics: string[];
  organizations: string[];
  people: string[];
  body: string;
}

/** Every report, newest first, ties by id (the archive's order). */
export async function readManifest(contentDir: string): Promise<ManifestReport[]> {
  const files = await glob('*/*.md', { cwd: contentDir });
  const reports = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(path.join(contentDir, file), 'utf8');
      const [, frontmatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source)!;
      const data = parse(frontmatter!, { schema: 'failsafe' }) as Record<string, unknown>;
      const date = String(data.date);
      return {
        id: file.replace(/\.md$/, ''),
        file: path.join(contentDir, file),
        source,
        title: String(data.title),
        subtitle: data.subtitle as string | undefined,
        summary: data.summary as string | undefined,
        date,
        year: date.slice(0, 4),
        topics: (data.topics as string[] | undefined) ?? [],
        organizations: (data.organizations as string[] | undefined) ?? [],
        people: (data.people as string[] | undefined) ?? [],
        body: body!,
      };
    }),
  );
  return reports.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

export type TermField = 'topics' | 'organizations' | 'people';

/** Each name of a kind with its reports, newest first. */
export function termCounts(reports: ManifestReport[], field: TermField): Map<string, ManifestReport[]> {
  const terms = new Map<string, ManifestReport[]>();
  for (const report of reports) {
    for (const name of new Set(report[field])) terms.set(name, [...(terms.get(name) ?? []), report]);
  }
  return terms;
}
