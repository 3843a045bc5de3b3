import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archiveFingerprint, reportFileCacheKey, reportPageCacheKey, type KeyedReport, listingPageCacheKey } from '../../../src/output/cache/page-cache-key.ts';

const archive: KeyedReport[] = [
  { id: '2020/a', digest: 'd-a', data: { title: 'A', date: new Date('2020-01-02'), topics: ['Energy'] } },
  { id: '2020/b', digest: 'd-b', data: { title: 'B', date: new Date('2020-03-04'), topics: [] } },
];
const keys = (reports: KeyedReport[]) => {
  const fingerprint = archiveFingerprint(reports);
  return reports.map((r) => reportPageCacheKey(r, fingerprint));
};

test('editing one report body changes only that page key', () => {
  const [a, b] = keys(archive);
  const [a2, b2] = keys([archive[0]!, { ...archive[1]!, digest: 'd-b-edited' }]);
  assert.equal(a2, a);
  assert.notEqual(b2, b);
});

test('a change to any report front matter, or a new report, changes every page key', () => {
  const before = keys(archive);
  const retitled = keys([{ ...archive[0]!, data: { ...(archive[0]!.data as object), title: 'A, corrected' } }, archive[1]!]);
  const added = keys([...archive, { id: '2021/c', digest: 'd-c', data: { title: 'C' } }]);
  assert.ok(retitled.every((key, i) => key !== before[i]));
  assert.ok(added.slice(0, 2).every((key, i) => key !== before[i]));
});

test('a body rendered by a new version of the Markdown pipeline changes its page key (an upgrade that changes the HTML republishes the page)', () => {
  const fingerprint = archiveFingerprint(archive);
  const at = (renderVersion: number) => reportPageCacheKey({ ...archive[0]!, rendered: { metadata: { renderVersion } } }, fingerprint);
  assert.equal(at(6), at(6));
  assert.notEqual(at(6), at(7));
  // The fingerprint of the pipeline's code and settings, which a code change alters without a version bump.
  const built = (pipeline: string) => reportPageCacheKey({ ...archive[0]!, rendered: { metadata: { renderVersion: 7, pipeline } } }, fingerprint);
  assert.equal(built('a1'), built('a1'));
  assert.notEqual(built('a1'), built('b2'));
});

test('a report without a digest is never reused', () => {
  assert.equal(reportPageCacheKey({ id: 'x', data: {} }, archiveFingerprint([])), undefined);
});

test("a report's own files change with its file only, not with the rest of the archive", () => {
  assert.equal(reportFileCacheKey({ id: '2020/a', digest: 'abc', data: { title: 'A' } }), 'abc');
  assert.equal(reportFileCacheKey({ id: '2020/a', digest: 'abc', data: { title: 'Retitled' } }), 'abc');
  assert.notEqual(reportFileCacheKey({ id: '2020/a', digest: 'abd', data: {} }), 'abc');
  assert.equal(reportFileCacheKey({ id: '2020/a', data: {} }), undefined);
});

test('a correction added to a report re-renders its page: the key covers its own front matter, not just its file', () => {
  const [a] = keys(archive);
  const corrected = { ...archive[0]!, data: { ...(archive[0]!.data as object), updates: [{ date: new Date('2020-02-01'), kind: 'correction', note: 'n' }] } };
  const [a2] = keys([corrected, archive[1]!]);
  assert.notEqual(a2, a, 'same digest, new updates: a new key');
  const reworded = { ...corrected, data: { ...corrected.data, updates: [{ ...corrected.data.updates[0]!, note: 'n, reworded' }] } };
  assert.notEqual(keys([reworded, archive[1]!])[0], a2);
});

test('a listing page keeps its key when a listed report’s body changes, and gets another when what it shows changes', () => {
  const entry = (id: string, title: string, digest: string) => ({
    id,
    collection: 'reports',
    digest,
    filePath: `content/news/${id}.md`,
    data: { title, date: new Date('2020-01-02'), topics: ['Energy'] },
    rendered: { html: '', metadata: { words: 3, htmlKey: digest } },
  });
  const page = (items: unknown[], number = 1) => ({ items, number, total: 2, path: 'news/', next: 'news/page/2/' });
  const key = listingPageCacheKey([page([entry('2020/a', 'A', 'd1'), entry('2020/b', 'B', 'd2')]), 40]);
  assert.equal(listingPageCacheKey([page([entry('2020/a', 'A', 'd1-edited'), entry('2020/b', 'B', 'd2')]), 40]), key, 'a body edit');
  assert.notEqual(listingPageCacheKey([page([entry('2020/a', 'A, retitled', 'd1'), entry('2020/b', 'B', 'd2')]), 40]), key, 'a new title');
  assert.notEqual(listingPageCacheKey([page([entry('2020/b', 'B', 'd2'), entry('2020/a', 'A', 'd1')]), 40]), key, 'another order');
  assert.notEqual(listingPageCacheKey([page([entry('2020/a', 'A', 'd1'), entry('2020/b', 'B', 'd2')], 2), 40]), key, 'another page number');
  assert.notEqual(listingPageCacheKey([page([entry('2020/a', 'A', 'd1'), entry('2020/b', 'B', 'd2')]), 41]), key, 'another count');
});
