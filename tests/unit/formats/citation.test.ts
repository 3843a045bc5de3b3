import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bibtex, chicagoCitation, citationText, cslJson, escapeBibtex, ris, type CitationInput } from '../../../src/formats/citation.ts';

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
