/**
 * A source's bylines and categories as the report's `authors` and `topics`. A source's name field
 * holds what its software put there, not always a name: a login ("admin"), a placeholder
 * ("Unknown"), an e-mail address (RSS's <author> is one by its specification), a sentence pasted
 * into a tag. The article is imported whatever its names hold; a value that is no name is left out
 * of the field, and the editor is told, so that one bad byline never costs a report.
 */
import { LIMITS } from '../../reports/schema.ts';
import { findForbiddenCharacter, normaliseName, quoted } from '../../reports/text-rules.ts';

export interface SourceNames {
  names: string[];
  /** One line per value left out, naming it and what to do. */
  warnings: string[];
}

const EMAIL_TEXT = String.raw`[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>().]+`;
const EMAIL = new RegExp(`^${EMAIL_TEXT}$`);
/** An address anywhere in a value: a byline never publishes one. */
const HOLDS_EMAIL = new RegExp(EMAIL_TEXT);
/** An address in brackets beside a name: "Jane Doe <jane@example.org>", "Jane Doe (jane@example.org)". */
const BRACKETED = String.raw`<\s*${EMAIL_TEXT}\s*>|\(\s*${EMAIL_TEXT}\s*\)`;
const BRACKETED_EMAIL = new RegExp(BRACKETED, 'g');
/** One before a comma ("Ana Ruiz <ana@example.org>, John Smith"): the comma follows the name. */
const BRACKETED_EMAIL_BEFORE_COMMA = new RegExp(String.raw`\s*(?:${BRACKETED})(?=[,;])`, 'g');
/** "jane@example.org (Jane Doe)", as RSS's <author> writes it: the name in brackets. */
const EMAIL_THEN_NAME = new RegExp(String.raw`^${EMAIL_TEXT}\s*\(\s*([^()\s][^()]*?)\s*\)$`);
/** What publishing software writes where it has no author's name: never a byline. */
const PLACEHOLDERS = new Set(['unknown', 'admin', 'administrator', 'n/a', 'none', 'null', 'undefined', 'author', 'by', 'by:', '-']);
/** "By Jane Doe" or "By: Jane Doe" in a `<meta name="author">`: the page already writes "By". */
const BY = /^by:?\s+(?=\S)/i;

/** A source's value, quoted for a message: a 5,000-character "name" by its start. */
const shown = (value: string) => {
  const trimmed = value.trim();
  return quoted(trimmed.length > 80 ? `${trimmed.slice(0, 80)}...` : trimmed);
};

/**
 * The byline's names, once each as the page would show them, in the source's order; a name that
 * is the publisher's is its source line already ("By Agency" beside "Source: Agency").
 */
export function bylineFromSource(raw: readonly string[], publisher: string): SourceNames {
  const warnings: string[] = [];
  const publisherKey = normaliseName(publisher).toLowerCase();
  const kept: string[] = [];
  for (const value of raw) {
    const plain = normaliseName(value);
    if (plain === '') continue;
    const name = personalName(plain);
    if (name.toLowerCase() === publisherKey) continue;
    const forbidden = findForbiddenCharacter(name);
    if (name === '' || HOLDS_EMAIL.test(name)) {
      warnings.push(`the byline ${shown(value)} is or holds an e-mail address: not published; add the author's name to "authors" by hand`);
    } else if (forbidden) {
      warnings.push(`the byline ${shown(value)} holds ${forbidden.codePoint}, a control character no page or feed can carry: left out; add the author's name to "authors" by hand`);
    } else if (PLACEHOLDERS.has(name.toLowerCase())) {
      warnings.push(`the byline ${shown(value)} names no author (the software's placeholder or login): left out; add the author's name to "authors" by hand if there is one`);
    } else if (name.length > LIMITS.name) {
      warnings.push(`the byline ${shown(value)} is longer than a name (${LIMITS.name} characters): left out; add the author's name to "authors" by hand`);
    } else kept.push(name);
  }
  return capped([...new Set(kept)], warnings, 'bylines', 'authors');
}

/**
 * Categories and tags, once each as their topic page names them (normalised); one that names
 * nothing is skipped, one too long for a topic's name or holding a control character is left
 * out, named.
 */
export function topicsFromSource(raw: readonly string[]): SourceNames {
  const warnings: string[] = [];
  const kept = new Map<string, string>();
  for (const value of raw) {
    const name = value.trim();
    const key = normaliseName(name);
    if (key === '' || kept.has(key)) continue;
    const forbidden = findForbiddenCharacter(name);
    if (forbidden) {
      warnings.push(`the category ${shown(value)} holds ${forbidden.codePoint}, a control character no page or feed can carry: left out; add it to "topics" by hand`);
    } else if (key.length > LIMITS.name) {
      warnings.push(`the category ${shown(value)} is longer than a topic's name (${LIMITS.name} characters): left out; add a shorter one to "topics" by hand`);
    } else kept.set(key, name);
  }
  return capped([...kept.values()], warnings, 'categories', 'topics');
}

/** The name in a byline: without a leading "By", and without an address written beside it. */
function personalName(value: string): string {
  const unprefixed = value.replace(BY, '');
  const inBrackets = EMAIL_THEN_NAME.exec(unprefixed);
  if (inBrackets) return inBrackets[1]!;
  // The value is normalised (single spaces): only a removed address can leave two.
  const withoutAddress = unprefixed.replace(BRACKETED_EMAIL_BEFORE_COMMA, '').replace(BRACKETED_EMAIL, ' ').replace(/ {2,}/g, ' ').trim();
  // `"Jane Doe" <jane@example.org>`: the quotation marks only set the name off from the address.
  return withoutAddress !== unprefixed ? withoutAddress.replace(/^"([^"]+)"$/, '$1') : withoutAddress;
}

function capped(names: string[], warnings: string[], what: string, field: string): SourceNames {
  if (names.length <= LIMITS.names) return { names, warnings };
  warnings.push(`the source gives ${names.length} ${what}, more than a report lists (${LIMITS.names}): the first ${LIMITS.names} are kept in "${field}"`);
  return { names: names.slice(0, LIMITS.names), warnings };
}
