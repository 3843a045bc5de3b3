import { test } from 'node:test';
import assert from 'node:assert/strict';
import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { filesUnder, linksUnder, symlinksUnder } from '../../../src/output/files-under.ts';

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

test('the links that would make a build write outside its own files: symlinks, and files with other hard links', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'links-under-'));
  const outside = await mkdtemp(path.join(tmpdir(), 'links-under-outside-'));
  try {
    for (const file of ['index.html', 'news/2020/a/index.html', 'news/2020/a.md', '.git/objects/x']) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), file);
    }
    await writeFile(path.join(outside, 'thesis.txt'), 'not the build\'s');
    await link(path.join(outside, 'thesis.txt'), path.join(dir, 'news/2020/a.bib'));
    await link(path.join(dir, '.git/objects/x'), path.join(outside, 'y'));
    await symlink(outside, path.join(dir, 'news/linked-folder'));
    await symlink(path.join(outside, 'thesis.txt'), path.join(dir, 'linked.txt'));
    const found = linksUnder(dir, new Set(['.git']));
    assert.deepEqual(found.symlinks.sort(), ['linked.txt', 'news/linked-folder']);
    assert.deepEqual(found.hardLinked, ['news/2020/a.bib'], 'a linked folder is not entered, and .git is left alone');
    assert.deepEqual(linksUnder(path.join(dir, 'missing')), { symlinks: [], hardLinked: [] });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});
