/** Groups of reports by year and month; input is newest first and so is every group. */
import { MONTH_NAMES } from '../reports/calendar-date.ts';
import type { Dated } from './ordering.ts';

export interface YearGroup<T> {
  year: number;
  items: T[];
}

export interface MonthGroup<T> {
  /** 1-12. */
  month: number;
  name: string;
  items: T[];
}

export function groupByYear<T extends Dated>(newestFirst: readonly T[]): YearGroup<T>[] {
  const groups: YearGroup<T>[] = [];
  for (const item of newestFirst) {
    const year = item.data.date.getUTCFullYear();
    const last = groups.at(-1);
    if (last?.year === year) last.items.push(item);
    else groups.push({ year, items: [item] });
  }
  return groups;
}

export function groupByMonth<T extends Dated>(newestFirst: readonly T[]): MonthGroup<T>[] {
  const groups: MonthGroup<T>[] = [];
  for (const item of newestFirst) {
    const month = item.data.date.getUTCMonth() + 1;
    const last = groups.at(-1);
    if (last?.month === month) last.items.push(item);
    else groups.push({ month, name: MONTH_NAMES[month - 1]!, items: [item] });
  }
  return groups;
}
