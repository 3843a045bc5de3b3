import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pageDigests } from '../../../src/search/build/page-digests.ts';
import { stampFile } from '../../../src/output/up-to-date/file-stamps.ts';

const page = (title: string, chrome = 'nav') => `<html lang="en"><body><${chrome}>menu</${chrome}><article data-pagefind-body><h1>${title}</h1></article></body></html>`;

function site(): { dir: string; write: (p: string, html: string) => void; digests: (previous: unknown) => ReturnType<typeof pageDigests>; done: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'page-digests-'));
  return {
    dir,
    write: (p, html) => {
      mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      writeFileSync(path.join(dir, p), html);
    },
    digests: (previous) => pageDigests(previous, (p) => stampFile(path.join(dir, p)), (p) => readFileSync(path.join(dir, p), 'utf8')),
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

test('a page whose stat stamp is unchanged is not read again, and keeps its digest', () => {
  const s = site();
  try {
    s.write('news/2020/a/index.html', page('A'));
    s.write('news/2020/b/index.html', page('B'));
    const first = s.digests(undefined);
    const a = first.digest('news/2020/a/index.html');
    const b = first.digest('news/2020/b/index.html');
    assert.notEqual(a, b);
    assert.equal(first.read, 2);
    const kept = JSON.parse(JSON.stringify(first.toCache()));

    const second = s.digests(kept);
    assert.equal(second.digest('news/2020/a/index.html'), a);
    assert.equal(second.digest('news/2020/b/index.html'), b);
    assert.equal(second.read, 0, 'both vouched for by their stamps');

    s.write('news/2020/b/index.html', page('B, corrected'));
    const third = s.digests(JSON.parse(JSON.stringify(second.toCache())));
    assert.equal(third.digest('news/2020/a/index.html'), a);
    const changed = third.digest('news/2020/b/index.html');
    assert.notEqual(changed, b, 'a rewritten page is read and digested again');
    assert.equal(third.read, 1);
  } finally {
    s.done();
  }
});

test('the digest covers the indexed part only, a missing page is "missing", and an unreadable cache reads every page', () => {
  const s = site();
  try {
    s.write('news/2020/a/index.html', page('A'));
    s.write('news/2020/b/index.html', page('A', 'header'));
    const first = s.digests({ format: 1, pages: 'damaged' });
    assert.equal(first.digest('news/2020/a/index.html'), first.digest('news/2020/b/index.html'), 'the page around the article does not count');
    assert.equal(first.digest('news/2020/gone/index.html'), 'missing');
    assert.equal(first.read, 2);
    assert.deepEqual(Object.keys(first.toCache().pages).sort(), ['news/2020/a/index.html', 'news/2020/b/index.html']);
  } finally {
    s.done();
  }
});
