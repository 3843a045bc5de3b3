/** Opening a page of a given type as a reader would see it: the search page with results shown. */
import type { Page } from 'playwright-core';

/** A query every archive built by the tests answers (the synthetic text and the first report use it). */
export const SEARCH_QUERY = 'quality';

export function visitPath(sitePath: string): string {
  return sitePath === 'search/' ? `search/?q=${SEARCH_QUERY}` : sitePath;
}

/** Waits until the page shows what it is for (search: its results). */
export async function settle(page: Page, sitePath: string): Promise<void> {
  if (sitePath === 'search/') await page.locator('.search-result').first().waitFor();
}
