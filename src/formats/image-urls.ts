/**
 * Image addresses of a report's HTML made to work away from its page. On the page, Astro's image
 * step writes `src="/_astro/photo.hash.webp"` and a srcset of the same kind: root-relative, which a
 * feed reader resolves against its own site (a broken image) and a reader of the report's JSON
 * file cannot resolve at all. Feeds and the JSON file publish them resolved against the report's
 * own URL. The srcset is kept, resolved too: a reader that shows the HTML in a browser engine
 * prefers srcset over src, so a relative srcset breaks the image even when src is absolute, and
 * an absolute one still lets it pick a file sized for its column.
 *
 * Attributes are found with htmlparser2's tokenizer (as the link check reads pages), so text that
 * says `src="x"` is left alone; only the values of `src`/`srcset` on `img` and `source` change,
 * everything else stays byte for byte.
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

/** The HTML with the `src` and `srcset` of every `img` and `source` passed through `rewrite`. */
export function rewriteImageUrls(html: string, rewrite: (url: string) => string): string {
  if (!html.includes('<img') && !html.includes('<source')) return html;
  const edits: { start: number; end: number; text: string }[] = [];
  let tag = '';
  let attribute: 'src' | 'srcset' | undefined;
  let nameEnd = 0;
  let value = '';
  tokenize(html, {
    onopentagname(start, end) {
      tag = html.slice(start, end).toLowerCase();
    },
    onattribname(start, end) {
      const name = html.slice(start, end).toLowerCase();
      attribute = (tag === 'img' || tag === 'source') && (name === 'src' || name === 'srcset') ? name : undefined;
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
        edits.push({ start, end: endIndex, text: `"${escapeAttribute(text)}"` });
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
 * Resolves an image address as the report's page would: against the page's URL. `pageUrl` may be
 * a path alone (the JSON file without SITE_URL, whose every URL is then root-relative): the
 * result is then root-relative too.
 */
export function resolveAgainst(pageUrl: string): (url: string) => string {
  const absolute = URL.canParse(pageUrl);
  const baseUrl = absolute ? pageUrl : new URL(pageUrl, 'http://site.invalid').href;
  return (url) => {
    if (url === '' || !URL.canParse(url, baseUrl)) return url;
    const resolved = new URL(url, baseUrl);
    if (absolute) return resolved.href;
    return resolved.origin === 'http://site.invalid' ? resolved.pathname + resolved.search + resolved.hash : resolved.href;
  };
}

/** The report HTML with every image address resolved against the report's page URL. */
export function imageUrlsFromPage(html: string, pageUrl: string): string {
  return rewriteImageUrls(html, resolveAgainst(pageUrl));
}
