/**
 * Checks made on a report's raw text before Astro parses it:
 * - Astro's YAML reading turns an unquoted `date: 2018-02-30` into 2 March: the date and each
 *   update's date are read here as text, from the same front matter block, by the same YAML
 *   parser with the same options (merge keys, anchors, aliases and duplicate-key errors
 *   included), so what is checked is what Astro publishes;
 * - characters XML cannot carry, anywhere in the file, are named by line: one of them in a body
 *   made every feed ill-formed (the schema names front matter fields holding escaped ones);
 * - ids two files could share.
 * Each would publish a wrong archive without a word, so they are caught here, with the file named.
 */
import { extractFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import * as yaml from 'js-yaml';
import { parseIsoDate } from './calendar-date.ts';
import { reportIdFromPath } from './report-path.ts';
import { findForbiddenCharacter, quoted } from './text-rules.ts';
import { reportPath } from '../urls/site-paths.ts';

/**
 * Astro's Markdown front matter schema (js-yaml's default, as `parseFrontmatter` in
 * @astrojs/internal-helpers calls `yaml.load`), except that timestamps stay the text they were
 * written as: js-yaml would build `new Date(Date.UTC(2018, 1, 30))`, which is 2 March.
 */
// js-yaml 4 exports its built-in types as `types`; @types/js-yaml does not declare them.
type BuiltIn = 'timestamp' | 'merge' | 'binary' | 'omap' | 'pairs' | 'set';
const types = (yaml as unknown as { types: Record<BuiltIn, yaml.Type> }).types;
const timestampAsText = new yaml.Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: unknown) => types.timestamp.resolve(data),
  construct: (data: string) => data,
  instanceOf: String,
});
export const FRONTMATTER_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [timestampAsText, types.merge],
  explicit: [types.binary, types.omap, types.pairs, types.set],
});

/** The front matter as Astro reads it, with timestamps as text. Throws on invalid YAML, as Astro does. */
export function readFrontmatter(rawFrontmatter: string): Record<string, unknown> {
  const parsed = yaml.load(rawFrontmatter, { schema: FRONTMATTER_SCHEMA });
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

export interface RawReportProblem {
  file: string;
  field: string;
  message: string;
}

export interface RawReportCheck {
  id?: string;
  problems: RawReportProblem[];
}

/** At most this many lines with a bad character are listed per file: the first ones show the fix. */
const MAX_LINES_SHOWN = 5;

/** One problem per line holding a character feeds cannot carry, the line numbered from 1. */
function forbiddenCharacterLines(contents: string, frontmatterLines: number): { field: string; message: string }[] {
  if (!findForbiddenCharacter(contents)) return [];
  const found: { field: string; message: string }[] = [];
  const lines = contents.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length && found.length < MAX_LINES_SHOWN; i++) {
    const bad = findForbiddenCharacter(lines[i]!);
    if (!bad) continue;
    found.push({
      field: i < frontmatterLines ? '(front matter)' : '(body)',
      message: `line ${i + 1} contains ${bad.codePoint} (column ${bad.index + 1}), a control character or non-character that feeds cannot carry: delete it`,
    });
  }
  return found;
}

export function checkRawReport(relativePath: string, contents: string): RawReportCheck {
  const problems: RawReportProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file: relativePath, field, message });

  const path = reportIdFromPath(relativePath);
  if (!path.ok) problem('(file name)', path.problem);
  const id = path.ok ? path.id : undefined;

  // The same block Astro takes, found by Astro's own function.
  const rawFrontmatter = extractFrontmatter(contents);
  if (rawFrontmatter === undefined || !/^\s*(?:\uFEFF)?---/.test(contents)) {
    problem(
      '(front matter)',
      rawFrontmatter === undefined
        ? 'the file must start with a front matter block between two "---" lines holding title, date and source'
        : 'the front matter must be YAML between two "---" lines (not TOML between "+++")',
    );
    return { id, problems };
  }
  const frontmatterEnd = contents.indexOf(rawFrontmatter) + rawFrontmatter.length;
  const frontmatterLines = contents.slice(0, frontmatterEnd).split(/\r\n|\n|\r/).length;
  const characters = forbiddenCharacterLines(contents, frontmatterLines);
  for (const c of characters) problem(c.field, c.message);
  if (characters.some((c) => c.field === '(front matter)')) return { id, problems };

  let data: Record<string, unknown>;
  try {
    data = readFrontmatter(rawFrontmatter);
  } catch (error) {
    problem('(front matter)', `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return { id, problems };
  }
  const rawDate = data.date;
  if (typeof rawDate === 'string') {
    const date = parseIsoDate(rawDate);
    if (!date) {
      problem('date', `${quoted(rawDate)} is not a real calendar day: write it as YYYY-MM-DD, for example date: 2020-07-31`);
    } else if (path.ok && date.getUTCFullYear() !== path.year) {
      problem(
        'date',
        `the date ${rawDate} is in ${date.getUTCFullYear()} but the file is in the ${path.year}/ folder: move the file to ${date.getUTCFullYear()}/${path.slug}.md or correct the date`,
      );
    }
  }
  // Update dates are read as text for the same reason: 2020-02-30 must be refused, not become 1 March.
  if (Array.isArray(data.updates)) {
    data.updates.forEach((update: unknown, i) => {
      const rawUpdateDate = update && typeof update === 'object' ? (update as Record<string, unknown>).date : undefined;
      if (typeof rawUpdateDate === 'string' && !parseIsoDate(rawUpdateDate)) {
        problem(
          `updates.${i}.date`,
          `"${rawUpdateDate}" is not a real calendar day: write it as YYYY-MM-DD, for example date: 2020-08-02`,
        );
      }
    });
  }
  return { id, problems };
}

/** Two files whose ids match would overwrite each other: report every such pair. */
export function findDuplicateIds(entries: { file: string; id?: string }[]): RawReportProblem[] {
  const firstFileById = new Map<string, string>();
  const problems: RawReportProblem[] = [];
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

export function formatProblems(problems: RawReportProblem[]): string {
  return problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n');
}
