/**
 * Atom content of type `xhtml` (or another XML type) -> HTML that an HTML parser reads as the
 * same tree. The content is XML: `<iframe src="..."/>` is an empty element there, but an HTML
 * parser ignores the `/`, opens the iframe and takes everything after it as the iframe's fallback
 * (`<textarea/>`, `<script src="..."/>`, `<title/>` likewise), so the rest of the article would be
 * lost. The content is therefore parsed as XML and written out again with every non-void element
 * closed explicitly.
 *
 * Text and attribute values are written as the feed wrote them (their character and entity
 * references are valid in HTML too, and the HTML parser decodes them exactly once, as it does for
 * `type="html"`); a CDATA section is text, escaped. Comments and processing instructions are no
 * text a reader sees. Namespace prefixes (`<xhtml:p>`) are dropped: Atom allows the XHTML
 * namespace under any prefix.
 */
import { XMLParser } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';

/** HTML elements that never have content or an end tag (an end tag would be a stray `<br>`). */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/**
 * Elements whose content HTML reads as raw text to the end of the document (`<plaintext>`) or
 * not as markup (`<xmp>`): in XHTML they are ordinary elements, so they are written as `<pre>`.
 */
const RAW_TEXT_TO_PRE = new Set(['plaintext', 'xmp', 'listing']);

/** Elements whose content HTML reads as text (RCDATA): their XHTML children are written as their text. */
const TEXT_ONLY = new Set(['textarea', 'title']);

const CDATA = '#cdata';
const ATTRIBUTES = ':@';

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // References stay as written, for the HTML parser to decode once.
  processEntities: false,
  removeNSPrefix: true,
  cdataPropName: CDATA,
});

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function textOfCdata(children: unknown): string {
  return (Array.isArray(children) ? children : []).map((child) => String((child as OrderedNode)['#text'] ?? '')).join('');
}

function attributesHtml(attributes: unknown): string {
  if (!attributes || typeof attributes !== 'object') return '';
  let html = '';
  for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
    // removeNSPrefix leaves `xmlns` declarations without a name; they mean nothing in HTML.
    if (name === '' || name === 'xmlns') continue;
    // The value as written (references included); a `"` from a single-quoted value is escaped.
    html += value === true ? ` ${name}` : ` ${name}="${String(value).replace(/"/g, '&quot;')}"`;
  }
  return html;
}

/** Character references decoded as HTML decodes them (XML text holds no `<`: it is escaped there). */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  const [area] = fromHtml(`<textarea>${text}</textarea>`, { fragment: true }).children;
  return area?.type === 'element' ? area.children.map((child) => (child.type === 'text' ? child.value : '')).join('') : text;
}

/** Each node's name (`#text`, `#cdata` or the element's) and content; processing instructions left out. */
function* namedNodes(nodes: OrderedNode[]): Generator<{ name: string; value: unknown; node: OrderedNode }> {
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES);
    if (name !== undefined && !name.startsWith('?')) yield { name, value: node[name], node };
  }
}

const childrenOf = (value: unknown): OrderedNode[] => (Array.isArray(value) ? (value as OrderedNode[]) : []);

/** The text of XHTML nodes, character references decoded (it is escaped again when written). */
function textContent(nodes: OrderedNode[]): string {
  let text = '';
  for (const { name, value } of namedNodes(nodes)) {
    if (name === '#text') text += decodeReferences(String(value));
    else if (name === CDATA) text += textOfCdata(value);
    else text += textContent(childrenOf(value));
  }
  return text;
}

function nodesHtml(nodes: OrderedNode[]): string {
  let html = '';
  for (const { name, value, node } of namedNodes(nodes)) {
    if (name === '#text') html += String(value);
    else if (name === CDATA) html += escapeText(textOfCdata(value));
    else {
      const tag = RAW_TEXT_TO_PRE.has(name.toLowerCase()) ? 'pre' : name;
      const childNodes = childrenOf(value);
      // HTML reads a <textarea>'s or <title>'s content as text: markup written in it would show as tags.
      const children = TEXT_ONLY.has(name.toLowerCase()) ? escapeText(textContent(childNodes)) : nodesHtml(childNodes);
      html += `<${tag}${attributesHtml(node[ATTRIBUTES])}>`;
      // A void element's content (invalid, but XML can hold it) follows it, as a browser would show it.
      html += VOID.has(tag.toLowerCase()) ? children : `${children}</${tag}>`;
    }
  }
  return html;
}

/** The raw inner XML of an Atom text construct (well-formed: the whole feed was validated) -> HTML. */
export function xhtmlToHtml(rawXml: string): string {
  const [root] = parser.parse(`<xhtml-content>${rawXml}</xhtml-content>`) as OrderedNode[];
  return nodesHtml(childrenOf(root?.['xhtml-content']));
}
