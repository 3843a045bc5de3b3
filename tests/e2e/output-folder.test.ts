/**
 * The build never deletes what it did not write. Real builds, pointed at folders where a mistake
 * costs only scratch files: a folder holding someone's file, the folder of reports, a symlink in
 * the output leading out of it, and settings refused before anything is written. (The project
 * folder, `..` and the home folder are refused by the same check, tested on the check itself in
 * tests/unit/output/output-folder.test.ts: a regression here must not be able to delete the checkout.)
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { cp, link, mkdir, readdir, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';
import { markerNamesFolder, OUTPUT_MARKER } from '../../src/output/output-folder.ts';

const SCRATCH = path.join(TMP, 'output-folder');
let contentDir: string;

const files = {
  '2020/first.md': report('title: First report\ndate: 2020-01-02\nsource: { name: Example }', 'The first body.'),
  '2021/second.md': report('title: Second report\ndate: 2021-02-03\nsource: { name: Example }', 'The second body.'),
};

before(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
  await mkdir(SCRATCH, { recursive: true });
  contentDir = await writeArchive('output-folder', files);
});

/** A folder of someone's files that must survive any build pointed at it. */
async function preciousFolder(name: string): Promise<string> {
  const dir = path.join(SCRATCH, name);
  await mkdir(path.join(dir, 'chapters'), { recursive: true });
  await writeFile(path.join(dir, 'thesis.txt'), 'years of work\n');
  await writeFile(path.join(dir, 'chapters', 'one.txt'), 'chapter one\n');
  return dir;
}

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

test('a folder holding files the build did not write is refused, and nothing in it is touched', async () => {
  const dir = await preciousFolder('precious');
  const before = await listing(dir);
  const result = await build({ contentDir, outDir: dir });
  assert.notEqual(result.code, 0, result.output.slice(-2000));
  assert.match(result.output, /ARCHIVE_OUT_DIR: the output folder .*precious\/? is not empty \(chapters, thesis\.txt\) and has no \.news-archive-output file/);
  assert.match(result.output, /Empty the folder yourself if nothing in it is needed \(dot-files too; .*\), or set ARCHIVE_OUT_DIR to another folder/);
  assert.deepEqual(await listing(dir), before, 'nothing deleted, nothing added');
  assert.equal(await readFile(path.join(dir, 'thesis.txt'), 'utf8'), 'years of work\n');

  const file = path.join(dir, 'thesis.txt');
  const onFile = await build({ contentDir, outDir: file });
  assert.notEqual(onFile.code, 0);
  assert.match(onFile.output, /ARCHIVE_OUT_DIR=.*thesis\.txt: .*thesis\.txt is a file, not a folder/);
  assert.equal(await readFile(file, 'utf8'), 'years of work\n');
});

test('a published site cloned back to where it was built, with files its owner added, is refused, and they stay', async () => {
  // GitHub Pages and CI runners: the output is published as a repository, then cloned again at
  // the same path, marker and all, holding a CNAME the owner added on the host.
  const outDir = path.join(SCRATCH, 'published');
  const built = await build({ contentDir, outDir });
  assert.equal(built.code, 0, built.output.slice(-3000));
  const clone = path.join(SCRATCH, 'published-clone');
  await rm(clone, { recursive: true, force: true });
  await cp(outDir, clone, { recursive: true });
  await rm(outDir, { recursive: true });
  await rename(clone, outDir);
  await writeFile(path.join(outDir, 'CNAME'), 'news.example.org\n');
  const before = await listing(outDir);
  const result = await build({ contentDir, outDir });
  assert.notEqual(result.code, 0, result.output.slice(-2000));
  assert.match(result.output, /written into an earlier folder at this path, since deleted or replaced/);
  assert.match(result.output, /Put any file the site needs in public\//);
  assert.deepEqual(await listing(outDir), before, 'nothing deleted, nothing added');
  assert.equal(await readFile(path.join(outDir, 'CNAME'), 'utf8'), 'news.example.org\n');
});

test('the folder of reports as output is refused before the build starts, and every report stays', async () => {
  for (const outDir of [contentDir, path.join(contentDir, '2020'), path.dirname(contentDir)]) {
    const result = await build({ contentDir, outDir });
    assert.notEqual(result.code, 0, result.output.slice(-2000));
    assert.match(result.output, /ARCHIVE_OUT_DIR=.* (the|inside the) folder of reports \(ARCHIVE_CONTENT_DIR|a folder containing the reports/, outDir);
    assert.doesNotMatch(result.output, /Syncing content|Building static entrypoints/, 'refused before Astro did anything');
  }
  for (const [file, contents] of Object.entries(files)) assert.equal(await readFile(path.join(contentDir, file), 'utf8'), contents);
  assert.deepEqual(await listing(contentDir), ['2020', '2020/first.md', '2021', '2021/second.md']);
});

test('a wrong BASE_PATH or SITE_URL stops the build before anything is written', async () => {
  const outDir = path.join(SCRATCH, 'never-written');
  for (const env of [{ base: '..' }, { base: '/a b/' }, { base: '/a"b/' }, { base: '/archive/\n/*' }, { siteUrl: 'https://example.org/sub/path' }]) {
    const result = await build({ contentDir, outDir, ...env });
    assert.notEqual(result.code, 0, result.output.slice(-2000));
    assert.match(result.output, env.base !== undefined ? /BASE_PATH=.* e\.g\. BASE_PATH=\/archive\// : /SITE_URL=.* has a path .* BASE_PATH=\/sub\/path\//, JSON.stringify(env));
    assert.ok(result.output.split('\n').length < 40, `a short message, not hundreds of lines:\n${result.output}`);
    assert.equal(existsSync(outDir), false, `${JSON.stringify(env)}: nothing written`);
  }
});

test('a folder the build wrote carries its marker, is kept and pruned; without the marker it is refused', async () => {
  const outDir = path.join(SCRATCH, 'own');
  const first = await build({ contentDir, outDir });
  assert.equal(first.code, 0, first.output.slice(-3000));
  assert.ok(markerNamesFolder(await readFile(path.join(outDir, OUTPUT_MARKER), 'utf8'), realpathSync(outDir), statSync(outDir, { bigint: true })), 'the marker names this folder');
  assert.ok(existsSync(path.join(outDir, 'news/2020/first/index.html')));

  // Symlinks in the output leading out of it, some where the build writes (the home page, a
  // year's folder): removed as links before anything is written, never written through or followed.
  const outside = await preciousFolder('outside');
  await symlink(outside, path.join(outDir, 'news', 'linked-folder'));
  await symlink(path.join(outside, 'thesis.txt'), path.join(outDir, 'linked-file.txt'));
  await rm(path.join(outDir, 'index.html'));
  await symlink(path.join(outside, 'thesis.txt'), path.join(outDir, 'index.html'));
  await rm(path.join(outDir, 'news', '2021'), { recursive: true });
  await symlink(path.join(outside, 'chapters'), path.join(outDir, 'news', '2021'));
  await writeFile(path.join(outDir, 'news', '2020', 'stale.html'), 'an earlier build\'s page');
  // A hard link shares the file itself: a snapshot made with `cp -al dist snapshot`, or a file
  // linked in from elsewhere, would be overwritten in place by the build's writes.
  await mkdir(path.join(outside, 'snapshot'), { recursive: true });
  await link(path.join(outDir, 'news', '2020', 'first', 'index.html'), path.join(outside, 'snapshot', 'first.html'));
  const snapshot = await readFile(path.join(outside, 'snapshot', 'first.html'), 'utf8');
  await writeFile(path.join(contentDir, '2020', 'first.md'), files['2020/first.md'].replace('The first body.', 'The first body, edited.'));
  const second = await build({ contentDir, outDir });
  await writeFile(path.join(contentDir, '2020', 'first.md'), files['2020/first.md']);
  assert.equal(second.code, 0, second.output.slice(-3000));
  assert.match(second.output, /removed 4 symlink\(s\) from the output folder/);
  assert.match(second.output, /removed 1 file\(s\) of earlier builds/);
  for (const gone of ['news/linked-folder', 'linked-file.txt', 'news/2020/stale.html']) assert.equal(existsSync(path.join(outDir, gone)), false, gone);
  assert.match(await readFile(path.join(outDir, 'news/2020/first/index.html'), 'utf8'), /The first body, edited\./);
  assert.equal(await readFile(path.join(outside, 'snapshot', 'first.html'), 'utf8'), snapshot, 'the hard-linked copy is not written through');
  assert.match(second.output, /made 1 hard-linked file\(s\) in the output folder its own/);
  await rm(path.join(outside, 'snapshot'), { recursive: true });
  assert.deepEqual(await listing(outside), ['chapters', 'chapters/one.txt', 'thesis.txt'], 'nothing written into or deleted from where the links pointed');
  assert.equal(await readFile(path.join(outside, 'thesis.txt'), 'utf8'), 'years of work\n');
  assert.match(await readFile(path.join(outDir, 'index.html'), 'utf8'), /^<!DOCTYPE html>/, 'the home page is a real file again');
  assert.match(await readFile(path.join(outDir, 'news/2021/second/index.html'), 'utf8'), /The second body\./, 'the year is a real folder again');
  assert.ok(existsSync(path.join(outDir, OUTPUT_MARKER)), 'the marker is not pruned');

  await unlink(path.join(outDir, OUTPUT_MARKER));
  const unmarked = await build({ contentDir, outDir });
  assert.notEqual(unmarked.code, 0);
  assert.match(unmarked.output, /is not empty .* has no \.news-archive-output file/);
  assert.ok(existsSync(path.join(outDir, 'news/2020/first/index.html')), 'an unmarked folder is left as it is');
});
