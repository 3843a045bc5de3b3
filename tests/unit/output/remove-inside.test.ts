/**
 * Every file the build deletes from its output folder goes through removeInside: it removes what
 * is inside the folder and refuses paths that leave it or pass through a symlink, so a symlink in
 * the output folder never leads to deleting anything outside it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OutsideOutputFolder, removeInside } from '../../../src/output/remove-inside.ts';
import { filesUnder } from '../../../src/output/files-under.ts';

let scratch: string;
let site: string;
let precious: string;

before(async () => {
  scratch = realpathSync(await mkdtemp(path.join(os.tmpdir(), 'remove-inside-')));
  site = path.join(scratch, 'dist');
  precious = path.join(scratch, 'precious');
  await mkdir(path.join(site, 'news', '2020'), { recursive: true });
  await mkdir(precious, { recursive: true });
  await writeFile(path.join(precious, 'thesis.txt'), 'years of work');
  await writeFile(path.join(site, 'news', '2020', 'old.html'), 'stale');
  await writeFile(path.join(site, 'index.html'), 'home');
  await symlink(precious, path.join(site, 'linked-folder'));
  await symlink(path.join(precious, 'thesis.txt'), path.join(site, 'linked-file.txt'));
  await mkdir(path.join(site, 'folder-with-link'));
  await symlink(precious, path.join(site, 'folder-with-link', 'inner'));
});
after(() => rm(scratch, { recursive: true, force: true }));

test('removes files and folders inside the output folder', async () => {
  await removeInside(site, 'news/2020/old.html');
  assert.equal(existsSync(path.join(site, 'news/2020/old.html')), false);
  await removeInside(site, 'news/2020/missing.html'); // nothing there: nothing to do
  await removeInside(site, 'nowhere/deeper/file.html');
  assert.equal(existsSync(path.join(site, 'index.html')), true);
});

test('refuses paths that leave the folder', async () => {
  for (const relative of ['../precious/thesis.txt', 'news/../../precious/thesis.txt', '/etc/passwd', '', '.', 'news//x']) {
    await assert.rejects(removeInside(site, relative, { recursive: true }), OutsideOutputFolder, relative);
  }
  assert.equal(existsSync(path.join(precious, 'thesis.txt')), true);
});

test('never deletes through a symlink: a path through a linked folder is refused, a link itself is removed as a link', async () => {
  await assert.rejects(removeInside(site, 'linked-folder/thesis.txt'), /linked-folder is a symlink/);
  assert.equal(existsSync(path.join(precious, 'thesis.txt')), true);
  await removeInside(site, 'linked-file.txt');
  assert.equal(existsSync(path.join(site, 'linked-file.txt')), false);
  assert.equal(existsSync(path.join(precious, 'thesis.txt')), true, 'the target of a removed link stays');
  await removeInside(site, 'linked-folder', { recursive: true });
  assert.equal(existsSync(path.join(site, 'linked-folder')), false);
  assert.equal(existsSync(path.join(precious, 'thesis.txt')), true);
  // A folder removed whole does not follow the links inside it either.
  await removeInside(site, 'folder-with-link', { recursive: true });
  assert.equal(existsSync(path.join(site, 'folder-with-link')), false);
  assert.equal(existsSync(path.join(precious, 'thesis.txt')), true);
});

test('the folder walk that lists files to prune does not descend into linked folders', async () => {
  const other = path.join(scratch, 'walk');
  await mkdir(other);
  await writeFile(path.join(other, 'page.html'), 'x');
  await symlink(precious, path.join(other, 'link'));
  assert.deepEqual((await filesUnder(other)).sort(), ['link', 'page.html']);
});
