/**
 * Plain text -> Markdown that renders back to exactly that text. Imported press releases are text,
 * not Markdown: an asterisk, an underscore or a `<script>` in them must show as written, never
 * become emphasis or HTML.
 */

// Characters that start inline constructs anywhere in a line (CommonMark + GFM).
const INLINE_SPECIAL = /[\\`*_[\]<>|~]/g;
// An entity reference such as &copy; or &#169; would be decoded: escape its ampersand.
const ENTITY_LIKE = /&(?=#?[a-zA-Z0-9]+;)/g;
// Line starts that make headings, quotes, lists, setext underlines, or thematic breaks.
const BLOCK_START = /^([#>+=-])/;
const ORDERED_LIST_START = /^(\d{1,9})([.)])/;

export function escapeMarkdownLine(line: string): string {
  const escaped = line
    .trim()
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    .replace(ENTITY_LIKE, '\\&');
  return escaped.replace(BLOCK_START, '\\$1').replace(ORDERED_LIST_START, '$1\\$2');
}

/** Paragraphs (separated by blank lines) of plain text -> Markdown paragraphs. */
export function plainTextToMarkdown(paragraphs: string[]): string {
  return paragraphs
    .map((paragraph) => paragraph.split('\n').map(escapeMarkdownLine).join('\n'))
    .join('\n\n');
}
