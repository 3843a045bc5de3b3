/**
 * A source's bylines and categories as the report's `authors` and `topics`. A source's name field
 * holds what its software put there, not always a name: a login ("admin"), a placeholder
 * ("Unknown"), an e-mail address (RSS's <author> is one by its specification), a sentence pasted
 * into a tag. The article is imported whatever its names hold; a value that is no name is left out
 * of the field, and the editor is told, so that one bad byline never costs a report.
 */
import { LIMITS } from '../../reports/schema.ts';
import { normaliseName, quoted } from '../../reports/text-rules.ts';

export interface SourceNames {
  names: string[];
  /** One line per value left out, naming it and what to do. */
  warnings: string[];
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>().]+$/;
/** "Jane Doe <jane@example.org>" and "jane@example.org (Jane Doe)": the name beside the address. */
const NAME_BESIDE_EMAIL = [/^(.+?)\s*<\s*([^\s<>]+)\s*>$/, /^([^\s()]+)\s*\(\s*(.+?)\s*\)$/];
/** What publishing software writes where it has no author's name: never a byline. */
const PLACEHOLDERS = new Set(['unknown', 'admin', 'administrator', 'n/a', 'none', 'null', 'undefined', 'author', 'by', '-']);
/** "By Jane Doe" in a `<meta name="author">`: the page already writes "By". */
const BY = /^by\s+(?=\S)/i;

/** Cut for a message: a 5,000-character "name" is quoted by its start. */
const shown = (name: string) => quoted(name.length > 80 ? `${name.slice(0, 80)}...` : name);

/**
 * The byline's names, once each as the page would show them, in the source's order; a name that
 * is the publisher's is its source line already ("By Agency" beside "Source: Agency").
 */
export function bylineFromSource(raw: readonly string[], publisher: string): SourceNames {
  const warnings: string[] = [];
  const publisherKey = normaliseName(publisher).toLowerCase();
  const kept: string[] = [];
  for (const value of raw) {
    const name = personalName(normaliseName(value));
    if (name === '' || name.toLowerCase() === publisherKey) continue;
    if (EMAIL.test(name)) {
      warnings.push(`the byline ${shown(name)} is an e-mail address, not a name: not published; add the author's name to "authors" by hand`);
    } else if (PLACEHOLDERS.has(name.toLowerCase())) {
      warnings.push(`the byline ${shown(name)} names no author (the software's placeholder or login): left out; add the author's name to "authors" by hand if there is one`);
    } else if (name.length > LIMITS.name) {
      warnings.push(`the byline ${shown(name)} is longer than a name (${LIMITS.name} characters): left out; add the author's name to "authors" by hand`);
    } else kept.push(name);
  }
  return capped([...new Set(kept)], warnings, 'bylines', 'authors');
}

/** Categories and tags, once each; one too long for a topic page's name is left out, named. */
export function topicsFromSource(raw: readonly string[]): SourceNames {
  const warnings: string[] = [];
  const kept: string[] = [];
  for (const value of raw) {
    const name = value.trim();
    if (name === '') continue;
    if (normaliseName(name).length > LIMITS.name) {
      warnings.push(`the category ${shown(name)} is longer than a topic's name (${LIMITS.name} characters): left out; add a shorter one to "topics" by hand`);
    } else kept.push(name);
  }
  return capped([...new Set(kept)], warnings, 'categories', 'topics');
}

function personalName(name: string): string {
  const unprefixed = name.replace(BY, '');
  for (const pattern of NAME_BESIDE_EMAIL) {
    const match = pattern.exec(unprefixed);
    if (!match) continue;
    const [first, second] = [match[1]!, match[2]!];
    if (EMAIL.test(second) && !EMAIL.test(first)) return first;
    if (EMAIL.test(first) && !EMAIL.test(second)) return second;
  }
  return unprefixed;
}

function capped(names: string[], warnings: string[], what: string, field: string): SourceNames {
  if (names.length <= LIMITS.names) return { names, warnings };
  warnings.push(`the source gives ${names.length} ${what}, more than a report lists (${LIMITS.names}): the first ${LIMITS.names} are kept in "${field}"`);
  return { names: names.slice(0, LIMITS.names), warnings };
}
