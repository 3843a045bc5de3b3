/**
 * The OpenSearch description (https://github.com/dewitt/opensearch): lets a browser add the
 * archive as a search engine that opens the search page with the words in `?q=`.
 */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);

export interface OpenSearchOptions {
  /** At most 16 characters by the specification; longer names are cut. */
  shortName: string;
  description: string;
  /** The search page's URL (absolute for browsers to accept it). */
  searchPage: string;
  icon: string;
}

export function openSearchDescription({ shortName, description, searchPage, icon }: OpenSearchOptions): string {
  const template = `${searchPage}?q={searchTerms}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">',
    `  <ShortName>${escapeXml(shortName.slice(0, 16))}</ShortName>`,
    `  <Description>${escapeXml(description.slice(0, 1024))}</Description>`,
    '  <InputEncoding>UTF-8</InputEncoding>',
    `  <Image type="image/svg+xml">${escapeXml(icon)}</Image>`,
    `  <Url type="text/html" method="get" template="${escapeXml(template)}"/>`,
    `  <moz:SearchForm>${escapeXml(searchPage)}</moz:SearchForm>`,
    '</OpenSearchDescription>',
    '',
  ].join('\n');
}
