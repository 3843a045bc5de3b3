/**
 * `updates:` in front matter: corrections and updates are checked as strictly as the rest of a
 * report (real days, read as the text written; a kind the site knows; a note that feeds can
 * carry), because each is published on the page, in JSON-LD, feeds and the sitemap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { describeIssues, LIMITS, reportSchema } from '../../../src/reports/schema.ts';
import { checkRawReport } from '../../../src/reports/raw-report-check.ts';

const valid = { title: 'A report', date: '2020-07-31', source: { name: 'CASIC' } };
const correction = { date: '2020-08-02', kind: 'correction', note: 'An earlier version gave the wrong year.' };

function problems(data: unknown): string[] {
  const result = reportSchema.safeParse(data);
  return result.success ? [] : describeIssues(result.error);
}

test('updates are optional, and kept as written (messages name entries by their place in the file)', () => {
  assert.deepEqual(reportSchema.parse(valid).updates, []);
  const data = reportSchema.parse({
    ...valid,
    updates: [
      { date: '2020-09-01', kind: 'update', note: '  Figures for August added. ' },
      correction,
      { date: '2020-08-02', kind: 'update', note: 'Same day, written second.' },
    ],
  });
  assert.deepEqual(
    data.updates.map((u) => [u.date.toISOString().slice(0, 10), u.kind, u.note]),
    [
      ['2020-09-01', 'update', 'Figures for August added.'],
      ['2020-08-02', 'correction', correction.note],
      ['2020-08-02', 'update', 'Same day, written second.'],
    ],
  );
  // Warm builds validate the stored output again: it must pass unchanged.
  assert.deepEqual(reportSchema.parse(data), data);
});

test('an update on the day of the report is fine; one dated before it is refused, naming the entry', () => {
  assert.deepEqual(problems({ ...valid, updates: [{ ...correction, date: '2020-07-31' }] }), []);
  const [message, ...rest] = problems({ ...valid, updates: [correction, { ...correction, date: '2020-07-30' }] });
  assert.equal(rest.length, 0);
  assert.match(message!, /^updates\.1\.date: the correction of 2020-07-30 is dated before the report \(2020-07-31\)/);
});

test('each field of an update is checked, naming the field and the fix', () => {
  const cases: [unknown, RegExp][] = [
    [{ ...correction, date: '2020-02-30' }, /^updates\.0\.date: .*real calendar day written YYYY-MM-DD \(got "2020-02-30"\)/],
    [{ ...correction, date: '2 August 2020' }, /^updates\.0\.date: .*YYYY-MM-DD/],
    [{ kind: 'correction', note: 'n' }, /^updates\.0\.date: "updates\.date" is missing/],
    [{ ...correction, kind: 'erratum' }, /^updates\.0\.kind: .*correction or update \(got "erratum"\)/],
    [{ ...correction, kind: undefined }, /^updates\.0\.kind: /],
    [{ ...correction, note: '   ' }, /^updates\.0\.note: "updates\.note" is blank/],
    [{ ...correction, note: undefined }, /^updates\.0\.note: /],
    [{ ...correction, note: 'Wrong\u001Bfigure' }, /^updates\.0\.note: .*U\+001B.*feeds cannot carry/],
    [{ ...correction, note: 'x'.repeat(LIMITS.note + 1) }, new RegExp(`^updates\\.0\\.note: .*longer than ${LIMITS.note}`)],
    [{ ...correction, text: 'typo' }, /^updates\.0: unknown field\(s\) "text" in an update: each update has date, kind and note/],
    ['2020-08-02', /^updates\.0: each update must be a mapping of date, kind and note/],
  ];
  for (const [update, expected] of cases) {
    const found = problems({ ...valid, updates: [update] });
    assert.equal(found.length, 1, `${JSON.stringify(update)}: ${found.join(' | ')}`);
    assert.match(found[0]!, expected);
  }
  assert.match(problems({ ...valid, updates: correction })[0]!, /^updates: "updates" must be a list/);
  const many = Array.from({ length: LIMITS.updates + 1 }, () => correction);
  assert.match(problems({ ...valid, updates: many })[0]!, new RegExp(`^updates: "updates" lists more than ${LIMITS.updates}`));
  assert.deepEqual(problems({ ...valid, updates: many.slice(1) }), []);
});

const entry = (frontmatter: string) => `---\ntitle: X\ndate: 2020-07-31\nsource: { name: S }\n${frontmatter}\n---\n\nBody.\n`;

test('raw check: an impossible update date is refused however YAML spells it, never rolled over', () => {
  const spellings = [
    'updates: [{ date: 2020-02-30, kind: correction, note: n }]',
    'updates:\n  - date: "2020-02-30"\n    kind: correction\n    note: n',
    'updates:\n  - date: !!timestamp 2020-02-30\n    kind: correction\n    note: n',
    'd: &d 2020-02-30\nupdates: [{ date: *d, kind: correction, note: n }]',
    'u: &u { date: 2020-02-30, kind: correction }\nupdates: [{ <<: *u, note: n }]',
  ];
  for (const spelling of spellings) {
    const text = entry(spelling);
    // What Astro would publish from the unquoted spellings: 1 March.
    const astro = parseFrontmatter(text).frontmatter as { updates: { date: unknown }[] };
    if (!spelling.includes('"')) assert.ok(astro.updates[0]!.date instanceof Date, spelling);
    const found = checkRawReport('2020/x.md', text).problems;
    assert.equal(found.length, 1, `${spelling}: ${JSON.stringify(found)}`);
    assert.equal(found[0]!.field, 'updates.0.date');
    assert.match(found[0]!.message, /"2020-02-30" is not a real calendar day/);
  }
  assert.deepEqual(checkRawReport('2020/x.md', entry('updates: [{ date: 2020-02-29, kind: correction, note: n }]')).problems, []);
  // The second entry is named by its place in the list.
  const second = checkRawReport('2020/x.md', entry('updates:\n  - { date: 2020-08-01, kind: update, note: n }\n  - { date: 2020-13-01, kind: update, note: n }'));
  assert.deepEqual(second.problems.map((p) => p.field), ['updates.1.date']);
});
