/**
 * Rules for the text a report may hold, shared by the schema (front matter) and the raw check
 * (the Markdown body):
 * - characters XML cannot carry: one of them in one report makes feed.xml and atom.xml
 *   ill-formed for every reader, so they are refused, with the code point shown;
 * - names of topics, organizations and people are normalised, because an invisible character
 *   (a zero-width space, a bidi mark pasted from a web page) would otherwise make `Energy` and
 *   `Energy\u200B` two topics with two pages that look the same.
 */

/**
 * C0 controls except tab, LF and CR; DEL and the C1 controls (U+007F-U+009F: XML 1.0 allows them
 * but discourages them, and they are never text); U+FFFE and U+FFFF; and lone surrogates (not
 * characters at all, and not encodable as UTF-8). Everything else is an XML 1.0 `Char`.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** "U+001B", as Unicode charts name a character. */
export function codePointLabel(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface ForbiddenCharacter {
  /** "U+001B" */
  codePoint: string;
  /** Index in the text (UTF-16 units). */
  index: number;
}

/** The first character feeds and XML cannot carry, or null. */
export function findForbiddenCharacter(text: string): ForbiddenCharacter | null {
  const match = FORBIDDEN.exec(text);
  return match ? { codePoint: codePointLabel(match[0]), index: match.index } : null;
}

/**
 * Characters that show nothing: Unicode's Default_Ignorable_Code_Point (zero-width space, LRM/RLM
 * and the other bidi marks, embeddings, overrides and isolates, word joiner and invisible
 * operators, BOM, soft hyphen, Arabic letter mark, Mongolian vowel separator, combining grapheme
 * joiner, Hangul fillers, the deprecated format characters U+206A-U+206F, ...), the whole property
 * rather than a list, which always missed some. Except what is spelling: the joiners (below),
 * variation selectors (`❤️`, keycaps `1️⃣`) and tag characters (subdivision flags).
 */
const INVISIBLE =
  /(?![\u200C\u200D\uFE00-\uFE0F\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}])\p{Default_Ignorable_Code_Point}/gu;
/**
 * Zero-width non-joiner and joiner are spelling in Persian, Indic scripts and emoji sequences,
 * where they sit between two non-ASCII characters; anywhere else (next to Latin letters, spaces,
 * or at either end of a name) they are invisible noise.
 */
const JOINER_OUT_OF_PLACE = /(?<![^\u0000-\u007F])[\u200C\u200D]+|[\u200C\u200D]+(?![^\u0000-\u007F])/g;

/**
 * The form a term name is stored, shown and slugged in: NFC, invisible characters removed, runs
 * of whitespace (including no-break and ideographic spaces) made one space, trimmed. Repeated
 * until nothing changes: one step can expose work for another (an invisible character between a
 * letter and its accent kept them from composing; a joiner beside a no-break space is stray once
 * the space is a plain one), and a name must not change when normalised a second time (the
 * importer normalises it, then the schema does).
 */
export function normaliseName(name: string): string {
  let normalised = name;
  for (let previous = ''; normalised !== previous; ) {
    previous = normalised;
    normalised = normalised
      .normalize('NFC')
      .replace(INVISIBLE, '')
      .replace(/\s+/g, ' ')
      .replace(JOINER_OUT_OF_PLACE, '')
      .trim();
  }
  return normalised;
}

/**
 * A value from a report, quoted for a message: as JSON writes it, with C1 controls (U+0080-U+009F,
 * of which U+009B starts an escape sequence in some terminals) and bidi overrides escaped too. A
 * YAML escape ("\\e") puts a control character into a value that the file does not hold; printed
 * as it is, it would act on the terminal or CI log that shows the message.
 */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
