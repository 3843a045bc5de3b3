/**
 * A wrong archive must never be published: each of these builds must fail, naming the file,
 * the field and the fix, and exit non-zero.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';

const good = report('title: Good report\ndate: 2020-01-02\nsource: { name: Example }');

async function failingBuild(name: string, files: Record<string, string>): Promise<string> {
  const contentDir = await writeArchive(name, files);
  const result = await build({ contentDir, outDir: path.join(TMP, 'builds', `error-${name}`) });
  assert.notEqual(result.code, 0, `the build of ${name} should fail:\n${result.output.slice(-2000)}`);
  return result.output;
}

test('a blank title fails the build, naming the file and the field', async () => {
  const output = await failingBuild('blank-title', {
    '2020/good.md': good,
    '2020/untitled.md': report('title: "  "\ndate: 2020-01-03\nsource: { name: Example }'),
  });
  assert.match(output, /untitled/);
  assert.match(output, /"title" is blank: write it/);
});

test('an impossible date fails the build instead of becoming another day', async () => {
  const output = await failingBuild('impossible-date', {
    '2018/good.md': report('title: Good\ndate: 2018-02-01\nsource: { name: Example }'),
    '2018/bad-date.md': report('title: Bad date\ndate: 2018-02-30\nsource: { name: Example }'),
  });
  assert.match(output, /2018\/bad-date\.md: date: "2018-02-30" is not a real calendar day/);
});

test('two files that would share a URL fail the build', async () => {
  const output = await failingBuild('same-url', {
    '2020/annual-report.md': good,
    '2020/Annual-Report.md': good,
  });
  assert.match(output, /2020\/Annual-Report\.md: \(file name\): .*rename it to annual-report\.md/);
});

test('a report outside a year folder, unknown fields, and a missing source fail the build', async () => {
  const output = await failingBuild('misplaced', {
    '2020/good.md': good,
    'loose.md': good,
  });
  assert.match(output, /loose\.md: \(file name\): reports live at <year>\/<slug>\.md/);
  const fields = await failingBuild('unknown-field', {
    '2020/typo.md': report('title: Typo\ndate: 2020-01-02\nsource: { name: Example }\ntopic: [Aerospace]'),
  });
  assert.match(fields, /typo/);
  assert.match(fields, /unknown field\(s\) "topic"/);
});

test('a content folder that is missing or empty fails the build instead of publishing nothing', async () => {
  const missing = await build({ contentDir: path.join(TMP, 'archives', 'does-not-exist'), outDir: path.join(TMP, 'builds', 'error-missing') });
  assert.notEqual(missing.code, 0);
  assert.match(missing.output, /does-not-exist does not exist/);
  const empty = await failingBuild('empty', { 'README.txt': 'no reports here' });
  assert.match(empty, /No reports found/);
});
