/**
 * A plain-text press release -> a report entry (front matter + Markdown body), or a typed error.
 * Pure: no files, no clock. The date is never guessed: if the text and the options do not say it,
 * the import stops.
 */
import slugify from '@sindresorhus/slugify';
import { MONTH_NAMES, isValidCalendarDate, parseIsoDate } from '../reports/calendar-date.ts';
import { isWindowsReservedName, reportIdFromPath } from '../reports/report-path.ts';
import { findForbiddenCharacter } from '../reports/text-rules.ts';
import { dateProblem, sourceUrlProblem } from './import-options.ts';
import { plainTextToMarkdown } from './plain-text-markdown.ts';
import { reportSchema, describeIssues, type ReportInput } from '../reports/schema.ts';

export interface ParseOptions {
  /** YYYY-MM-DD; overrides the date found in the text. */
  date?: string;
  /** The publisher; defaults to the holder named in the copyright line. */
  sourceName?: string;
  sourceUrl?: string;
  language?: string;
}

export type ImportErrorCode = 'empty' | 'no-title' | 'no-date' | 'bad-date' | 'no-source' | 'invalid';

export interface ImportError {
  code: ImportErrorCode;
  message: string;
}

export interface ParsedReport {
  year: number;
  slug: string;
  frontmatter: ReportInput;
  body: string;
}

export type ParseResult = { ok: true; report: ParsedReport } | { ok: false; error: ImportError };

const TITLE_DECK_SEPARATOR = /\s+-{2,3}\s+/;
// "Copyright ?2018" and "Copyright (c) 2018": the © was lost in an encoding round trip.
const LOST_COPYRIGHT_SIGN = /^(Copyright\s*)(?:\?|\(c\)\s?)(?=\s*\d{4})/i;
/**
 * What only a rights notice opens with: the sign, or "Copyright" with the sign or its lost forms
 * ("Copyright ©", "Copyright (c)", "Copyright ?2018"). The word Copyright alone opens prose just as
 * well ("Copyright law reform is next..."), so it is no sign of a notice.
 */
const SIGNED_NOTICE_LEAD = /^(?:©|Copyright\s*(?:©|\(c\)|\?(?=\s*\d{4})))/i;
/** "Copyright 2020 Acme": a notice only if what follows the year reads as a name (prose can start so too). */
const DATED_NOTICE_LEAD = /^Copyright\s+\d{4}\b/i;
/**
 * "All rights reserved" as a clause of its own ("Acme Inc. All rights reserved.", "..., all rights
 * reserved"), not inside a sentence ("the minister said all rights reserved under the treaty...").
 */
const ALL_RIGHTS_RESERVED_CLAUSE = /(?:^|[.,;:|–—-])\s*all\s+rights\s+reserved\b(?![ \t]+\p{L})/iu;
/** A notice is a line or two; a longer paragraph is running prose, whatever its lines open with. */
const MAX_NOTICE_LENGTH = 200;
/** The holder in a notice: after the sign and the years, up to the first full stop, comma or line end. */
const NOTICE_HOLDER = /^(?:Copyright\s*(?:©|\(c\))?|©)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?)?\s*([^.,\n]*)/i;
const TRAILING_ALL_RIGHTS_RESERVED = /[\s|–—-]*all\s+rights\s+reserved$/i;
/** The lowercase words a publisher's name may hold ("Ministry of Finance", "the Associated Press"). */
const NAME_PARTICLES = new Set(['of', 'and', 'for', 'the', 'de', 'du', 'des', 'la', 'le', 'von', 'van', 'der', 'den', 'und', 'et', 'y', 'e', 'da', 'di', '&']);
const MAX_NAME_WORDS = 8;
const MONTH_DAY = new RegExp(`\\b(${MONTH_NAMES.join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`);
const ISO_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})\b/;
const YEAR_IN_TEXT = /\b(19\d{2}|20\d{2})\b/g;
const MAX_SLUG_LENGTH = 80;

const fail = (code: ImportErrorCode, message: string): ParseResult => ({ ok: false, error: { code, message } });

export function normalizeText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Blank-line separated blocks, each with its lines trimmed of trailing space. */
function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => line.trimEnd()).join('\n').trim())
    .filter((block) => block.length > 0);
}

export function splitTitle(line: string): { title: string; subtitle?: string } {
  const trimmed = line.trim();
  // Split at the first separator only: a deck that holds another keeps it as written.
  const separator = TITLE_DECK_SEPARATOR.exec(trimmed);
  if (!separator) return { title: trimmed };
  const title = trimmed.slice(0, separator.index).trim();
  const subtitle = trimmed.slice(separator.index + separator[0].length).trim();
  return subtitle ? { title, subtitle } : { title };
}

export function repairCopyright(line: string): string {
  return line.trim().replace(LOST_COPYRIGHT_SIGN, '$1©');
}

type DateFinding = { date: string } | { error: ImportError };

/** The dateline ("On July 31, ..."), with its year from the text or the title; or an ISO date. */
export function findDate(title: string, paragraphs: string[]): DateFinding | undefined {
  const lead = paragraphs.slice(0, 2).join('\n');
  const monthDay = MONTH_DAY.exec(lead);
  if (monthDay) {
    const month = MONTH_NAMES.indexOf(monthDay[1] as (typeof MONTH_NAMES)[number]) + 1;
    const day = Number(monthDay[2]);
    const titleYears = [...new Set([...title.matchAll(YEAR_IN_TEXT)].map((m) => Number(m[1])))];
    const year = monthDay[3] ? Number(monthDay[3]) : titleYears.length === 1 ? titleYears[0] : undefined;
    if (year === undefined) {
      return {
        error: {
          code: 'no-date',
          message: `the dateline says "${monthDay[0]}" but no single year is given in it or in the title: pass --date YYYY-MM-DD`,
        },
      };
    }
    if (!isValidCalendarDate(year, month, day)) {
      return { error: { code: 'bad-date', message: `the dateline "${monthDay[0]}" (${year}) is not a real day: pass --date YYYY-MM-DD` } };
    }
    return { date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
  }
  const iso = ISO_IN_TEXT.exec([title, lead].join('\n'));
  if (iso) {
    return parseIsoDate(iso[1]!)
      ? { date: iso[1]! }
      : { error: { code: 'bad-date', message: `"${iso[1]}" in the text is not a real day: pass --date YYYY-MM-DD` } };
  }
  return undefined;
}

export function slugFor(title: string, fallback: string): string {
  const full = slugify(title);
  if (!full) return fallback;
  if (isWindowsReservedName(full)) return `${full}-report`;
  if (full.length <= MAX_SLUG_LENGTH) return full;
  const cut = full.slice(0, MAX_SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_SLUG_LENGTH);
}

/**
 * A control character (an ESC, a form feed) is no text a reader sees, and one in a report makes
 * every feed ill-formed, so the build refuses it: the importer names its line first.
 */
function forbiddenCharacterLine(text: string): string | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const bad = findForbiddenCharacter(lines[i]!);
    if (bad) {
      return `line ${i + 1} contains ${bad.codePoint} (column ${bad.index + 1}), a control character that feeds cannot carry: delete it from the text, then import again`;
    }
  }
  return undefined;
}

export function parseReport(raw: string, options: ParseOptions = {}): ParseResult {
  const text = normalizeText(raw);
  if (text.trim() === '') return fail('empty', 'the file is empty: a report needs a title line and at least one paragraph');
  const control = forbiddenCharacterLine(text);
  if (control) return fail('invalid', control);

  const [titleBlock, ...rest] = splitParagraphs(text);
  const titleLine = titleBlock!.split('\n')[0]!;
  const { title, subtitle } = splitTitle(titleLine);
  if (!title) return fail('no-title', 'the first line must be the title');
  // A title block that runs on over several lines is a paragraph without a title line.
  const leftover = titleBlock!.split('\n').slice(1).join('\n').trim();
  const paragraphs = leftover ? [leftover, ...rest] : rest;

  // Only a last paragraph that reads as a notice leaves the body; anything else is the publisher's text.
  const rights = paragraphs.length > 0 ? rightsNotice(paragraphs.at(-1)!) : undefined;
  if (rights !== undefined) paragraphs.pop();
  if (paragraphs.length === 0) return fail('empty', 'the report has a title but no text');

  let date: string;
  if (options.date !== undefined) {
    const problem = dateProblem(options.date, '--date');
    if (problem) return fail('bad-date', problem);
    date = options.date;
  } else {
    const found = findDate(titleLine, paragraphs);
    if (!found) {
      return fail('no-date', 'no date found (no dateline such as "On July 31, ..." and no YYYY-MM-DD date): pass --date YYYY-MM-DD');
    }
    if ('error' in found) return { ok: false, error: found.error };
    const problem = dateProblem(found.date, 'the date in the text');
    if (problem) return fail('bad-date', `${problem}, or pass --date YYYY-MM-DD`);
    date = found.date;
  }
  if (options.sourceUrl !== undefined) {
    const problem = sourceUrlProblem(options.sourceUrl);
    if (problem) return fail('invalid', problem);
  }

  const sourceName = options.sourceName ?? rightsHolder(rights);
  if (!sourceName) {
    // A name read from a notice that does not clearly give one would be made up: ask instead.
    return rights
      ? fail('no-source', `the rights notice "${rights}" names no publisher that can be read: pass --source "Publisher name"`)
      : fail('no-source', 'the publisher is not named in a copyright line: pass --source "Publisher name"');
  }

  const frontmatter: ReportInput = {
    title,
    ...(subtitle ? { subtitle } : {}),
    date,
    source: { name: sourceName, ...(options.sourceUrl ? { url: options.sourceUrl } : {}) },
    language: options.language ?? 'en',
    ...(rights ? { rights } : {}),
  };
  const checked = reportSchema.safeParse(frontmatter);
  if (!checked.success) return fail('invalid', describeIssues(checked.error).join('; '));

  const year = Number(date.slice(0, 4));
  const slug = slugFor(title, `report-${date}`);
  // The importer files only where the build will look: the same path rules, by construction.
  const placed = reportIdFromPath(`${year}/${slug}.md`);
  if (!placed.ok) return fail('invalid', `cannot file the report as ${year}/${slug}.md: ${placed.problem}`);
  return { ok: true, report: { year, slug, frontmatter, body: plainTextToMarkdown(paragraphs) } };
}

/**
 * The paragraph as a rights notice (its lines joined, a lost © repaired), if it reads as one: short,
 * and each of its lines a notice's ("© 2021 Acme Inc." over "All rights reserved."). Otherwise
 * undefined: the paragraph is text and belongs in the body, such as "Copyright law reform is next..."
 * or a press contact above the notice, which the notice must not carry off.
 */
export function rightsNotice(paragraph: string): string | undefined {
  const lines = paragraph.split('\n').map((line) => repairCopyright(line));
  const notice = lines.join(' ');
  return notice.length <= MAX_NOTICE_LENGTH && lines.every(readsAsNoticeLine) ? notice : undefined;
}

/**
 * A line opening with the sign ("© 2020 Acme", "Copyright (c) 2019 Acme"), or with "Copyright"
 * and a year before a name ("Copyright 2020 Acme"), or holding "All rights reserved" as a clause.
 */
function readsAsNoticeLine(line: string): boolean {
  return (
    SIGNED_NOTICE_LEAD.test(line) ||
    ALL_RIGHTS_RESERVED_CLAUSE.test(line) ||
    (DATED_NOTICE_LEAD.test(line) && rightsHolder(line) !== undefined)
  );
}

/**
 * The publisher a notice names, only when it plainly names one: "Copyright ©2018 CASIC. All Rights
 * Reserved." -> "CASIC". When the words after the sign and year do not read as a name ("the
 * ministry, which owns it"), undefined: a fragment of a sentence would become the source named in
 * every citation.
 */
export function rightsHolder(rights: string | undefined): string | undefined {
  if (!rights) return undefined;
  const holder = NOTICE_HOLDER.exec(rights)?.[1]?.trim().replace(TRAILING_ALL_RIGHTS_RESERVED, '');
  return holder && readsAsName(holder) ? holder : undefined;
}

/**
 * A few words that each start with a capital, a digit or a sign ("3M", "(CASIC)", "中国航天"), or
 * are particles of names ("of", "the"), at least one of them a real word. A lowercase word such as
 * "reform" or "said" means running text, in brackets or quotes as much as without.
 */
function readsAsName(text: string): boolean {
  const words = text.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return false;
  const initial = (word: string) => word.replace(/^[(\[{"'“‘«]+/u, '');
  const startsLowercase = (word: string) => /^\p{Ll}/u.test(initial(word));
  const startsAsName = (word: string) => /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u.test(initial(word));
  return words.every((word) => !startsLowercase(word) || NAME_PARTICLES.has(word)) && words.some(startsAsName);
}
