/**
 * Splits a list into numbered pages: page 1 lives at `<base>`, page n at `<base>page/<n>/`.
 * Pure; the path rule is site-paths.ts's, so listings and the completeness check agree.
 */
import { listingPagePath } from '../urls/site-paths.ts';

export interface Page<T> {
  items: T[];
  /** 1-based. */
  number: number;
  total: number;
  /** Site paths (before the base) of this, the previous and the next page. */
  path: string;
  prev?: string;
  next?: string;
}

export function paginate<T>(items: readonly T[], size: number, basePath: string): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`page size must be a positive whole number (got ${size})`);
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, i) => {
    const number = i + 1;
    return {
      items: items.slice(i * size, number * size),
      number,
      total,
      path: listingPagePath(basePath, number),
      prev: number > 1 ? listingPagePath(basePath, number - 1) : undefined,
      next: number < total ? listingPagePath(basePath, number + 1) : undefined,
    };
  });
}
