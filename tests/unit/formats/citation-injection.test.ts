/**
 * Citation files carry any text the schema accepts without letting it add, end or change a field:
 * for generated titles, authors, summaries and keywords (every TeX special, braces balanced or
 * not, newlines, Unicode), BibTeX is read the way BibTeX reads it (every brace counts, backslash
 * or not) and by a real parser (Better BibTeX's), RIS by its line grammar, CSL-JSON as JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { bibtex, cslJson, ris, type CitationInput } from '../../../src/formats/citation.ts';
import { findForbiddenCharacter, normaliseName } from '../../../src/reports/text-rules.ts';

const base: CitationInput = {
  id: '2020/casic-holds-conference',
  title: 'T',
  date: new Date(Date.UTC(2020, 6, 31)),
  author: 'CASIC',
  container: 'News Archive',
  url: 'https://example.org/news/2020/casic-holds-conference/',
  language: 'en',
};

/** Pieces that break naive escaping, mixed with arbitrary Unicode. */
const piece = fc.oneof(
  fc.constantFrom(
    '{', '}', '}}', '{{', '\\', '\\}', '\\{', '%', '&', '$', '#', '_', '^', '~', '<', '>', '|', '-', '--', '`', "'", ',', '?', '!',
    '"', '@', '=', ' ', '\n', '\r\n', '\t', ' and ', 'A', 'é', '航', '🚀', '\u00a0', 'ER  - ', 'TY  - ', '\nKW  - x',
    'A}}, note = "INJECTED", x = "{{', '}, note = {INJECTED}, x = {',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }),
);
/** Text the schema accepts: no control characters feeds cannot carry, not blank. */
const text = fc
  .string({ unit: piece, minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && !findForbiddenCharacter(s));

/** What a one-line field shows: whitespace runs as one space, trimmed. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
/** TeX itself reads runs of spaces, tabs and newlines as one space; other spaces (no-break) are text. */
const texLine = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

/**
 * The field names of a single entry, read as BibTeX reads a .bib file (bibtex.web, scan_balanced_braces):
 * a braced value ends where its braces balance, counting every brace; a quoted one at a `"` outside braces.
 */
function bibtexFieldNames(entry: string): string[] {
  const header = /^@misc\{[^,\s]+,/.exec(entry);
  assert.ok(header, 'entry header');
  let i = header[0].length;
  const names: string[] = [];
  const skipSpace = () => {
    while (i < entry.length && /\s/.test(entry[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    if (entry[i] === '}') break;
    const name = /^[a-z]+/i.exec(entry.slice(i));
    assert.ok(name, `a field name at ${i}: ${JSON.stringify(entry.slice(i, i + 30))}`);
    names.push(name[0]);
    i += name[0].length;
    skipSpace();
    assert.equal(entry[i], '=', `"=" after ${name[0]}`);
    i++;
    skipSpace();
    if (entry[i] === '{' || entry[i] === '"') {
      const quote = entry[i] === '"';
      let depth = quote ? 0 : 1;
      i++;
      for (; i < entry.length; i++) {
        const c = entry[i];
        if (c === '{') depth++;
        else if (c === '}') {
          depth--;
          if (depth < 0) assert.fail(`unbalanced } in ${name[0]}`);
          if (depth === 0 && !quote) break;
        } else if (c === '"' && quote && depth === 0) break;
      }
      i++;
    } else {
      const bare = /^[a-z0-9]+/i.exec(entry.slice(i));
      assert.ok(bare, `a value for ${name[0]}`);
      i += bare[0].length;
    }
    skipSpace();
    if (entry[i] === ',') i++;
  }
  assert.equal(entry.slice(i).trim(), '}', 'nothing after the entry');
  return names;
}

const EXPECTED_BIBTEX_FIELDS = ['author', 'title', 'howpublished', 'year', 'date', 'url', 'language', 'keywords', 'month'];

test('BibTeX: the title that injected a field, and a lone }}, stay inside the title', () => {
  for (const title of ['A}}, note = "INJECTED", x = "{{', 'plain }} end', '{{ open']) {
    const entry = bibtex({ ...base, title, keywords: ['x'] });
    assert.deepEqual(bibtexFieldNames(entry), EXPECTED_BIBTEX_FIELDS, entry);
    const parsed = parseBibtex(entry, { english: false });
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.entries[0]!.fields.title, title);
  }
});

test('BibTeX: any title, subtitle, author and keywords give exactly the expected fields, and the title reads back as written', () => {
  fc.assert(
    fc.property(text, fc.option(text, { nil: undefined }), text, fc.array(text, { minLength: 1, maxLength: 3 }), (title, subtitle, author, keywords) => {
      const entry = bibtex({ ...base, title, subtitle, author, keywords });
      assert.deepEqual(bibtexFieldNames(entry), EXPECTED_BIBTEX_FIELDS);
      const library = parseBibtex(entry, { english: false });
      assert.deepEqual(library.errors, []);
      assert.equal(library.entries.length, 1);
      const { fields } = library.entries[0]!;
      assert.deepEqual(Object.keys(fields).sort(), [...EXPECTED_BIBTEX_FIELDS].filter((f) => f !== 'keywords' || fields.keywords).sort());
      assert.equal(fields.title, texLine(subtitle ? `${title}: ${subtitle}` : title));
      assert.deepEqual(fields.author?.map((a) => a.name), [texLine(author)]);
      assert.equal(fields.url, base.url);
      assert.equal(fields.year, '2020');
    }),
    { numRuns: 400 },
  );
});

/** A name the schema accepts: normalised as names are (one space, trimmed, nothing invisible). */
const name = text.map(normaliseName).filter((s) => s !== '');

test('BibTeX: any authors give exactly the expected fields, one author per name, each reading back as written', () => {
  fc.assert(
    fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (authors) => {
      const entry = bibtex({ ...base, authors });
      assert.deepEqual(bibtexFieldNames(entry), EXPECTED_BIBTEX_FIELDS.filter((f) => f !== 'keywords'));
      const library = parseBibtex(entry, { english: false });
      assert.deepEqual(library.errors, []);
      const read = library.entries[0]!.fields.author!;
      // A name BibTeX splits reads back as its parts in order: first, von, last.
      const whole = read.map((a) => a.name ?? [a.firstName, a.prefix, a.lastName].filter((part) => part !== undefined).join(' '));
      assert.deepEqual(whole, authors.map(texLine), entry);
    }),
    { numRuns: 400 },
  );
});

test('RIS: no value can start a line, so no value can add a tag or end the record', () => {
  fc.assert(
    fc.property(text, text, text, fc.array(text, { maxLength: 3 }), fc.array(name, { maxLength: 3 }), (title, author, summary, keywords, authors) => {
      const lines = ris({ ...base, title, author, authors, summary, keywords }).split('\r\n');
      assert.equal(lines.pop(), '');
      for (const line of lines) assert.match(line, /^[A-Z][A-Z0-9]  - /);
      const tags = lines.map((l) => l.slice(0, 2));
      assert.deepEqual(tags, ['TY', ...(authors.length > 0 ? authors : [author]).map(() => 'AU'), 'TI', 'T2', 'PY', 'DA', 'UR', 'LA', 'AB', ...keywords.map(() => 'KW'), 'ID', 'ER']);
      assert.deepEqual(lines.filter((l) => l.startsWith('AU')).map((l) => l.slice(6)), authors.length > 0 ? authors.map(oneLine) : [oneLine(author)]);
      const value = (tag: string) => lines.find((l) => l.startsWith(`${tag}  - `))!.slice(6);
      assert.equal(value('TI'), oneLine(title));
      assert.equal(value('AB'), oneLine(summary));
    }),
    { numRuns: 300 },
  );
});

test('CSL-JSON: any text stays the value of its own key', () => {
  fc.assert(
    fc.property(text, text, text, (title, author, summary) => {
      const [item] = JSON.parse(JSON.stringify(cslJson({ ...base, title, author, summary, keywords: ['k'] })));
      assert.deepEqual(Object.keys(item).sort(), ['URL', 'abstract', 'author', 'container-title', 'id', 'issued', 'keyword', 'language', 'title', 'type']);
      assert.equal(item.title, title);
      assert.deepEqual(item.author, [{ literal: author }]);
      assert.equal(item.abstract, summary);
    }),
    { numRuns: 200 },
  );
});
