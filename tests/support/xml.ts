/**
 * Strict XML well-formedness, as a feed reader's XML parser applies it: one control character,
 * undefined entity or unescaped `&` makes a whole feed unreadable, so tests check every XML file
 * the site publishes with saxes, a conforming XML 1.0 parser (namespaces checked too).
 * fast-xml-parser's XMLParser is lenient, and its XMLValidator (deprecated) accepts control
 * characters.
 */
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';

export function xmlErrors(text: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => errors.push(error.message));
  parser.write(text).close();
  return errors;
}

export function assertWellFormedXml(name: string, text: string): void {
  assert.deepEqual(xmlErrors(text), [], `${name} is not well-formed XML`);
  assert.match(text, /^<\?xml [^>]*\?>/, `${name} starts with an XML declaration`);
}
