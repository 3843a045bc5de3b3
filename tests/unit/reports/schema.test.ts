import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeIssues, reportSchema } from '../../../src/reports/schema.ts';
import { checkRawReport, findDuplicateIds } from '../../../src/reports/raw-report-check.ts';

const valid = { title: 'A report', date: '2020-07-31', source: { name: 'CASIC' } };

function problems(data: unknown): string[] {
  const result = reportSchema.safeParse(data);
  return result.success ? [] : describeIssues(result.error);
}

test('a minimal report is valid and gets defaults', () => {
  const data = reportSchema.parse(valid);
  assert.equal(data.language, 'en');
  assert.deepEqual(data.topics, []);
  assert.equal(data.date.toISOString(), '2020-07-31T00:00:00.000Z');
});

test('a missing or blank title names the field and the fix', () => {
  for (const title of [undefined, '', '   ']) {
    const [message, ...rest] = problems({ ...valid, title });
    assert.equal(rest.length, 0);
    assert.match(message!, /^title: .*title.*(blank|must be text).*title: "/);
  }
});

test('an impossible or non-date date is an error, not another day', () => {
  for (const date of ['2018-02-30', 'July 31', '31/07/2020', 20200731, undefined]) {
    const [message] = problems({ ...valid, date });
    assert.match(message!, /^date: .*YYYY-MM-DD/);
  }
});

test('unknown fields are refused, so a misspelt field is never silently dropped', () => {
  const [message] = problems({ ...valid, topic: ['Aerospace'] });
  assert.match(message!, /unknown field\(s\) "topic".*known fields: .*topics/);
});

test('source, URL and language are checked', () => {
  assert.match(problems({ ...valid, source: undefined })[0]!, /^source: .*source: \{ name:/);
  assert.match(problems({ ...valid, source: { name: 'x', url: 'example' } })[0]!, /^source\.url: /);
  assert.match(problems({ ...valid, language: 'English' })[0]!, /^language: .*BCP 47/);
  assert.deepEqual(problems({ ...valid, language: 'zh-Hans' }), []);
});

const entry = (frontmatter: string) => `---\n${frontmatter}\n---\n\nBody.\n`;

test('raw check: an unquoted impossible date is caught before YAML rolls it over', () => {
  const { problems: found } = checkRawReport('2018/x.md', entry('title: X\ndate: 2018-02-30\nsource: { name: S }'));
  assert.equal(found.length, 1);
  assert.deepEqual({ file: found[0]!.file, field: found[0]!.field }, { file: '2018/x.md', field: 'date' });
  assert.match(found[0]!.message, /not a real calendar day/);
});

test('raw check: the folder year must match the date', () => {
  const { problems: found } = checkRawReport('2019/x.md', entry('title: X\ndate: 2020-07-31\nsource: { name: S }'));
  assert.match(found[0]!.message, /move the file to 2020\/x\.md/);
});

test('raw check: missing front matter, bad YAML and bad file names are reported', () => {
  assert.match(checkRawReport('2020/x.md', 'no front matter').problems[0]!.message, /front matter block/);
  assert.match(checkRawReport('2020/x.md', entry('title: [unclosed')).problems[0]!.message, /not valid YAML/);
  assert.equal(checkRawReport('2020/X Y.md', entry('title: X\ndate: 2020-01-01')).problems[0]!.field, '(file name)');
  assert.deepEqual(checkRawReport('2020/x.md', `\uFEFF${entry('title: X\ndate: 2020-01-01')}`.replace(/\n/g, '\r\n')).problems, []);
});

test('two files that would share a URL are both named', () => {
  const found = findDuplicateIds([
    { file: 'a/2020/x.md', id: '2020/x' },
    { file: 'b/2020/x.md', id: '2020/x' },
    { file: '2020/y.md', id: '2020/y' },
  ]);
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /same URL as a\/2020\/x\.md \(news\/2020\/x\/\)/);
  assert.equal(found[0]!.file, 'b/2020/x.md');
});

test('an unknown field inside source is refused too: a misspelt url is never silently dropped', () => {
  // `source: { name: X, ulr: https://... }` passed, and the link to the original vanished without a word.
  const [message, ...rest] = problems({ ...valid, source: { name: 'CASIC', ulr: 'https://example.org/original' } });
  assert.equal(rest.length, 0);
  assert.match(message!, /^source: unknown field\(s\) "ulr".*known fields: name, url/);
});

test('messages show field names and dates from the front matter with control characters escaped, so they cannot act on the terminal', () => {
  // A YAML escape ("\e[2K") puts an ESC into a value without one in the file; the messages printed it as it was.
  for (const message of [
    ...problems({ ...valid, '\u001b[2Kx': 1 }),
    ...problems({ ...valid, source: { name: 'CASIC', '\u001b[1Ay': 1 } }),
    ...problems({ ...valid, '\u009b2J\u202Ez\u001b': 1 }),
    ...checkRawReport('2020/x.md', entry('title: X\ndate: "2020-01-01\\e[2K\\e[1A"\nsource: { name: S }')).problems.map((p) => p.message),
  ]) {
    assert.doesNotMatch(message, /[\u0000-\u001F\u007F-\u009F]/, JSON.stringify(message));
    assert.match(message, /\\u001b/);
  }
});

test('authors: an optional list of names, normalised like people, in the order written; absent is no byline', () => {
  assert.deepEqual(reportSchema.parse(valid).authors, []);
  const data = reportSchema.parse({ ...valid, authors: ['Jane\u00a0Doe', '\u200bJohn  Smith ', '袁洁'] });
  assert.deepEqual(data.authors, ['Jane Doe', 'John Smith', '袁洁']);
  for (const authors of ['Jane Doe', { name: 'Jane Doe' }, [42]]) {
    const [message, ...rest] = problems({ ...valid, authors });
    assert.equal(rest.length, 0, JSON.stringify(authors));
    assert.match(message!, /^authors(\.0)?: "authors" must be (a list|text), for example authors: \[?Jane Doe/, JSON.stringify(authors));
  }
  assert.match(problems({ ...valid, authors: ['Jane Doe', ' '] })[0]!, /^authors\.1: "authors" is blank: write it, for example authors: Jane Doe/);
  // Twice, even written apart (a no-break space), would be "By Jane Doe and Jane Doe".
  assert.deepEqual(problems({ ...valid, authors: ['Jane Doe', 'John Smith', 'Jane\u00a0Doe'] }), ['authors: "authors" lists "Jane Doe" twice: delete one']);
});

test('the known fields, named in a message, list authors after the subtitle, as the importer writes them', () => {
  const [message] = problems({ ...valid, author: ['Jane Doe'] });
  assert.match(message!, /unknown field\(s\) "author".*known fields: title, subtitle, authors, date, source,/);
});
