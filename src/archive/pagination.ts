/**
 * Splits a list into numbered pages: page 1 lives at `<base>`, page n at `<base>page/<n>/`.
 * Pure and URL-agnostic except for that path rule, so listings and the completeness check agree.
 */

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

export function pagePath(basePath: string, number: number): string {
  return number === 1 ? basePath : `${basePath}page/${number}/`;
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
      path: pagePath(basePath, number),
      prev: number > 1 ? pagePath(basePath, number - 1) : undefined,
      next: number < total ? pagePath(basePath, number + 1) : undefined,
    };
  });
}
