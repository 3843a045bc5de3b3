/**
 * The URL parameter that carries searched words from a search result to the report page, where
 * they are highlighted on that visit only. Its own module so the every-page script that reads it
 * pulls in nothing else.
 */
export const HIGHLIGHT_PARAM = 'highlight';

/**
 * Pagefind adds the parameter even when nothing was searched for (browsing by filters), which
 * would leave `?highlight=` on the link; drop the empty values, keep everything else as it was.
 */
export function withoutEmptyHighlight(url: string): string {
  const parsed = new URL(url, 'http://placeholder.invalid');
  const words = parsed.searchParams.getAll(HIGHLIGHT_PARAM).filter((word) => word.trim() !== '');
  if (words.length === parsed.searchParams.getAll(HIGHLIGHT_PARAM).length) return url;
  parsed.searchParams.delete(HIGHLIGHT_PARAM);
  for (const word of words) parsed.searchParams.append(HIGHLIGHT_PARAM, word);
  const relative = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return parsed.origin === 'http://placeholder.invalid' ? relative : `${parsed.origin}${relative}`;
}
