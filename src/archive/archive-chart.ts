/**
 * The archive over time as bars: reports per year (the years page) and per month (a year page).
 * Pure: counts in, bars out. A bar's length is a width class in steps of 5% (`w0` ... `w100`),
 * not a style attribute, because the Content-Security-Policy forbids inline styles; 21 classes
 * are finer than the eye tells apart at the chart's width.
 */

export const BAR_STEP = 5;

export interface ChartBar {
  /** What the bar stands for: "2020", "July". */
  label: string;
  count: number;
  /** Percentage of the longest bar, a multiple of BAR_STEP. */
  width: number;
  /** Where the bar leads; none when there is nothing there (a year or month without reports). */
  href?: string;
}

/**
 * The bar width for `count` when the largest count is `max`, rounded to BAR_STEP; any report at
 * all shows at least one step, so a year with one report is never drawn as a year with none.
 */
export function barWidth(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  const steps = Math.round((count / max) * (100 / BAR_STEP));
  return Math.max(1, Math.min(100 / BAR_STEP, steps)) * BAR_STEP;
}

function bars(entries: { label: string; count: number; href?: string }[]): ChartBar[] {
  const max = Math.max(0, ...entries.map((e) => e.count));
  return entries.map((e) => ({ ...e, width: barWidth(e.count, max) }));
}

/**
 * One bar per year from the newest to the oldest, including the years between without reports
 * (drawn empty, without a link: they have no page), so the chart shows time evenly.
 */
export function yearBars(years: readonly { year: number; count: number }[], href: (year: number) => string): ChartBar[] {
  if (years.length === 0) return [];
  const byYear = new Map(years.map((y) => [y.year, y.count]));
  const newest = Math.max(...byYear.keys());
  const oldest = Math.min(...byYear.keys());
  const entries = [];
  for (let year = newest; year >= oldest; year--) {
    const count = byYear.get(year) ?? 0;
    entries.push({ label: String(year), count, ...(count > 0 ? { href: href(year) } : {}) });
  }
  return bars(entries);
}

/** Twelve bars, January to December; a month without reports is drawn empty, without a link. */
export function monthBars(
  months: readonly { month: number; count: number }[],
  names: readonly string[],
  href: (month: number) => string,
): ChartBar[] {
  const byMonth = new Map(months.map((m) => [m.month, m.count]));
  return bars(
    names.map((name, i) => {
      const count = byMonth.get(i + 1) ?? 0;
      return { label: name, count, ...(count > 0 ? { href: href(i + 1) } : {}) };
    }),
  );
}
