/**
 * Front matter that would publish something unsafe or broken is refused by the schema, naming the
 * field: script URLs, characters feeds cannot carry, unbounded names and lists; and term names
 * that differ only by invisible characters are one name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describeIssues, LIMITS, reportSchema } from '../../../src/reports/schema.ts';
import { assignSlugs } from '../../../src/archive/term-slug.ts';
import { buildTaxonomy } from '../../../src/archive/taxonomy.ts';

const valid = { title: 'A report', date: '2020-07-31', source: { name: 'CASIC' } };

function problems(data: unknown): string[] {
  const result = reportSchema.safeParse(data);
  return result.success ? [] : describeIssues(result.error);
}

test('source.url accepts only http and https addresses, naming the field and an example', () => {
  for (const url of ['javascript:alert(document.domain)', 'JavaScript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', 'file:///etc/passwd', 'ftp://example.org/x', 'http:example.org']) {
    const [message, ...rest] = problems({ ...valid, source: { name: 'S', url } });
    assert.equal(rest.length, 0, url);
    assert.match(message!, /^source\.url: .*http:\/\/ or https:\/\/.*url: https:\/\/example\.org\/report/, url);
  }
  for (const url of ['https://example.org/report', 'http://example.org/a?b=c#d', 'HTTPS://EXAMPLE.ORG/']) {
    assert.deepEqual(problems({ ...valid, source: { name: 'S', url } }), [], url);
  }
});

test('source.url with a space or line break inside is refused: a browser would drop it and open another address', () => {
  // "https://example.org/a\nb" passed (the URL parser strips line breaks and tabs), was written by
  // the importer and published as a link to https://example.org/ab.
  for (const url of ['https://example.org/a\nb', 'https://example.org/a\tb', 'https://example.org/a b', 'https://exa\nmple.org/']) {
    const [message, ...rest] = problems({ ...valid, source: { name: 'S', url } });
    assert.equal(rest.length, 0, JSON.stringify(url));
    assert.match(message!, /^source\.url: .*(space|line break|tab)/, JSON.stringify(url));
  }
});

test('characters feeds cannot carry are refused in every text field, with the code point shown', () => {
  const bad = ['\x01', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\x9f', '\ufffe', '\uffff', '\ud800', '\udc00'];
  for (const char of bad) {
    const label = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const cases: [string, unknown][] = [
      ['title', { ...valid, title: `A${char}B` }],
      ['subtitle', { ...valid, subtitle: `A${char}B` }],
      ['summary', { ...valid, summary: `A${char}B` }],
      ['rights', { ...valid, rights: `A${char}B` }],
      ['source.name', { ...valid, source: { name: `A${char}B` } }],
      ['topics.0', { ...valid, topics: [`A${char}B`] }],
      ['organizations.1', { ...valid, organizations: ['X', `A${char}B`] }],
      ['people.0', { ...valid, people: [`A${char}B`] }],
      ['authors.1', { ...valid, authors: ['Jane Doe', `A${char}B`] }],
    ];
    for (const [field, data] of cases) {
      const found = problems(data);
      assert.equal(found.length, 1, `${field} ${label}: ${found}`);
      assert.ok(found[0]!.startsWith(`${field}: `), found[0]);
      assert.ok(found[0]!.includes(label), `${found[0]} names ${label}`);
    }
  }
  // Tabs, newlines, astral characters (a valid surrogate pair) and ordinary Unicode are text.
  assert.deepEqual(problems({ ...valid, title: 'CASIC 🚀 航天', summary: 'One line.\nAnother\tline.\r\n' }), []);
});

test('names, lists and titles have limits, named with the field', () => {
  const long = 'word '.repeat(80).trim();
  assert.match(problems({ ...valid, topics: [long] })[0]!, new RegExp(`^topics\\.0: "topics" is longer than ${LIMITS.name} characters`));
  assert.match(problems({ ...valid, title: 'x'.repeat(LIMITS.title + 1) })[0]!, /^title: "title" is longer than/);
  const crowd = Array.from({ length: 140_000 }, (_, i) => `Person ${i}`);
  assert.match(problems({ ...valid, people: crowd })[0]!, new RegExp(`^people: "people" lists more than ${LIMITS.names} names`));
  assert.deepEqual(problems({ ...valid, people: crowd.slice(0, LIMITS.names), topics: ['x'.repeat(LIMITS.name)] }), []);
  assert.match(problems({ ...valid, authors: [long] })[0]!, new RegExp(`^authors\\.0: "authors" is longer than ${LIMITS.name} characters`));
  assert.match(problems({ ...valid, authors: crowd })[0]!, new RegExp(`^authors: "authors" lists more than ${LIMITS.names} names: keep the ones the report credits first`));
});

test('a term slug is a valid file name (at most 255 bytes) for any name the schema accepts', () => {
  const names = [
    'x'.repeat(LIMITS.name),
    'word '.repeat(24).trim(),
    'Щ'.repeat(LIMITS.name), // Cyrillic transliterates to several letters per letter
    'Ж'.repeat(LIMITS.name),
    '袁'.repeat(LIMITS.name),
    'ß'.repeat(LIMITS.name),
  ];
  const slugs = assignSlugs([...names, `${names[0]}y`]);
  for (const [name, slug] of slugs) {
    assert.ok(Buffer.byteLength(slug) <= 100, `${name.slice(0, 10)}...: ${slug.length} bytes`);
    assert.match(slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  }
  assert.equal(new Set(slugs.values()).size, slugs.size, 'names sharing a long prefix still get distinct slugs');
});

test('term names are normalised: invisible characters, NFC and spacing never make two terms', () => {
  const parse = (topics: string[]) => reportSchema.parse({ ...valid, topics }).topics;
  const variants = [
    'Energy',
    'Energy\u200b',
    '\u200bEnergy',
    'Ener\u00adgy',
    '\u202aEnergy\u202c',
    '\u2066Energy\u2069',
    'Energy\u200e',
    '\ufeffEnergy',
    'Ener\u2060gy',
    'Energy\u200d',
    ' Energy  ',
  ];
  for (const name of variants) assert.deepEqual(parse([name]), ['Energy'], JSON.stringify(name));
  assert.deepEqual(parse(['Yuan\u00a0Jie', 'Yuan  Jie']), ['Yuan Jie', 'Yuan Jie']);
  assert.deepEqual(parse(['Cafe\u0301']), ['Café'], 'NFC');
  // Joiners that are spelling (Persian, emoji sequences) are kept.
  assert.deepEqual(parse(['می\u200cخواهم', '👩\u200d🔬']), ['می\u200cخواهم', '👩\u200d🔬']);
  assert.match(problems({ ...valid, people: ['\u200b\u200e'] })[0]!, /^people\.0: "people" is blank/);

  const reports = ['Energy', 'Energy\u200b'].map((topic, i) => ({
    id: `2020/r${i}`,
    data: { ...reportSchema.parse({ ...valid, topics: [topic] }), date: new Date(Date.UTC(2020, 0, i + 1)) },
  }));
  const topics = buildTaxonomy(reports).topic.terms;
  assert.deepEqual(topics.map((t) => [t.name, t.slug, t.items.length]), [['Energy', 'energy', 2]]);
});

test("every character Unicode marks as default-ignorable (shown as nothing) is removed from term names, not only a list of familiar ones", () => {
  const parse = (topics: string[]) => reportSchema.parse({ ...valid, topics }).topics;
  // Combining grapheme joiner, the deprecated format characters U+206A-U+206F, Hangul fillers,
  // Khmer inherent vowels, Mongolian free variation selectors, U+2065, musical formatting marks:
  // each made "Energy" and an "Energy" that looks the same two topics with two pages.
  for (const invisible of ['\u034f', '\u206a', '\u206f', '\u3164', '\u115f', '\uffa0', '\u17b4', '\u180b', '\u2065', '\u{1d173}']) {
    assert.deepEqual(parse([`Ener${invisible}gy${invisible}`]), ['Energy'], JSON.stringify(invisible));
  }
  // What is spelling stays: joiners between non-ASCII letters, emoji variation selectors and tags.
  assert.deepEqual(parse(['❤\ufe0f', '1\ufe0f\u20e3', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}']), ['❤\ufe0f', '1\ufe0f\u20e3', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}']);
});
