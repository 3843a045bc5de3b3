/**
 * Plain text -> Markdown that renders back to exactly that text. A press release is text, not
 * Markdown: an asterisk, an underscore, a `<script>` or a line `:--` in it must show as written,
 * never become emphasis, HTML or a table. Rather than escaping by hand, the text becomes an mdast
 * tree of paragraphs of text nodes and remark's own serializer (mdast-util-to-markdown with the GFM
 * extensions) writes it: it knows every construct that could form, including GFM's.
 *
 * - **Paragraphs**: blank-line separated blocks, as given.
 * - **Single newlines** inside a paragraph stay newlines in the file (soft line breaks): the
 *   Markdown keeps the source's lines, so it can be compared with the release line by line, and the
 *   page reflows them like the hard-wrapped text releases usually are. The words are the same
 *   either way; an editor who wants a visible line break (an address block) adds it by hand.
 * - **URLs and e-mail addresses** become links where GitHub would link them: micromark's own GFM
 *   autolink-literal tokenizer finds them (which trailing punctuation, parentheses and `&amp;`
 *   belong to a URL), and they are written as explicit `[text](target)` links, so the target is
 *   exactly the URL and the visible text unchanged. A URL also ends at a character RFC 3986 never
 *   allows in one (`"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`; its Appendix C delimits URLs in
 *   text with `<...>` and quotes): `<https://example.org>` and `href="https://example.org/">` link
 *   `https://example.org` and `https://example.org/`, not the brackets or quotes around them.
 *   Any other URL-like text is escaped by the serializer, so it stays text.
 */
import type { Paragraph, PhrasingContent, Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { parse, postprocess, preprocess } from 'micromark';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';

/** Characters that can never be part of a URL written in text (RFC 3986, Appendix C and 2.2). */
const NOT_IN_URL = /(["<>\\^`{|}])/;

/**
 * Every CommonMark construct, switched off while links are looked for: the text is plain, so
 * nothing but an autolink literal may form (no escapes, entities, emphasis, code or HTML that
 * would hide a URL or shift offsets).
 */
const COMMONMARK_CONSTRUCTS = [
  'attention', 'autolink', 'blockQuote', 'characterEscape', 'characterReference', 'codeFenced',
  'codeIndented', 'codeText', 'definition', 'hardBreakEscape', 'headingAtx', 'htmlFlow', 'htmlText',
  'labelEnd', 'labelStartImage', 'labelStartLink', 'list', 'setextUnderline', 'thematicBreak',
];

const LINK_TARGET = {
  // The scheme is case-insensitive (RFC 3986, 3.1); the sanitizer only accepts it lowercased.
  literalAutolinkHttp: (text: string) => text.replace(/^https?:/i, (scheme) => scheme.toLowerCase()),
  literalAutolinkWww: (text: string) => `http://${text}`,
  literalAutolinkEmail: (text: string) => `mailto:${text}`,
} as const;

/**
 * GitHub links `mailto:a@b.org` and `xmpp:a@b.org` whole, to that very address; micromark's
 * tokenizer marks only the address, leaving the scheme to mdast-util-gfm-autolink-literal.
 */
const EMAIL_SCHEME_BEFORE = /(mailto|xmpp):$/i;

interface FoundLink {
  start: number;
  end: number;
  url: string;
}

/** Where GitHub would link a URL or e-mail address in this text (offsets into it). */
function findLinks(text: string): FoundLink[] {
  const events = postprocess(
    parse({ extensions: [{ disable: { null: COMMONMARK_CONSTRUCTS } }, gfmAutolinkLiteral()] })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
  const links: FoundLink[] = [];
  for (const [kind, token] of events) {
    if (kind !== 'enter' || !(token.type in LINK_TARGET)) continue;
    const { offset: end } = token.end;
    let { offset: start } = token.start;
    // Only a scheme that is not already the end of the link before (`a@b.orgmailto:c@d.org`).
    const free = text.slice(links.at(-1)?.end ?? 0, start);
    const scheme = token.type === 'literalAutolinkEmail' ? EMAIL_SCHEME_BEFORE.exec(free)?.[1] : undefined;
    if (scheme) {
      start -= scheme.length + 1;
      links.push({ start, end, url: `${scheme.toLowerCase()}:${text.slice(start + scheme.length + 1, end)}` });
      continue;
    }
    links.push({ start, end, url: LINK_TARGET[token.type as keyof typeof LINK_TARGET](text.slice(start, end)) });
  }
  return links;
}

/** One piece of text between never-in-URL characters -> text and link nodes. */
function phrasingOf(piece: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  let at = 0;
  for (const link of findLinks(piece)) {
    if (link.start > at) nodes.push({ type: 'text', value: piece.slice(at, link.start) });
    nodes.push({ type: 'link', url: link.url, children: [{ type: 'text', value: piece.slice(link.start, link.end) }] });
    at = link.end;
  }
  if (at < piece.length) nodes.push({ type: 'text', value: piece.slice(at) });
  return nodes;
}

function paragraphOf(text: string): Paragraph {
  const children: PhrasingContent[] = [];
  for (const node of text.split(NOT_IN_URL).flatMap(phrasingOf)) {
    // Adjacent text merges into one node, so the serializer sees each character's neighbours.
    const last = children.at(-1);
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else children.push(node);
  }
  return { type: 'paragraph', children };
}

/** Paragraphs of plain text (lines separated by `\n`) -> the mdast tree of the report body. */
export function plainTextToMdast(paragraphs: string[]): Root {
  return { type: 'root', children: paragraphs.map(paragraphOf) };
}

/** Paragraphs (separated by blank lines in the source) of plain text -> Markdown paragraphs. */
export function plainTextToMarkdown(paragraphs: string[]): string {
  return toMarkdown(plainTextToMdast(paragraphs), {
    extensions: [gfmToMarkdown()],
    // `[text](url)`, never `<url>`: CommonMark's `<...>` autolinks accept fewer e-mail addresses
    // than GFM finds (no `_` in a domain), and such a link would render as text in brackets.
    resourceLink: true,
  }).trimEnd();
}
