/**
 * The addresses in a report's HTML made to work away from its page: images and links. On the
 * page, Astro's image step writes `src="/_astro/photo.hash.webp"` and a srcset of the same kind,
 * and a report links to others as it was written (`/news/2019/other/`, `../2019/other/`, a
 * footnote's `#user-content-fn-1`): addresses a feed reader resolves against its own site (a
 * broken image, a link to nowhere) and a reader of the report's JSON file cannot resolve at all.
 * Feeds and the JSON file publish them resolved against the report's own URL, as a browser on the
 * page resolves them. The srcset is kept, resolved too: a reader that shows the HTML in a browser
 * engine prefers srcset over src, so a relative srcset breaks the image even when src is
 * absolute, and an absolute one still lets it pick a file sized for its column. An address that
 * is already absolute (`https://...`, `mailto:`) is left byte for byte as written.
 *
 * Attributes are found with htmlparser2's tokenizer (as the link check reads pages), so text that
 * says `src="x"` is left alone; only the values of `src`/`srcset` on `img` and `source` and of
 * `href` on `a` and `area` change, everything else stays byte for byte.
 */
import { tokenize } from '../urls/html-tokens.ts';
import { srcsetCandidates } from '../urls/srcset.ts';

/** `&` and `"` as entities: enough for a double-quoted attribute value. */
function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

/** A srcset with each candidate's URL rewritten and its descriptors kept. */
export function rewriteSrcset(srcset: string, rewrite: (url: string) => string): string {
  return srcsetCandidates(srcset)
    .map(({ url, descriptors }) => (descriptors ? `${rewrite(url)} ${descriptors}` : rewrite(url)))
    .join(', ');
}

/** The attribute of a tag that holds an address this module rewrites, if it is one. */
function addressAttribute(tag: string, name: string): 'src' | 'srcset' | 'href' | undefined {
  if ((tag === 'img' || tag === 'source') && (name === 'src' || name === 'srcset')) return name;
  if ((tag === 'a' || tag === 'area') && name === 'href') return name;
  return undefined;
}

/**
 * The HTML with the `src` and `srcset` of every `img` and `source`, and the `href` of every `a`
 * and `area`, passed through `rewrite`.
 */
export function rewriteBodyUrls(html: string, rewrite: (url: string) => string): string {
  if (!html.includes('<img') && !html.includes('<source') && !html.includes('<a') && !html.includes('<area')) return html;
  const edits: { start: number; end: number; text: string }[] = [];
  let tag = '';
  let attribute: 'src' | 'srcset' | 'href' | undefined;
  let nameEnd = 0;
  let value = '';
  tokenize(html, {
    onopentagname(start, end) {
      tag = html.slice(start, end).toLowerCase();
    },
    onattribname(start, end) {
      const name = html.slice(start, end).toLowerCase();
      attribute = addressAttribute(tag, name);
      nameEnd = end;
      value = '';
    },
    onattribdata(start, end) {
      if (attribute) value += html.slice(start, end);
    },
    onattribentity(codePoint) {
      if (attribute) value += String.fromCodePoint(codePoint);
    },
    onattribend(quote, endIndex) {
      // QuoteType: 0 no value, 1 unquoted, 2 single, 3 double.
      if (attribute && quote !== 0) {
        const equals = html.indexOf('=', nameEnd);
        let start = equals + 1;
        while (/\s/.test(html[start]!)) start++;
        const text = attribute === 'srcset' ? rewriteSrcset(value, rewrite) : rewrite(value.trim());
        // An address left as it was keeps its attribute's bytes too (quotes, entities).
        if (text !== value) edits.push({ start, end: endIndex, text: `"${escapeAttribute(text)}"` });
      }
      attribute = undefined;
    },
    onclosetag: () => {
      tag = '';
    },
  });
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}

/**
 * Resolves an address as the report's page would: against the page's URL. `pageUrl` may be a
 * path alone (the JSON file without SITE_URL, whose every URL is then root-relative): the result
 * is then root-relative too. An absolute address, or one no browser could resolve, is returned
 * as written: resolving would normalise it (case, escapes), and it works anywhere as it is.
 */
export function resolveAgainst(pageUrl: string): (url: string) => string {
  const absolute = URL.canParse(pageUrl);
  const baseUrl = absolute ? pageUrl : new URL(pageUrl, 'http://site.invalid').href;
  return (url) => {
    if (url === '' || URL.canParse(url) || !URL.canParse(url, baseUrl)) return url;
    const resolved = new URL(url, baseUrl);
    if (absolute) return resolved.href;
    return resolved.origin === 'http://site.invalid' ? resolved.pathname + resolved.search + resolved.hash : resolved.href;
  };
}

/** The report HTML with every image and link address resolved against the report's page URL. */
export function bodyUrlsFromPage(html: string, pageUrl: string): string {
  return rewriteBodyUrls(html, resolveAgainst(pageUrl));
}
