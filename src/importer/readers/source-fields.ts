/** Field readings every reader shares: text of an HTML snippet, names, language tags, source links. */
import { parseHtml } from '../html/html-to-markdown.ts';
import { oneLineText } from '../html/html-whitespace.ts';

/**
 * Elements a title, an excerpt or a category name is marked up with. A `<` before any other name
 * (`x<y matters`, `<brut>`, `R&D <lab>`) is the publisher's text, escaped by a feed that writes
 * titles as plain text: an HTML parser would read it as a tag and drop the words up to its `>`.
 */
const SNIPPET_TAGS = new Set(
  ('a abbr acronym address b bdi bdo big blockquote br center cite code data dd del dfn div dl dt em font h1 h2 h3 h4 h5 h6 ' +
    'hr i img ins kbd li mark ol p pre q rp rt ruby s samp small span strike strong sub sup time tt u ul var wbr').split(' '),
);

/**
 * Plain text of an HTML snippet (a title or an excerpt as WordPress and feeds write them, with
 * `&amp;` and `&#8217;`), HTML white space collapsed (a no-break space stays). Entities are decoded
 * here, once.
 */
export function htmlSnippetText(html: string): string {
  const markup = html.replace(/<(\/?)([A-Za-z][^\s/>]*)/g, (whole, _slash: string, name: string) => (SNIPPET_TAGS.has(name.toLowerCase()) ? whole : `&lt;${whole.slice(1)}`));
  return oneLineText(parseHtml(markup));
}

/**
 * Names (categories, authors) as sources write them, HTML snippets like titles: their plain text,
 * blanks dropped, each once, in the order given.
 */
export function snippetNames(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.map((value) => (value ? htmlSnippetText(value) : '')).filter((name) => name !== ''))];
}

/** A BCP 47 tag from what sources write (`en-US`, `en_US`, `zh-hans`); undefined when it is none. */
export function languageTag(value: string | undefined): string | undefined {
  const tag = value?.trim().replace(/_/g, '-');
  if (!tag || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** An absolute http(s) address, the only kind a report's source link may be. */
export function isHttpUrl(url: string | undefined): url is string {
  return !!url && /^https?:\/\/\S+$/i.test(url.trim());
}
