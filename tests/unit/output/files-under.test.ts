import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filesUnder } from '../../../src/output/files-under.ts';
import { TMP } from '../../support/paths.ts';

test('every file under a folder, nested ones too, sorted, without the top-level folders it is told to skip', async () => {
  const dir = path.join(TMP, 'unit-files-under');
  await rm(dir, { recursive: true, force: true });
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
