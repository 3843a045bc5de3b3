/**
 * XML sources (WordPress exports, RSS, Atom) through fast-xml-parser: fast enough for exports of
 * tens of thousands of posts, CDATA kept exactly as written (no entity is decoded inside it), and
 * entities outside CDATA decoded exactly once (`&amp;lt;` is `&lt;`, never `<`): the XML ones,
 * numeric references, and the HTML names (`&eacute;`) feeds use although XML does not define them.
 */
// XMLValidator and htmlEntities are marked deprecated in favour of separate packages not yet in
// this project; they work as documented, and a malformed export must be refused, not half-read.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;
export type XmlReading = { ok: true; document: XmlNode } | { ok: false; reason: string };

/**
 * Elements that can repeat, always read as arrays. An article's authors: several `dc:creator`s
 * (feeds), several Atom `<author>`s, a WordPress export's `author` categories (Co-Authors Plus).
 */
const REPEATED = new Set(['item', 'entry', 'category', 'link', 'wp:postmeta', 'wp:comment', 'wp:category', 'wp:tag', 'wp:term', 'wp:author', 'dc:creator', 'author']);

function parserFor(rawElements: string[]): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => REPEATED.has(name),
    // Raw inner XML of these (Atom's xhtml content is markup, not a tree of fields).
    stopNodes: rawElements,
  });
}

/**
 * Parses `text`. `rawElements` (paths such as `feed.entry.content`) are kept as raw inner XML, to
 * be read with `rawXmlText` or as XHTML.
 */
export function readXml(text: string, rawElements: string[] = []): XmlReading {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    return { ok: false, reason: `is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}): nothing in it was imported` };
  }
  try {
    return { ok: true, document: parserFor(rawElements).parse(text) as XmlNode };
  } catch (error) {
    return { ok: false, reason: `cannot be read as XML: ${(error as Error).message}` };
  }
}

/** The text of a parsed element: a string, or its `#text` when it has attributes. */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const inner = (value as XmlNode)['#text'];
    return inner === undefined ? '' : textOf(inner);
  }
  return undefined;
}

export function attributeOf(value: unknown, name: string): string | undefined {
  const node = Array.isArray(value) ? value[0] : value;
  if (!node || typeof node !== 'object') return undefined;
  const found = (node as XmlNode)[`@${name}`];
  return typeof found === 'string' ? found : undefined;
}

export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Raw inner XML of a text element (kept by `rawElements`) -> its text: CDATA sections as written,
 * entity and character references decoded once, in one pass.
 */
export function rawXmlText(raw: string): string {
  return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, cdata: string | undefined, ref: string | undefined) => {
    if (cdata !== undefined) return cdata;
    if (ref!.startsWith('#')) {
      const code = ref![1] === 'x' || ref![1] === 'X' ? Number.parseInt(ref!.slice(2), 16) : Number(ref!.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref!] ?? whole;
  });
}
