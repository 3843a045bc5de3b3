/**
 * "Cite this report": a Chicago-style bibliography entry for the page, and BibTeX, RIS and
 * CSL-JSON for reference managers. Chicago, not APA, because Chicago keeps titles as the source
 * wrote them; APA's sentence case would need proper nouns recognised automatically, and an archive
 * must not rewrite a title wrongly. The report's authors, when it names them, are the author;
 * otherwise its source is (an organization). The archive is the container, the archive's URL is
 * the one cited. Names are cited as written, never inverted ("Doe, Jane"): which part of "Yuan Jie"
 * is the family name, no rule can tell.
 */
import { MONTH_NAMES, toIsoDate } from '../reports/calendar-date.ts';

export interface CitationInput {
  id: string;
  title: string;
  subtitle?: string;
  date: Date;
  /** The organization that issued the report: the author when the report names no authors. */
  author: string;
  /** The people who wrote the report (its byline), in the order credited. */
  authors?: readonly string[];
  /** The archive's name. */
  container: string;
  /** Absolute URL of the report page. */
  url: string;
  language: string;
  summary?: string;
  keywords?: string[];
}

export interface CitationPart {
  text: string;
  italic?: boolean;
}

const fullTitle = (c: CitationInput): string => (c.subtitle ? `${c.title}: ${c.subtitle}` : c.title);

/** "July 31, 2020" as Chicago writes dates. */
export function chicagoDate(date: Date): string {
  return `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** Ends a title with a period inside the quotes, unless it already ends with its own mark. */
function closed(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** The authors' names, or the organization's name when the report names none. */
const creators = (c: CitationInput): readonly string[] => (c.authors?.length ? c.authors : [c.author]);

/**
 * Names as a Chicago bibliography lists them: "A", "A and B", "A, B, and C"; more than ten, the
 * first seven and "et al." (The Chicago Manual of Style, 17th ed., 14.76).
 */
export function chicagoNames(names: readonly string[]): string {
  if (names.length > 10) return `${names.slice(0, 7).join(', ')}, et al.`;
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')}, and ${names.at(-1)}`;
}

/** Chicago bibliography entry as parts, so the page can italicise the container. */
export function chicagoCitation(c: CitationInput): CitationPart[] {
  return [
    { text: `${closed(chicagoNames(creators(c)))} “${closed(fullTitle(c))}” ` },
    { text: c.container, italic: true },
    { text: `, ${chicagoDate(c.date)}. ${c.url}.` },
  ];
}

export const citationText = (parts: CitationPart[]): string => parts.map((p) => p.text).join('');

/** A BibTeX key from the report id: 2020/casic-holds -> 2020-casic-holds. */
export const citationKey = (id: string): string => id.replace(/[^A-Za-z0-9-]+/g, '-');

/**
 * Characters TeX reads as commands or as something else, written as commands that print them.
 * Braces are the crux: BibTeX ends a field where its braces balance, counting every `{` and `}`,
 * backslash or not, so `\}` still closes a field (`A}}, note = {x}` would add a field, and a lone
 * `}` end the entry). No brace from the text is ever written as a brace: `\textbraceleft{}` and
 * `\textbraceright{}` print one and count as none. `<`, `>` and `|` print as other glyphs in
 * TeX's default font encoding.
 */
const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\textbraceleft{}', '}': '\\textbraceright{}', '&': '\\&', '%': '\\%', $: '\\$',
  '#': '\\#', _: '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}', '<': '\\textless{}', '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/**
 * Text for a braced BibTeX field that prints exactly as written. Besides the specials above,
 * TeX joins `--` into a dash, two backquotes or apostrophes into curly quotes, `?``/`!`` into
 * inverted marks and `,,` into a low quote: an empty group between the two characters keeps them
 * apart. Runs of spaces, tabs and line breaks become one space, as TeX reads them; other
 * spaces (no-break, ideographic) are text and stay.
 */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[ \t\n\r]+/g, ' ')
    .replace(/[\\{}&%$#_^~<>|]/g, (c) => BIBTEX_SPECIALS[c]!)
    .replace(/([-`',?!])(?=[-`',])/g, '$1{}');
}

const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The author field's value: each name braced whole, the organization's and people's alike, and
 * people joined with "and", BibTeX's separator. Unbraced, BibTeX splits a name into given and
 * family name by its own rule, and styles then cite "Jie, Yuan" for Yuan Jie and sort it under J;
 * the archive cites names as written (see above). Braced, "Doe, Jane", a name with "and" in it or
 * "others" (BibTeX's "et al.") read as one name too.
 */
function bibtexAuthors(c: CitationInput): string {
  return creators(c).map((name) => `{${escapeBibtex(name)}}`).join(' and ');
}

/** A @misc entry (readable by BibTeX and biblatex); braces keep the title's and author's case. */
export function bibtex(c: CitationInput): string {
  const fields: [string, string][] = [
    ['author', bibtexAuthors(c)],
    ['title', `{${escapeBibtex(fullTitle(c))}}`],
    ['howpublished', escapeBibtex(c.container)],
    ['year', String(c.date.getUTCFullYear())],
    ['date', toIsoDate(c.date)],
    ['url', c.url.replace(/[{}]/g, encodeURIComponent)],
    ['language', escapeBibtex(c.language)],
  ];
  if (c.keywords?.length) fields.push(['keywords', escapeBibtex(c.keywords.join(', '))]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@misc{${citationKey(c.id)},\n${body},\n  month = ${BIBTEX_MONTHS[c.date.getUTCMonth()]}\n}\n`;
}

/** RIS: one "TAG  - value" per line, CRLF as the format specifies, ending with ER. */
export function ris(c: CitationInput): string {
  const line = (tag: string, value: string) => `${tag}  - ${value.replace(/\s+/g, ' ').trim()}`;
  const d = c.date;
  const lines = [
    line('TY', 'ELEC'),
    ...creators(c).map((name) => line('AU', name)),
    line('TI', fullTitle(c)),
    line('T2', c.container),
    line('PY', String(d.getUTCFullYear())),
    line('DA', toIsoDate(d).replaceAll('-', '/')),
    line('UR', c.url),
    line('LA', c.language),
    ...(c.summary ? [line('AB', c.summary)] : []),
    ...(c.keywords ?? []).map((k) => line('KW', k)),
    line('ID', c.id),
    'ER  - ',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export interface CslItem {
  id: string;
  type: 'webpage';
  title: string;
  'container-title': string;
  author: { literal: string }[];
  issued: { 'date-parts': [[number, number, number]] };
  URL: string;
  language: string;
  abstract?: string;
  keyword?: string;
}

/** CSL-JSON (what Zotero, Pandoc and citeproc read): an array holding the one item. */
export function cslJson(c: CitationInput): CslItem[] {
  const d = c.date;
  return [
    {
      id: c.id,
      type: 'webpage',
      title: fullTitle(c),
      'container-title': c.container,
      author: creators(c).map((name) => ({ literal: name })),
      issued: { 'date-parts': [[d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]] },
      URL: c.url,
      language: c.language,
      ...(c.summary ? { abstract: c.summary } : {}),
      ...(c.keywords?.length ? { keyword: c.keywords.join(', ') } : {}),
    },
  ];
}
