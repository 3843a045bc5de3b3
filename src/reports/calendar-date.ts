/**
 * Calendar dates (a day, not an instant). Reports are dated by day; storing them as UTC midnight
 * and always formatting in UTC keeps "31 July 2020" the same on every build machine.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses `YYYY-MM-DD`; returns null for anything else, including impossible days like 2018-02-30. */
export function parseIsoDate(text: string): Date | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isValidCalendarDate(year, month, day)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 onto 1900-1999.
  date.setUTCFullYear(year);
  return date;
}

/**
 * Each day's text, made once: a build formats the same few thousand days hundreds of thousands of
 * times (every listing, neighbour and related report shows its date), about 0.6 s of the
 * single-threaded page rendering at 10,000 reports.
 */
function memoByTime(format: (date: Date) => string): (date: Date) => string {
  const made = new Map<number, string>();
  return (date) => {
    const time = date.getTime();
    let text = made.get(time);
    if (text === undefined) made.set(time, (text = format(date)));
    return text;
  };
}

export const toIsoDate: (date: Date) => string = memoByTime((date) => date.toISOString().slice(0, 10));

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "31 July 2020", whatever the time zone of the machine that builds the site. */
export const formatLongDate: (date: Date) => string = memoByTime((date) => LONG_DATE.format(date));

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
