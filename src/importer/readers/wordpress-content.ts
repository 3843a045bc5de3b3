/**
 * WordPress post content as WordPress itself shows it. The editor stores text without `<p>` tags:
 * on display, `wpautop()` (wp-includes/formatting.php) makes paragraphs of double line breaks and
 * `<br />` of single ones, and shortcodes are expanded. `wordpressAutop` ports wpautop's rules
 * (block tags, `<pre>` kept as is, line breaks inside tags kept); `expandShortcodes` turns
 * `[caption]` into a `<figure>` with a `<figcaption>`, and keeps every other shortcode as written
 * text, naming it in the warnings (its output, a gallery or an embed, cannot be made offline).
 */
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

const ALL_BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

/** WordPress's wpautop(text, br = true). */
export function wordpressAutop(content: string): string {
  if (content.trim() === '') return '';
  const pres: string[] = [];
  let text = `${content.replace(/\r\n?/g, '\n')}\n`;
  // <pre> is kept exactly: its line breaks are its layout.
  text = text.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => {
    pres.push(pre);
    return `<pre wp-pre-tag-${pres.length - 1}></pre>`;
  });
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  text = text.replace(new RegExp(`(<${ALL_BLOCKS}[\\s/>])`, 'gi'), '\n\n$1');
  text = text.replace(new RegExp(`(</${ALL_BLOCKS}>)`, 'gi'), '$1\n\n');
  text = text.replace(/(<hr\s*?\/?>)/gi, '$1\n\n');
  // A line break inside a tag (between attributes) is no paragraph break.
  text = text.replace(/<[^<>]*>/g, (tag) => tag.replace(/\n/g, ' '));
  text = text.replace(/\s*(<figcaption[^>]*>)/gi, '$1').replace(/<\/figcaption>\s*/gi, '</figcaption>');
  text = text.replace(/\n\n+/g, '\n\n');
  text = text
    .split(/\n\s*\n/)
    .filter((piece) => piece !== '')
    .map((piece) => `<p>${piece.replace(/^\n+|\n+$/g, '')}</p>\n`)
    .join('');
  text = text.replace(/<p>\s*<\/p>/g, '');
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>');
  text = text.replace(new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  text = text.replace(/<p>(<li.+?)<\/p>/g, '$1');
  text = text.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>').replace(/<\/blockquote><\/p>/g, '</p></blockquote>');
  text = text.replace(new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)`, 'gi'), '$1');
  text = text.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  // Single line breaks become <br />, except inside <script>, <style>, <svg> and <math>.
  text = text.replace(/<(script|style|svg|math)[\s\S]*?<\/\1>/gi, (block) => block.replace(/\n/g, '<WPPreserveNewline />'));
  text = text.replace(/<br>|<br\/>/gi, '<br />');
  text = text.replace(/(?<!<br \/>)\s*\n/g, '<br />\n');
  text = text.replace(/<WPPreserveNewline \/>/g, '\n');
  text = text.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*<br />`, 'gi'), '$1');
  text = text.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi, '$1');
  text = text.replace(/\n<\/p>$/, '</p>');
  return text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_, index: string) => pres[Number(index)]!);
}

export interface ShortcodeExpansion {
  html: string;
  warnings: string[];
}

/** `key="value"`, `key='value'`, `key=value` attributes of a shortcode. */
function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attributes;
}

/**
 * WordPress's shortcode_parse_atts "Reject any unclosed HTML elements": a value with a `<` must
 * match `/^[^<]*+(?:<[^>]*+>[^<]*+)*+$/`, i.e. each `<` is followed, later, by a `>`; the tag runs
 * to that `>`, and the next tag starts at the next `<` after it. Scanned rather than matched:
 * without possessive quantifiers a regular expression would backtrack.
 */
function closesEveryTag(value: string): boolean {
  for (let open = value.indexOf('<'); open >= 0; ) {
    const close = value.indexOf('>', open);
    if (close < 0) return false;
    open = value.indexOf('<', close);
  }
  return true;
}

/**
 * A caption attribute as HTML for the `<figcaption>`. Old editors wrote links and emphasis in it,
 * and WordPress prints it as HTML: so it stays HTML, read as a fragment of its own, so that what
 * it leaves open (a comment, `<b>`) ends with it instead of swallowing or formatting the rest of
 * the post. A value with a `<` that opens no tag (`a<b`, `<!-- credit`) WordPress empties; its
 * words are kept here, as text, and the editor is told.
 */
function captionHtml(value: string, shortcode: string, warnings: string[]): string {
  const asText = !closesEveryTag(value);
  if (asText) warnings.push(`the caption of a [${shortcode}] shortcode, ${JSON.stringify(value)}, has a "<" that opens no tag (WordPress shows no caption for it): kept as text`);
  return toHtml(fromHtml(asText ? value.replace(/</g, '&lt;') : value, { fragment: true }));
}

/**
 * `[caption id=".." align=".." width=".."]<a><img ...></a> Caption text[/caption]` (and the old
 * `caption=".."` attribute form, and `[wp_caption]`) -> `<figure>` with the image and a
 * `<figcaption>`. The caption may hold markup (links, emphasis); it stays HTML (see captionHtml).
 */
function expandCaptions(content: string, warnings: string[]): string {
  return content.replace(/\[(caption|wp_caption)(\s[^\]]*)?\]([\s\S]*?)\[\/\1\]/gi, (whole, name: string, rawAttributes = '', inner: string) => {
    const attributes = shortcodeAttributes(rawAttributes as string);
    // As WordPress's img_caption_shortcode: a caption attribute is the caption, and the content,
    // all of it (the image and any text around it), is shown too; the content is split into the
    // image and its caption only when there is no such attribute. Markdown's figure is an image
    // and its caption alone: the text before the image stays before it, the text after follows.
    const captionAttribute = attributes.caption?.trim();
    if (captionAttribute) {
      const caption = `<figcaption>${captionHtml(captionAttribute, name, warnings)}</figcaption>`;
      const found = /(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?/i.exec(inner);
      if (!found) return `<figure>${inner.trim()}${caption}</figure>`;
      const before = inner.slice(0, found.index).trim();
      const after = inner.slice(found.index + found[0].length).trim();
      return `${before}<figure>${found[0]}${caption}</figure>${after}`;
    }
    // The image, possibly wrapped in a link, is the first thing; what follows it is the caption.
    const image = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
    if (!image) {
      warnings.push(`a [caption] shortcode without an image was kept as text: ${whole.slice(0, 80)}`);
      return whole;
    }
    const caption = (image[2] ?? '').trim();
    if (caption === '') warnings.push(`a [caption] shortcode has no caption text: ${whole.slice(0, 80)}`);
    return `<figure>${image[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  });
}

/** What looks like a shortcode: `[name attr=..]`, `[name]...[/name]`, or a WordPress core one. */
const CORE_SHORTCODES = new Set(['gallery', 'embed', 'audio', 'video', 'playlist', 'caption', 'wp_caption']);
const SHORTCODE = /\[(\/?)([A-Za-z][\w-]*)((?:\s[^\]]*)?)\/?\]/g;

export function expandShortcodes(content: string): ShortcodeExpansion {
  const warnings: string[] = [];
  const html = expandCaptions(content, warnings);
  const closed = new Set([...html.matchAll(/\[\/([A-Za-z][\w-]*)\]/g)].map((match) => match[1]!.toLowerCase()));
  const named = new Set<string>();
  for (const match of html.matchAll(SHORTCODE)) {
    const name = match[2]!.toLowerCase();
    if (match[1] === '/') continue;
    const looksLikeShortcode = CORE_SHORTCODES.has(name) || /=/.test(match[3] ?? '') || closed.has(name);
    if (looksLikeShortcode && !named.has(name)) {
      named.add(name);
      warnings.push(`the shortcode [${name}] was kept as text (WordPress made its content when showing the post): replace it by hand`);
    }
  }
  return { html, warnings };
}
