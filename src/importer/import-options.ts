/**
 * Checks of the importer's options, made before any file is read, so a wrong option stops the
 * whole import with the option named instead of failing file by file (or writing a wrong entry).
 * parseReport makes the same checks on what it finds in the text.
 */
import { parseIsoDate } from '../reports/calendar-date.ts';

/**
 * Years a report can be filed under: year folders are exactly four digits (report-path.ts), and the
 * importer names the folder by the year, so a year before 1000 would make a `999/` folder the
 * build rejects.
 */
export const FIRST_YEAR = 1000;
export const LAST_YEAR = 9999;

export const ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Why `date` (YYYY-MM-DD) cannot date a report, or undefined if it can. `what` names its origin. */
export function dateProblem(date: string, what: string): string | undefined {
  const day = parseIsoDate(date);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return `${what} "${date}" is not a real day written YYYY-MM-DD`;
  const year = day.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return `${what} "${date}" is outside the years an archive can file (${FIRST_YEAR}-${LAST_YEAR}): check the year`;
  }
  return undefined;
}

/** Why `url` cannot be a report's source link (only http: and https: are), or undefined. */
export function sourceUrlProblem(url: string): string | undefined {
  // As the schema (source.url) has it: an address the URL parser would repair is refused here,
  // or it would be refused only after the file was read.
  if (/\s/.test(url)) return `--source-url ${JSON.stringify(url)} contains a space, tab or line break: write the address as one word, with a space as %20`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--source-url "${url}" is not a full URL: write it like https://example.org/release`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `--source-url "${url}" must be an http: or https: address (got ${parsed.protocol}): write it like https://example.org/release`;
  }
  if (!/^https?:\/\//i.test(url)) return `--source-url "${url}" must start with http:// or https://: write it like https://example.org/release`;
  return undefined;
}

export function isEncoding(value: string): value is Encoding {
  return (ENCODINGS as readonly string[]).includes(value);
}

/**
 * Why `zone` is not a time zone the dates can be read in, or undefined. An IANA name such as
 * `Europe/Berlin` (or `UTC`), as Intl knows it: a fixed offset (`+08:00`) or an abbreviation
 * (`CET`, `EST`) would date posts wrongly across daylight saving time.
 */
export function timeZoneProblem(zone: string): string | undefined {
  const example = 'for example --time-zone Asia/Shanghai or --time-zone Europe/Berlin';
  if (/^[+-]\d|^(?:GMT|UTC)[+-]/i.test(zone)) return `--time-zone "${zone}" is an offset, which ignores daylight saving time: give the publication's place, ${example}`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return `--time-zone "${zone}" is not a time zone name: write Area/City as in the IANA list, ${example}`;
  }
  if (!zone.includes('/') && !/^(?:UTC|Etc\/UTC)$/i.test(zone)) {
    return `--time-zone "${zone}" is an abbreviation, not a place: give Area/City, ${example}`;
  }
  return undefined;
}

/** Why `tag` is not a BCP 47 language tag, or undefined. */
export function languageProblem(tag: string): string | undefined {
  try {
    Intl.getCanonicalLocales(tag);
    if (/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(tag)) return undefined;
  } catch {
    // named below
  }
  return `--language "${tag}" is not a BCP 47 language tag: write it like en, zh-Hans or pt-BR`;
}
