/**
 * The raw check reads front matter exactly as Astro does (same block, same YAML parser and
 * options), except that dates stay text, so an impossible date cannot slip past it through YAML
 * features (merge keys, aliases, tags); and it names the line of any character feeds cannot carry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { checkRawReport, readFrontmatter } from '../../../src/reports/raw-report-check.ts';

const entry = (frontmatter: string, body = 'Body.') => `---\n${frontmatter}\n---\n\n${body}\n`;
const dateProblems = (file: string, text: string) => checkRawReport(file, text).problems.filter((p) => p.field === 'date');

test('the raw check uses the js-yaml Astro uses to read Markdown front matter', () => {
  const fromAstro = createRequire(createRequire(import.meta.resolve('astro/package.json')).resolve('@astrojs/internal-helpers/frontmatter'));
  const ours = createRequire(import.meta.url);
  assert.equal(ours.resolve('js-yaml'), fromAstro.resolve('js-yaml'));
  assert.equal(
    ours.resolve('@astrojs/internal-helpers/frontmatter'),
    createRequire(import.meta.resolve('astro/package.json')).resolve('@astrojs/internal-helpers/frontmatter'),
  );
});

test('an impossible date is caught however YAML spells it: merge keys, aliases, tags, quotes', () => {
  const spellings = [
    'date: 2018-02-30',
    "date: '2018-02-30'",
    'date: "2018-02-30"',
    'date: !!timestamp 2018-02-30',
    '<<: {date: 2018-02-30}',
    'base: &b {date: 2018-02-30}\n<<: *b',
    'd: &d 2018-02-30\ndate: *d',
    '<<: [{date: 2018-02-30}, {date: 2018-02-01}]',
  ];
  for (const spelling of spellings) {
    const text = entry(`title: X\nsource: { name: S }\n${spelling}`);
    // What Astro publishes, for the record: a date the file does not say.
    const astro = parseFrontmatter(text).frontmatter as Record<string, unknown>;
    if (spelling.includes('<<') || spelling.includes('*d') || spelling.includes('!!')) {
      assert.ok(astro.date instanceof Date, spelling);
    }
    const found = dateProblems('2018/x.md', text);
    assert.equal(found.length, 1, `${spelling}: ${JSON.stringify(checkRawReport('2018/x.md', text).problems)}`);
    assert.match(found[0]!.message, /"2018-02-30" is not a real calendar day/);
  }
  // Real dates pass, through the same features.
  for (const spelling of ['date: 2018-02-28', '<<: {date: 2018-02-28}', 'd: &d 2018-02-28\ndate: *d', "date: '2018-02-28'"]) {
    assert.deepEqual(checkRawReport('2018/x.md', entry(`title: X\nsource: { name: S }\n${spelling}`)).problems, [], spelling);
  }
  // An explicit date wins over a merged one, as in Astro: the merged impossible one is never published.
  assert.deepEqual(dateProblems('2018/x.md', entry('<<: {date: 2018-02-30}\ndate: 2018-02-28')), []);
});

test('the raw check sees the keys Astro sees, with the same values apart from dates kept as text', () => {
  const samples = [
    'title: X\nbase: &b {name: S, url: "https://e.org"}\nsource: *b\ntopics: &t [A, B]\npeople: *t',
    '<<: {title: Merged, language: de}\ntitle: Own',
    '<<: [{a: 1}, {a: 2, b: [x, y]}]\nc: !!set {p, q}',
    'date: 2020-07-31\nwhen: 2020-07-31T10:00:00Z\nn: 0x1F\nf: .5\nb: yes\nnull: ~',
  ];
  for (const sample of samples) {
    const astro = parseFrontmatter(entry(sample)).frontmatter as Record<string, unknown>;
    const ours = readFrontmatter(`\n${sample}\n`);
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(astro).sort(), sample);
    for (const key of Object.keys(astro)) {
      const value = astro[key];
      if (value instanceof Date) assert.equal(new Date(ours[key] as string).getTime(), value.getTime(), `${sample}: ${key}`);
      else assert.deepEqual(ours[key], value, `${sample}: ${key}`);
    }
  }
});

test('duplicate keys are refused, as Astro refuses them', () => {
  const text = entry('title: X\ndate: 2018-02-01\ndate: 2018-02-30\nsource: { name: S }');
  assert.throws(() => parseFrontmatter(text));
  assert.match(checkRawReport('2018/x.md', text).problems[0]!.message, /not valid YAML: duplicated mapping key/);
});

test('characters feeds cannot carry are named by line, in the body and in the front matter', () => {
  const body = 'First paragraph.\n\nAn escape \x1b[31m here.\n\nA form feed\x0c and a vertical tab\x0b.';
  const found = checkRawReport('2020/x.md', entry('title: X\ndate: 2020-01-01\nsource: { name: S }', body)).problems;
  assert.deepEqual(
    found.map((p) => [p.field, p.message.replace(/, a control.*/, '')]),
    [
      ['(body)', 'line 9 contains U+001B (column 11)'],
      ['(body)', 'line 11 contains U+000C (column 12)'],
    ],
  );
  assert.match(found[0]!.message, /feeds cannot carry: delete it/);
  for (const char of ['\x01', '\x7f', '\x9b', '\ufffe', '\ud83d']) {
    const [p] = checkRawReport('2020/x.md', entry('title: X\ndate: 2020-01-01\nsource: { name: S }', `Text ${char} text.`)).problems;
    assert.equal(p?.field, '(body)', JSON.stringify(char));
  }
  const inFrontmatter = checkRawReport('2020/x.md', entry('title: A\x01B\ndate: 2020-01-01\nsource: { name: S }')).problems;
  assert.deepEqual(inFrontmatter.map((p) => [p.field, p.message.slice(0, 24)]), [['(front matter)', 'line 2 contains U+0001 (']]);
  // Tabs, CRLF line ends, a BOM and astral characters are text.
  assert.deepEqual(checkRawReport('2020/x.md', `\uFEFF${entry('title: X\ndate: 2020-01-01\nsource: { name: S }', 'A\ttab 🚀.')}`.replace(/\n/g, '\r\n')).problems, []);
});

test('TOML front matter, which Astro would also read, is refused: reports are YAML', () => {
  const [p] = checkRawReport('2020/x.md', '+++\ntitle = "X"\n+++\n\nBody.\n').problems;
  assert.match(p!.message, /YAML between two "---" lines/);
});
