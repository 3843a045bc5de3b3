/**
 * The publication's own day from the dates sources write, never guessed.
 *
 * Rule: a time with an offset (RFC 822 `pubDate`, RFC 3339 `published`, WordPress
 * `post_date_gmt`) is an instant. With a time zone (`--time-zone`) it is dated in that zone: a
 * release at `2020-07-31T23:30:00+08:00` is 31 July in Asia/Shanghai and 31 July 15:30 in UTC.
 * Without one, it keeps the day written in the source's own offset (the publisher's clock, as
 * printed). A time without an offset is the publisher's local time: its day as written.
 */
import { dateProblem } from '../import-options.ts';

export type DateReading = { ok: true; date: string } | { ok: false; reason: string };

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

interface WrittenTime {
  /** The day as written. */
  day: string;
  /** The instant, when the source gave an offset. */
  instant?: Date;
}

function written(year: number, month: number, day: number, time?: [number, number, number], offsetMinutes?: number): WrittenTime | undefined {
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  // Date.UTC reads years 0-99 as 1900-1999; such a year is refused by dateProblem anyway.
  if (!time || offsetMinutes === undefined || year < 100) return { day: iso };
  const [h, m, s] = time;
  if (h > 23 || m > 59 || s > 60) return undefined;
  const utc = Date.UTC(year, month - 1, day, h, m, Math.min(s, 59)) - offsetMinutes * 60_000;
  return { day: iso, instant: new Date(utc) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 822 zone names (section 5.1) and their offsets in minutes. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

function offsetOf(zone: string): number | undefined {
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  return ZONES[zone.toUpperCase()];
}

/** RFC 822/2822 (`Fri, 31 Jul 2020 23:30:00 +0800`), as RSS writes `pubDate`. */
export function parseRfc822(text: string): WrittenTime | undefined {
  const match = /^\s*(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?)?\s*$/.exec(text);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return undefined;
  let year = Number(match[3]);
  // RFC 2822, 4.3: a two-digit year 00-49 is 20xx, 50-99 is 19xx.
  if (match[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  if (match[4] === undefined) return written(year, month, Number(match[1]));
  const offset = match[7] === undefined ? undefined : offsetOf(match[7]);
  return written(year, month, Number(match[1]), [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)], offset);
}

/** RFC 3339 / ISO 8601 (`2020-07-31T23:30:00+08:00`, `2020-07-31`), as Atom, JSON-LD and meta tags write dates. */
export function parseRfc3339(text: string): WrittenTime | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([Zz]|[+-]\d{2}:?\d{2})?)?\s*$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (match[4] === undefined) return written(year, month, day);
  const offset = match[7] === undefined ? undefined : offsetOf(match[7] === 'z' ? 'Z' : match[7]);
  return written(year, month, day, [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)], offset);
}

/** The publication day from a parsed time, by the module's rule; `what` names the field for messages. */
export function publicationDay(time: WrittenTime | undefined, raw: string, what: string, timeZone?: string): DateReading {
  if (!time) return { ok: false, reason: `${what} "${raw.trim().slice(0, 60)}" is not a date this importer reads` };
  const day = timeZone && time.instant ? dayIn(time.instant, timeZone) : time.day;
  const problem = dateProblem(day, what);
  return problem ? { ok: false, reason: problem } : { ok: true, date: day };
}

/** WordPress's `YYYY-MM-DD HH:MM:SS` (no offset); undefined for `0000-00-00 00:00:00` or nonsense. */
export function parseWordPressTime(text: string, offsetMinutes?: number): WrittenTime | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:\s+(\d{2}):(\d{2}):(\d{2}))?\s*$/.exec(text);
  if (!match || match[1] === '0000') return undefined;
  const time: [number, number, number] | undefined = match[4] === undefined ? undefined : [Number(match[4]), Number(match[5]), Number(match[6])];
  return written(Number(match[1]), Number(match[2]), Number(match[3]), time, time ? offsetMinutes : undefined);
}
