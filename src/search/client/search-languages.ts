/**
 * Pagefind keeps one index per language (from each page's `<html lang>`). These helpers work out
 * which index Pagefind opens first on a page and which language a result came from.
 */

/** Pagefind result ids start with their index's language: `en_3c16b1f`, `zh_8c1e82e`. */
export function languageOfResult(id: string): string {
  const cut = id.indexOf('_');
  return cut > 0 ? id.slice(0, cut) : '';
}

/** Splits results by language, keeping each language's order. */
export function partitionByLanguage<T extends { id: string }>(results: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const result of results) {
    const key = languageOfResult(result.id);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(result);
  }
  return [...groups.values()];
}

/** The index Pagefind picks for this page: its language, its base language, else the largest. */
export function primaryLanguage(pageLanguage: string, languages: Record<string, { page_count?: number }>): string | undefined {
  const lang = pageLanguage.toLowerCase();
  if (languages[lang]) return lang;
  if (languages[lang.split('-')[0]!]) return lang.split('-')[0];
  return Object.entries(languages).sort(([, a], [, b]) => (b.page_count ?? 0) - (a.page_count ?? 0))[0]?.[0];
}
