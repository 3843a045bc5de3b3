import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bibtex, chicagoCitation, chicagoNames, citationText, cslJson, escapeBibtex, ris, type CitationInput } from '../../../src/formats/citation.ts';

const input: CitationInput = {
  id: '2020/casic-holds-conference',
  title: 'CASIC Holds 2020 Aerospace Defense Conference',
  subtitle: 'Focusing on Quality',
  date: new Date('2020-07-31T00:00:00Z'),
  author: 'China Aerospace Science and Industry Corporation (CASIC)',
  container: 'News Archive',
  url: 'https://example.org/archive/news/2020/casic-holds-conference/',
  language: 'en',
  summary: 'A summary\nover two lines.',
  keywords: ['Aerospace', 'R&D'],
};

test('Chicago bibliography entry: author, quoted title with deck, italic archive name, date, URL', () => {
  const parts = chicagoCitation(input);
  assert.equal(
    citationText(parts),
    'China Aerospace Science and Industry Corporation (CASIC). “CASIC Holds 2020 Aerospace Defense Conference: Focusing on Quality.” News Archive, July 31, 2020. https://example.org/archive/news/2020/casic-holds-conference/.',
  );
  assert.deepEqual(parts.filter((p) => p.italic).map((p) => p.text), ['News Archive']);
});

test('a title ending in its own punctuation gets no extra period', () => {
  const text = citationText(chicagoCitation({ ...input, subtitle: undefined, title: 'What Next?', author: 'Acme Inc.' }));
  assert.match(text, /^Acme Inc\. “What Next\?” News Archive/);
});

test('BibTeX: a @misc entry keyed by the id, case kept by braces, special characters escaped', () => {
  const entry = bibtex({ ...input, title: '50% of R&D_budget {new} #1' , subtitle: undefined });
  assert.match(entry, /^@misc\{2020-casic-holds-conference,\n/);
  assert.match(entry, /title = \{\{50\\% of R\\&D\\_budget \\textbraceleft\{\}new\\textbraceright\{\} \\#1\}\}/);
  assert.match(entry, /author = \{\{China Aerospace Science and Industry Corporation \(CASIC\)\}\}/);
  assert.match(entry, /year = \{2020\}/);
  assert.match(entry, /month = jul\n\}\n$/);
  assert.match(entry, /url = \{https:\/\/example\.org\/archive\/news\/2020\/casic-holds-conference\/\}/);
  assert.equal(escapeBibtex('a\\b ~ ^ --'), 'a\\textbackslash{}b \\textasciitilde{} \\textasciicircum{} -{}-');
  // Balanced braces, counted as BibTeX counts them (a backslash does not escape a brace).
  let depth = 0;
  for (const c of entry) {
    if (c === '{') depth++;
    if (c === '}') depth--;
    assert.ok(depth >= 0);
  }
  assert.equal(depth, 0);
});

test('RIS: tagged lines with CRLF, single-line values, ending with ER', () => {
  const text = ris(input);
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'TY  - ELEC');
  assert.ok(lines.includes('AU  - China Aerospace Science and Industry Corporation (CASIC)'));
  assert.ok(lines.includes('TI  - CASIC Holds 2020 Aerospace Defense Conference: Focusing on Quality'));
  assert.ok(lines.includes('DA  - 2020/07/31'));
  assert.ok(lines.includes('PY  - 2020'));
  assert.ok(lines.includes('AB  - A summary over two lines.'));
  assert.deepEqual(lines.filter((l) => l.startsWith('KW')), ['KW  - Aerospace', 'KW  - R&D']);
  assert.equal(lines.at(-2), 'ER  - ');
  assert.ok(lines.slice(0, -1).every((l) => /^[A-Z][A-Z0-9]  - /.test(l)));
});

test('CSL-JSON: one webpage item with date parts and a literal (organization) author', () => {
  const [item, ...rest] = cslJson(input);
  assert.equal(rest.length, 0);
  assert.equal(item!.type, 'webpage');
  assert.deepEqual(item!.issued, { 'date-parts': [[2020, 7, 31]] });
  assert.deepEqual(item!.author, [{ literal: input.author }]);
  assert.equal(item!.URL, input.url);
  assert.equal(item!['container-title'], 'News Archive');
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(cslJson(input))));
});

const byAuthors: CitationInput = { ...input, authors: ['Jane Doe', 'John Smith'] };

test('with authors, every citation names them, as written, instead of the source', () => {
  assert.equal(
    citationText(chicagoCitation(byAuthors)),
    'Jane Doe and John Smith. “CASIC Holds 2020 Aerospace Defense Conference: Focusing on Quality.” News Archive, July 31, 2020. https://example.org/archive/news/2020/casic-holds-conference/.',
  );
  assert.match(bibtex(byAuthors), /\n {2}author = \{\{Jane Doe\} and \{John Smith\}\},\n/);
  const lines = ris(byAuthors).split('\r\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('AU')), ['AU  - Jane Doe', 'AU  - John Smith']);
  assert.equal(lines[1], 'AU  - Jane Doe', 'the authors come where the author always has, after TY');
  assert.deepEqual(cslJson(byAuthors)[0]!.author, [{ literal: 'Jane Doe' }, { literal: 'John Smith' }]);
  for (const text of [citationText(chicagoCitation(byAuthors)), bibtex(byAuthors), ris(byAuthors), JSON.stringify(cslJson(byAuthors))]) {
    assert.ok(!text.includes('China Aerospace'), text);
  }
});

test('without authors (none, or an empty list) the source stays the author', () => {
  for (const c of [input, { ...input, authors: [] }]) {
    assert.match(citationText(chicagoCitation(c)), /^China Aerospace Science and Industry Corporation \(CASIC\)\. “/);
    assert.match(bibtex(c), /author = \{\{China Aerospace Science and Industry Corporation \(CASIC\)\}\}/);
    assert.deepEqual(ris(c).split('\r\n').filter((l) => l.startsWith('AU')), ['AU  - China Aerospace Science and Industry Corporation (CASIC)']);
    assert.deepEqual(cslJson(c)[0]!.author, [{ literal: input.author }]);
  }
});

test('Chicago lists one, two, three to ten, or the first seven of more than ten authors', () => {
  assert.equal(chicagoNames(['Jane Doe']), 'Jane Doe');
  assert.equal(chicagoNames(['A', 'B']), 'A and B');
  assert.equal(chicagoNames(['A', 'B', 'C']), 'A, B, and C');
  const eleven = Array.from({ length: 11 }, (_, i) => `Author ${i + 1}`);
  assert.equal(chicagoNames(eleven.slice(0, 10)), `${eleven.slice(0, 9).join(', ')}, and Author 10`);
  assert.equal(chicagoNames(eleven), `${eleven.slice(0, 7).join(', ')}, et al.`);
  // "et al." ends with its own period: the entry does not add a second.
  assert.match(citationText(chicagoCitation({ ...input, authors: eleven })), /Author 7, et al\. “CASIC/);
  assert.match(citationText(chicagoCitation({ ...input, authors: ['J. Doe Jr.'] })), /^J\. Doe Jr\. “CASIC/);
});

test('BibTeX: every name is braced whole, so that none is split into given and family name by BibTeX\'s rule (Yuan Jie is not "Jie, Yuan") or read as something else', () => {
  const entry = bibtex({ ...input, authors: ['Yuan Jie', 'Doe, Jane', 'Research and Development', 'others', 'R&D Team'] });
  assert.match(entry, /author = \{\{Yuan Jie\} and \{Doe, Jane\} and \{Research and Development\} and \{others\} and \{R\\&D Team\}\},/);
});
