/**
 * Checks made on a report's raw text before Astro parses it. Astro's YAML reading turns an unquoted
 * `date: 2018-02-30` into 2 March, and derives ids in ways two files can share; both would publish
 * a wrong archive without a word, so they are caught here, with the file named.
 */
import { parse as parseYaml } from 'yaml';
import { parseIsoDate } from './calendar-date.ts';
import { entryIdFromPath } from './report-path.ts';
import { reportPath } from '../urls/site-paths.ts';

const FRONTMATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/;

export interface RawEntryProblem {
  file: string;
  field: string;
  message: string;
}

export interface RawEntryCheck {
  id?: string;
  problems: RawEntryProblem[];
}

export function checkRawEntry(relativePath: string, contents: string): RawEntryCheck {
  const problems: RawEntryProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file: relativePath, field, message });

  const path = entryIdFromPath(relativePath);
  if (!path.ok) problem('(file name)', path.problem);

  const match = FRONTMATTER.exec(contents);
  if (!match) {
    problem('(front matter)', 'the file must start with a front matter block between two "---" lines holding title, date and source');
    return { id: path.ok ? path.id : undefined, problems };
  }

  let data: unknown;
  try {
    // The core schema keeps 2018-02-30 as text instead of rolling it over to a Date.
    data = parseYaml(match[1]!, { schema: 'core' });
  } catch (error) {
    problem('(front matter)', `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return { id: path.ok ? path.id : undefined, problems };
  }
  const rawDate = data && typeof data === 'object' ? (data as Record<string, unknown>).date : undefined;
  if (typeof rawDate === 'string') {
    const date = parseIsoDate(rawDate);
    if (!date) {
      problem('date', `"${rawDate}" is not a real calendar day: write it as YYYY-MM-DD, for example date: 2020-07-31`);
    } else if (path.ok && date.getUTCFullYear() !== path.year) {
      problem(
        'date',
        `the date ${rawDate} is in ${date.getUTCFullYear()} but the file is in the ${path.year}/ folder: move the file to ${date.getUTCFullYear()}/${path.slug}.md or correct the date`,
      );
    }
  }
  return { id: path.ok ? path.id : undefined, problems };
}

/** Two files whose ids match would overwrite each other: report every such pair. */
export function findDuplicateIds(entries: { file: string; id?: string }[]): RawEntryProblem[] {
  const firstFileById = new Map<string, string>();
  const problems: RawEntryProblem[] = [];
  for (const { file, id } of entries) {
    if (!id) continue;
    const first = firstFileById.get(id);
    if (first) {
      problems.push({
        file,
        field: '(file name)',
        message: `would be published at the same URL as ${first} (${reportPath(id)}): rename one of them`,
      });
    } else {
      firstFileById.set(id, file);
    }
  }
  return problems;
}

export function formatProblems(problems: RawEntryProblem[]): string {
  return problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n');
}
