/**
 * The build checks its own output: a site with a broken internal link is not published. (The
 * listing, sitemap, index and feed checks are unit-tested in tests/unit/checks/completeness.test.ts; a
 * correct build cannot be made to drop a report, which is the point.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';

test('a report linking to a page the site does not have fails the build, naming page and link', async () => {
  const contentDir = await writeArchive('broken-internal-link', {
    '2020/good.md': report('title: Good report\ndate: 2020-01-02\nsource: { name: Example }', 'See [the other one](/archive/news/2020/missing/).'),
    '2020/other.md': report('title: Other\ndate: 2020-01-03\nsource: { name: Example }', 'An [external link](https://example.org/) is fine.'),
  });
  const result = await build({ contentDir, base: '/archive/', outDir: path.join(TMP, 'builds', 'error-broken-internal-link') });
  assert.notEqual(result.code, 0, result.output.slice(-2000));
  assert.match(result.output, /1 broken internal link\(s\)/);
  assert.match(result.output, /news\/2020\/good\/index\.html: \/archive\/news\/2020\/missing\/ \(no file news\/2020\/missing\/index\.html\)/);
});

test('a correct build reports what it proved', async () => {
  const contentDir = await writeArchive('complete-small', {
    '2020/good.md': report('title: Good report\ndate: 2020-01-02\nsource: { name: Example }\ntopics: [Energy]'),
    '2021/other.md': report('title: Other\ndate: 2021-01-03\nsource: { name: Example }', 'Links to [the good one](/news/2020/good/).'),
  });
  const result = await build({ contentDir, siteUrl: 'https://example.org', outDir: path.join(TMP, 'builds', 'complete-small') });
  assert.equal(result.code, 0, result.output.slice(-2000));
  assert.match(result.output, /completeness: 2 reports listed, indexed and fed; \d+ pages' links whole/);
  assert.match(result.output, /search index: 2 records/);
});
