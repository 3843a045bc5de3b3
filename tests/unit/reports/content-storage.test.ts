import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStoreBound, collectionStorage, needsStoredPartMeasure, SINGLE_FILE_STORE_LIMIT, storedPartBytes } from '../../../src/reports/content-storage.ts';

const report = (frontMatter: string, body: string) => `---\n${frontMatter}\n---\n${body}`;

test('a build keeps one store file while the bound of what its files can put into it fits, however large the bodies', () => {
  // 100,000 reports of 7 KB with 600 bytes of front matter and headings: 700 MB of sources.
  const large = { reports: 100_000, bytes: 700_000_000, storedBytes: 100_000 * 600 };
  assert.equal(collectionStorage('build', large), 'single-file');
  const split = collectionStorage('build', { ...large, storedBytes: 100_000 * 2_000 });
  assert.ok(typeof split === 'object' && split.type === 'chunked' && split.chunkSize > 0, 'front matter heavy enough to pass the limit');
  // `astro dev` keeps the Markdown and the HTML: its store follows the sources.
  assert.deepEqual(collectionStorage('dev', large), split);
  assert.equal(collectionStorage('dev', { reports: 1_000, bytes: 7_000_000 }), 'single-file');
});

test('the files are read for their stored parts only when their whole size cannot decide', () => {
  assert.equal(needsStoredPartMeasure('build', { reports: 1_000, bytes: 7_000_000 }), false);
  assert.equal(needsStoredPartMeasure('build', { reports: 100_000, bytes: 700_000_000 }), true);
  assert.equal(needsStoredPartMeasure('build', { reports: 100_000, bytes: 700_000_000, storedBytes: 1 }), false);
  assert.equal(needsStoredPartMeasure('dev', { reports: 100_000, bytes: 700_000_000 }), false);
  assert.ok(buildStoreBound({ reports: 1, bytes: 10 }) >= 10, 'unmeasured, a whole file counts');
});

test('the limit leaves room under V8\'s limit on a string', () => {
  assert.ok(SINGLE_FILE_STORE_LIMIT < 2 ** 29 - 24);
});

test("a file's stored part is its front matter and the body lines that can become metadata", () => {
  const frontMatter = 'title: A report\ndate: 2020-01-02\nsource: { name: Example }';
  const plain = report(frontMatter, 'A paragraph of text.\n\nAnother one, much longer than the front matter '.repeat(50));
  const frontMatterBytes = Buffer.byteLength(`---\n${frontMatter}\n---\n`);
  assert.equal(storedPartBytes(plain), frontMatterBytes, 'plain paragraphs hold no metadata');
  for (const line of ['## A heading', '<h2>An HTML heading</h2>', '![a photo](photo.jpg)', '[ref]: https://example.org/x.jpg']) {
    assert.ok(storedPartBytes(report(frontMatter, `Text.\n\n${line}\n`)) > frontMatterBytes, line);
  }
  assert.ok(storedPartBytes(report(frontMatter, 'A setext heading\n================\n')) >= frontMatterBytes + 'A setext heading'.length, 'the underlined line counts');
  assert.equal(storedPartBytes('No front matter at all.\n'), 0);
});
