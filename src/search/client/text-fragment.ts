/**
 * Highlighting the searched words on a report without any script on the report page: result links
 * carry a text fragment (`#:~:text=word`), which the browser itself highlights (styled through
 * `::target-text`) and scrolls to, on that visit only. Report pages stay free of JavaScript, as
 * their weight budget requires; pagefind-highlight.js would need a script on every report page.
 */

import type { ExcerptPart } from './excerpt-text.ts';

const MAX_TERMS = 6;

/** The words Pagefind marked in an excerpt (excerpt-text.ts), trimmed of punctuation, each once. */
export function markedTerms(parts: readonly ExcerptPart[]): string[] {
  const terms = new Map<string, string>();
  for (const part of parts) {
    if (!part.marked) continue;
    const word = part.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word && !terms.has(word.toLowerCase())) terms.set(word.toLowerCase(), word);
  }
  return [...terms.values()].slice(0, MAX_TERMS);
}

/** Percent-encodes a text directive value; `-`, `&` and `,` are syntax inside text fragments. */
function encodeDirective(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D').replace(/,/g, '%2C');
}

/** `url` with a text fragment for `terms`, after any existing `#anchor`. */
export function withTextFragment(url: string, terms: string[]): string {
  if (terms.length === 0) return url;
  const directive = `:~:${terms.map((term) => `text=${encodeDirective(term)}`).join('&')}`;
  const hashAt = url.indexOf('#');
  if (hashAt === -1) return `${url}#${directive}`;
  const hash = url.slice(hashAt + 1).split(':~:')[0];
  return `${url.slice(0, hashAt)}#${hash}${directive}`;
}
