/**
 * A report's byline as the page words it: "By Jane Doe", "By Jane Doe and John Smith",
 * "By A, B and C" (no comma before "and", as British English lists, the convention of the site's
 * dates and numbers). In parts, so that the page can mark the names with the report's language and
 * the words around them with the site's (a Chinese report's authors in an English "By ... and").
 */
export interface BylinePart {
  text: string;
  /** An author's name, as the report writes it; otherwise the site's own words. */
  name?: boolean;
}

/** The byline of these authors, in the order credited; none for a report without authors. */
export function bylineParts(authors: readonly string[]): BylinePart[] {
  if (authors.length === 0) return [];
  const parts: BylinePart[] = [{ text: 'By ' }];
  authors.forEach((author, i) => {
    if (i > 0) parts.push({ text: i === authors.length - 1 ? ' and ' : ', ' });
    parts.push({ text: author, name: true });
  });
  return parts;
}

export const bylineText = (parts: readonly BylinePart[]): string => parts.map((part) => part.text).join('');
