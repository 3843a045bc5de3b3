import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { filesUnder, symlinksUnder } from '../../../src/output/files-under.ts';

test('every file under a folder, relative with forward slashes, however the folder is written', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'files-under-'));
  try {
    for (const file of ['index.html', 'news/2020/a/index.html', 'news/2020/a.bib', '_astro/x.css', 'skip/me.txt']) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), 'x');
    }
    await symlink(path.join(dir, 'index.html'), path.join(dir, 'news/link.html'));
    const expected = ['_astro/x.css', 'index.html', 'news/2020/a.bib', 'news/2020/a/index.html', 'news/link.html'];
    for (const written of [dir, `${dir}${path.sep}`, path.join(dir, 'news', '..')]) {
      assert.deepEqual((await filesUnder(written, new Set(['skip']))).sort(), expected, written);
      assert.deepEqual(await symlinksUnder(written), ['news/link.html'], written);
    }
    assert.deepEqual((await filesUnder(path.join(dir, 'news'))).sort(), ['2020/a.bib', '2020/a/index.html', 'link.html']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every file under a folder, nested ones too, sorted, without the top-level folders it is told to skip', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'files-under-sorted-'));
  for (const file of ['index.html', 'news/2020/a/index.html', 'news/2020/a.md', 'pagefind/2020-2024/pagefind-entry.json', 'pagefind/pagefind.js', '.nojekyll']) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), file);
  }
  await mkdir(path.join(dir, 'empty'), { recursive: true });
  try {
    assert.deepEqual(await filesUnder(dir), [
      '.nojekyll', 'index.html', 'news/2020/a.md', 'news/2020/a/index.html', 'pagefind/2020-2024/pagefind-entry.json', 'pagefind/pagefind.js',
    ]);
    assert.deepEqual(await filesUnder(dir, new Set(['pagefind'])), ['.nojekyll', 'index.html', 'news/2020/a.md', 'news/2020/a/index.html']);
    assert.deepEqual(await filesUnder(path.join(dir, 'missing')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
