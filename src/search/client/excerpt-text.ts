/**
 * A search result's excerpt as the report wrote it. Pagefind 1.6 builds an excerpt from its
 * `raw_content`, the page's text with only `<` and `>` escaped (not `&`), wraps the matched words
 * in `<mark>` and hands it over as HTML. Shown as HTML, a report that says "&lt;" in words would
 * read "<": the two are the same string in the excerpt. The result's `content` holds the text as
 * written, so each part of the excerpt is found in `raw_content` and its text taken from
 * `content` at the same place. Pure; the view makes text nodes and <mark> elements of the parts,
 * never HTML.
 */

export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const ESCAPED: Record<string, string> = { '<': '&lt;', '>': '&gt;' };
/** Pagefind's word separators (build_excerpt): whitespace, but not the byte-order mark. */
const SEPARATOR = /[^\S\uFEFF]/;
const ZERO_WIDTH_SPACE = '\u200B';

/** The excerpt's parts, marks as Pagefind placed them, still escaped. */
function markedParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece !== '') parts.push({ text: piece, marked });
  }
  return parts;
}

/** Pagefind's own escapes read back: the fallback when the written text cannot be found. */
function unescaped(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/**
 * For each position of `raw` (the escaped text Pagefind excerpts from), the position in `content`
 * (the text as written) where the character it escapes starts; undefined when they do not match.
 */
function alignment(raw: string, content: string): { start: Int32Array; end: Int32Array } | undefined {
  const start = new Int32Array(raw.length + 1).fill(-1);
  const end = new Int32Array(raw.length + 1).fill(-1);
  let at = 0;
  for (let c = 0; c < content.length; c++) {
    // Pagefind removes zero-width spaces from `content` (it splits CJK text on them in `raw_content`).
    while (raw[at] === ZERO_WIDTH_SPACE && content[c] !== ZERO_WIDTH_SPACE) at++;
    const character = content[c]!;
    const escaped = ESCAPED[character] ?? character;
    if (raw.slice(at, at + escaped.length) !== escaped) return undefined;
    for (let k = 0; k < escaped.length; k++) {
      start[at + k] = c;
      end[at + k] = c + 1;
    }
    at += escaped.length;
  }
  while (raw[at] === ZERO_WIDTH_SPACE) at++;
  return at === raw.length ? { start, end } : undefined;
}

/**
 * `raw` with each run of separators as one space (zero-width spaces removed), as Pagefind joins
 * an excerpt's words, and for each of its characters the position in `raw` it came from.
 */
function joinedWords(raw: string): { text: string; from: number[]; to: number[] } {
  const zeroWidth = raw.includes(ZERO_WIDTH_SPACE);
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < raw.length; ) {
    if (zeroWidth ? raw[i] === ZERO_WIDTH_SPACE : SEPARATOR.test(raw[i]!)) {
      let j = i;
      while (j < raw.length && (zeroWidth ? raw[j] === ZERO_WIDTH_SPACE : SEPARATOR.test(raw[j]!))) j++;
      if (!zeroWidth) {
        text += ' ';
        from.push(i);
        to.push(j);
      }
      i = j;
    } else {
      text += raw[i];
      from.push(i);
      to.push(i + 1);
      i++;
    }
  }
  return { text, from, to };
}

/**
 * The excerpt's parts with the text as the report wrote it. `raw` and `content` are the result's
 * `raw_content` and `content`; without them, or when the excerpt is not found in them, Pagefind's
 * escapes are read back (a report's own "&lt;" then reads "<").
 */
export function excerptParts(excerpt: string, raw?: string, content?: string): ExcerptPart[] {
  const parts = markedParts(excerpt);
  const fallback = () => parts.map((part) => ({ ...part, text: unescaped(part.text) }));
  if (raw === undefined || content === undefined) return fallback();
  const align = alignment(raw, content);
  if (!align) return fallback();
  const words = joinedWords(raw);
  const whole = parts.map((part) => part.text).join('');
  const at = words.text.indexOf(whole);
  if (at === -1) return fallback();
  const written: ExcerptPart[] = [];
  let offset = at;
  for (const part of parts) {
    const first = words.from[offset]!;
    const last = words.to[offset + part.text.length - 1]! - 1;
    const from = align.start[first]!;
    const to = align.end[last]!;
    if (from < 0 || to < from) return fallback();
    // A run of separators is one space, as in the excerpt (and as the page shows it).
    written.push({ text: content.slice(from, to).replace(/[^\S\uFEFF]+/g, ' '), marked: part.marked });
    offset += part.text.length;
  }
  return written;
}
