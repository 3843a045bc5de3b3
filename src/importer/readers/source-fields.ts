/** Field readings every reader shares: text of an HTML snippet, language tags, source links. */
import { toText } from 'hast-util-to-text';
import { parseHtml } from '../html/html-to-markdown.ts';

/**
 * Plain text of an HTML snippet (a title or an excerpt as WordPress and feeds write them, with
 * `&amp;` and `&#8217;`), white space collapsed. Entities are decoded here, once.
 */
export function htmlSnippetText(html: string): string {
  return toText(parseHtml(html)).replace(/\s+/g, ' ').trim();
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
