/**
 * The output folder the build empties and prunes may never be a place the project or the user
 * needs, however it is spelt (relative, absolute, through a symlink), and a non-empty folder is
 * only used when an earlier build marked it as its own. Checked on real folders in a scratch tree
 * laid out like a project inside a home folder; nothing is built or deleted here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { folderInstance, outputFolderProblem, outputMarkerContent, ownershipProblem, OUTPUT_MARKER, realPathOf } from '../../../src/output/output-folder.ts';
import { markOutputFolder } from '../../../src/output/mark-output-folder.ts';
import { contentLinks } from '../../../src/reports/content-dir.ts';
import { buildSettings } from '../../../src/settings/build-settings.ts';
import { ConfigError } from '../../../src/urls/url-settings.ts';

let scratch: string;
let home: string;
let root: string;
let contentDir: string;

before(async () => {
  scratch = realpathSync(await mkdtemp(path.join(os.tmpdir(), 'output-folder-')));
  home = path.join(scratch, 'home', 'editor');
  root = path.join(home, 'projects', 'archive');
  contentDir = path.join(root, 'content', 'news');
  for (const folder of ['src', 'public', 'node_modules/.astro', '.git', 'content/news/2020', 'build']) await mkdir(path.join(root, folder), { recursive: true });
  await mkdir(path.join(home, 'elsewhere'), { recursive: true });
  await symlink(root, path.join(home, 'link-to-project'));
  await symlink(path.join(root, 'src'), path.join(home, 'elsewhere', 'link-to-src'));
  await symlink(path.join(home, 'elsewhere'), path.join(root, 'build', 'link-out'));
});
after(() => rm(scratch, { recursive: true, force: true }));

const problem = (outDir: string, content = contentDir) =>
  outputFolderProblem(outDir, { root, home, contentDir: content }, (p) => realpathSync.native(p), existsSync);

test('the file-system root, the home folder and any folder containing it are refused', () => {
  assert.match(problem('/')!, /^ARCHIVE_OUT_DIR=\/ is \/, the root of the file system\./);
  assert.match(problem(home)!, /your home folder/);
  assert.match(problem(path.dirname(home))!, /a folder containing your home folder/);
});

test('the project folder and every folder above it are refused, however spelt', () => {
  for (const outDir of ['.', './', root, `${root}/`, 'src/..', `../archive`]) {
    assert.match(problem(outDir)!, /the project folder\. The build deletes every file in its output folder/, outDir);
  }
  assert.match(problem('..')!, /a folder containing the project/);
  assert.match(problem('../..')!, /your home folder/, 'the home folder is named first: it holds more than the project');
  assert.match(problem(path.join(home, 'link-to-project'))!, /through a symlink\), the project folder/);
});

test("the project's src/, public/, node_modules/ and .git/ are refused, and anything inside them", () => {
  for (const folder of ['src', 'public', 'node_modules', '.git']) {
    assert.match(problem(folder)!, new RegExp(`the project's ${folder.replace('.', '\\.')}/ folder`));
    assert.match(problem(`${folder}/site`)!, new RegExp(`inside the project's ${folder.replace('.', '\\.')}/ folder`));
  }
  assert.match(problem('node_modules/.astro/dist')!, /inside the project's node_modules\/ folder/);
  assert.match(problem(path.join(home, 'elsewhere', 'link-to-src', 'out'))!, /through a symlink\), inside the project's src\/ folder/);
});

test('the folder of reports, any folder inside it and any folder containing it are refused', () => {
  assert.match(problem('content/news')!, /the folder of reports \(ARCHIVE_CONTENT_DIR/);
  assert.match(problem('content/news/2020')!, /inside the folder of reports/);
  assert.match(problem('content')!, /a folder containing the reports/);
  const elsewhere = path.join(home, 'elsewhere', 'reports');
  assert.match(problem(path.join(home, 'elsewhere'), elsewhere)!, /a folder containing the reports/, 'ARCHIVE_CONTENT_DIR outside the project');
});

test('a folder of its own is accepted: the default, another folder in the project, one elsewhere, one not made yet', () => {
  for (const outDir of ['dist', './dist', 'build/site', 'tests/.tmp/builds/x', path.join(home, 'elsewhere'), path.join(scratch, 'not', 'yet')]) {
    assert.equal(problem(outDir), undefined, outDir);
  }
  // A symlink inside the project to a folder of its own elsewhere is that folder.
  assert.equal(problem('build/link-out/site'), undefined);
});

test('real paths of folders that do not exist yet go through the symlinks of their existing ancestors', () => {
  const real = (p: string) => realPathOf(p, (q) => realpathSync.native(q), existsSync);
  assert.equal(real(path.join(home, 'link-to-project', 'missing', 'deeper')), path.join(root, 'missing', 'deeper'));
  assert.equal(real(root), root);
});

test('every setting is checked at once, before the build starts, naming each variable', () => {
  const settings = buildSettings({ ARCHIVE_CONTENT_DIR: 'content/news' }, root, home);
  assert.deepEqual(settings, { root, base: '/', outDir: './dist', contentDir, buildPart: { kind: 'whole' } });
  assert.deepEqual(buildSettings({ BASE_PATH: 'archive', SITE_URL: 'https://example.org/', ARCHIVE_OUT_DIR: 'build/site' }, root, home), {
    root,
    site: 'https://example.org',
    base: '/archive/',
    outDir: 'build/site',
    contentDir,
    buildPart: { kind: 'whole' },
  });
  assert.throws(
    () => buildSettings({ ARCHIVE_OUT_DIR: '.', BASE_PATH: '..', SITE_URL: 'https://example.org/sub', ARCHIVE_BUILD_PART: 'listings' }, root, home),
    (error: Error) =>
      error instanceof ConfigError &&
      /^ARCHIVE_BUILD_PART="listings" needs ARCHIVE_SEARCH_PARTITION_YEARS/m.test(error.message) &&
      /^ARCHIVE_OUT_DIR=\. is .*the project folder/m.test(error.message) &&
      /^BASE_PATH="\.\." has a "\.\." segment/m.test(error.message) &&
      /^SITE_URL="https:\/\/example\.org\/sub" has a path/m.test(error.message),
  );
  assert.throws(() => buildSettings({ ARCHIVE_OUT_DIR: 'content/news/2020' }, root, home), /inside the folder of reports/);
});

test('a missing or empty folder may be used; a non-empty one only with the marker an earlier build wrote into it', () => {
  assert.equal(ownershipProblem('/x/dist', [], undefined, '/x/dist', { ino: 7n, birthtimeNs: 1n }), undefined);
  assert.equal(ownershipProblem('/x/dist', ['.git'], undefined, '/x/dist', { ino: 7n, birthtimeNs: 1n }), undefined, 'a fresh clone of a publishing repository');
  assert.equal(ownershipProblem('/x/dist', [OUTPUT_MARKER, 'index.html'], outputMarkerContent('/x/dist', '7:1'), '/x/dist', { ino: 7n, birthtimeNs: 1n }), undefined);
  const refused = ownershipProblem('/x/thesis', ['chapter-1.tex', 'chapter-2.tex', 'figures', 'notes.txt'], undefined, '/x/thesis', { ino: 8n, birthtimeNs: 1n })!;
  assert.match(refused, /^ARCHIVE_OUT_DIR: the output folder \/x\/thesis is not empty \(chapter-1\.tex, chapter-2\.tex, figures, \.\.\.\)/);
  assert.match(refused, /has no \.news-archive-output file/);
  assert.match(refused, /Empty the folder yourself .* or set ARCHIVE_OUT_DIR to another folder/);
  assert.match(ownershipProblem('/x/out', [OUTPUT_MARKER, 'a.txt'], 'something else', '/x/out', { ino: 9n, birthtimeNs: 1n })!, /has a \.news-archive-output file that this build did not write/);
});

test('a marker copied from another folder does not make a folder ours: it names the folder it was written into', () => {
  // `rsync -a dist/ /var/www/html/` (as the README deploys) copies the marker into a web root that
  // also holds other sites' files; a build pointed there must not delete them on its word.
  const copied = outputMarkerContent('/home/editor/archive/dist', '7:1');
  assert.notEqual(copied, outputMarkerContent('/var/www/html', '7:1'));
  const refused = ownershipProblem('/var/www/html', [OUTPUT_MARKER, 'index.html', 'other-site'], copied, '/var/www/html', { ino: 7n, birthtimeNs: 1n });
  assert.match(refused ?? '', /has a \.news-archive-output file written for another folder: it was copied here/);
  // The marker is published with the site: it identifies its folder without showing the path (a home folder names its user).
  assert.doesNotMatch(copied, /home|editor|archive\/dist/);
  assert.match(refused ?? '', /Nothing was changed/);
  // The folder is compared by its real path: a marker written through a symlink's target is the folder's own.
  assert.equal(ownershipProblem('/x/link-to-dist', [OUTPUT_MARKER, 'index.html'], outputMarkerContent('/x/dist', '7:1'), '/x/dist', { ino: 7n, birthtimeNs: 1n }), undefined);
  // A marker written before markers named their folder is refused once, like an unmarked folder.
  const old = 'news-archive build output\nThis folder is written by the News Archive build (npm run build), which deletes any file in it\nthat the site no longer has. Remove this file and the build will refuse to use the folder.\n';
  assert.match(ownershipProblem('/x/dist', [OUTPUT_MARKER, 'index.html'], old, '/x/dist', { ino: 7n, birthtimeNs: 1n }) ?? '', /has a \.news-archive-output file that this build did not write/);
});

test('a marker brought back to the same path in a folder made again does not make it ours: it names the folder instance it was written into', async () => {
  // The published site cloned back to where it was built (GitHub Pages, a CI runner), with a
  // CNAME its owner added there: the build would delete the CNAME as not the site's.
  const out = path.join(scratch, 'instance', 'pub');
  await mkdir(out, { recursive: true });
  const first = folderInstance(await stat(out, { bigint: true }));
  const marker = outputMarkerContent(out, first);
  await writeFile(path.join(out, OUTPUT_MARKER), marker);
  await writeFile(path.join(out, 'index.html'), 'x');
  assert.equal(ownershipProblem(out, [OUTPUT_MARKER, 'index.html'], marker, out, await stat(out, { bigint: true })), undefined, 'the same folder, written again');
  await rm(out, { recursive: true });
  await mkdir(out);
  await writeFile(path.join(out, OUTPUT_MARKER), marker);
  await writeFile(path.join(out, 'CNAME'), 'news.example.org');
  const again = await stat(out, { bigint: true });
  assert.notEqual(folderInstance(again), first, 'the folder made again is another instance (its inode may be reused, its birth time is not)');
  const refused = ownershipProblem(out, [OUTPUT_MARKER, 'CNAME'], marker, out, again) ?? '';
  assert.match(refused, /written into an earlier folder at this path, since deleted or replaced/);
  assert.match(refused, /Put any file the site needs in public\//);
  // A marker of a build before markers named the folder instance: refused the same way, once.
  const pathOnly = marker.split('\n').filter((line) => !line.startsWith('instance:')).join('\n');
  assert.match(ownershipProblem(out, [OUTPUT_MARKER, 'CNAME'], pathOnly, out, again) ?? '', /written into an earlier folder at this path/);
});

test('where the file system keeps no birth time, the marker names the inode alone, and the next build into the folder is not refused', async () => {
  // Linux without statx: Node reports the folder's change time as its birth time, which every file added changes.
  const out = path.join(scratch, 'no-birth-time', 'dist');
  await mkdir(out, { recursive: true });
  let changes = 0n;
  const changingBirth = async (dir: string) => ({ ino: (await stat(dir, { bigint: true })).ino, birthtimeNs: 1000n + changes++ });
  await markOutputFolder(out, changingBirth);
  const marker = await readFile(path.join(out, OUTPUT_MARKER), 'utf8');
  await writeFile(path.join(out, 'index.html'), 'x');
  const later = await changingBirth(out);
  assert.equal(ownershipProblem(out, [OUTPUT_MARKER, 'index.html'], marker, out, later), undefined, 'the same folder, its "birth time" moved');
  assert.match(ownershipProblem(out, [OUTPUT_MARKER, 'index.html'], marker, out, { ...later, ino: later.ino + 1n }) ?? '', /earlier folder at this path/, 'another folder');
  // Where it keeps one, the marker names it: a folder made again at the path (same inode) is refused.
  await markOutputFolder(out);
  const withBirth = await readFile(path.join(out, OUTPUT_MARKER), 'utf8');
  const stats = await stat(out, { bigint: true });
  assert.equal(ownershipProblem(out, [OUTPUT_MARKER, 'index.html'], withBirth, out, stats), undefined);
  assert.match(ownershipProblem(out, [OUTPUT_MARKER, 'index.html'], withBirth, out, { ino: stats.ino, birthtimeNs: stats.birthtimeNs + 1n }) ?? '', /earlier folder at this path/);
});

test('a link in a loop, or to nothing, in the folder of reports leads nowhere: the settings check goes on', async () => {
  const archive = path.join(scratch, 'looped', 'news');
  await mkdir(path.join(archive, '2020'), { recursive: true });
  await writeFile(path.join(archive, '2020', 'a.md'), 'x');
  await symlink('loop', path.join(archive, '2020', 'loop'));
  await symlink(path.join(scratch, 'looped', 'nothing-here'), path.join(archive, 'gone'));
  assert.deepEqual(contentLinks(archive), []);
});

test('a folder holding only .git and a marker has nothing to lose: it is used, whatever the marker says', () => {
  assert.equal(ownershipProblem('/x/dist', ['.git', OUTPUT_MARKER], 'an old marker', '/x/dist', { ino: 7n, birthtimeNs: 1n }), undefined);
  const refused = ownershipProblem('/x/dist', ['.git', OUTPUT_MARKER, 'index.html'], 'an old marker', '/x/dist', { ino: 7n, birthtimeNs: 1n }) ?? '';
  assert.match(refused, /dot-files too; \.news-archive-output and \.git may stay/);
});

test('a symlink in the folder of reports may lead neither into the output folder nor to a folder holding it', async () => {
  // An earlier build's output folder, and archives whose year folders, or reports, are links.
  const at = (...parts: string[]) => path.join(scratch, 'linked', ...parts);
  const out = at('o3');
  const file = async (where: string, text = 'x') => {
    await mkdir(path.dirname(where), { recursive: true });
    await writeFile(where, text);
  };
  await file(path.join(out, OUTPUT_MARKER), 'marker');
  await file(path.join(out, 'index.html'));
  await file(path.join(out, 'src-2015', 'old-report.md'));
  await file(at('elsewhere', '2016', 'kept.md'));
  const archive = async (name: string, links: Record<string, string>) => {
    await file(at(name, 'news', '2020', 'new.md'));
    for (const [link, target] of Object.entries(links)) {
      await mkdir(path.dirname(at(name, 'news', link)), { recursive: true });
      await symlink(target, at(name, 'news', link));
    }
    return at(name, 'news');
  };
  const settings = (content: string, outDir = out) => () => buildSettings({ ARCHIVE_OUT_DIR: outDir, ARCHIVE_CONTENT_DIR: content }, root, home);
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const refused = (content: string, link: string, target: string, where: string, outDir = out) =>
    assert.throws(settings(content, outDir), (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, new RegExp(`^ARCHIVE_OUT_DIR=.* holds the symlink ${literal(link)}, which leads to ${literal(target)}, ${where}\\. `));
      const fix = where === 'inside the output folder' ? `Move ${literal(target)} out of the output folder and point the link there` : 'Point the link at a folder that does not hold the output folder';
      assert.match(error.message, new RegExp(`${fix}, or set ARCHIVE_OUT_DIR to a folder of its own`));
      return true;
    });

  // A year folder that is a link into the output folder: the build would empty the folder, reports and all.
  const yearLinked = await archive('arch2', { '2015': path.join(out, 'src-2015') });
  refused(yearLinked, path.join(yearLinked, '2015'), path.join(out, 'src-2015'), 'inside the output folder');
  // A report that is a link into it; a link inside a linked folder elsewhere, as the loader follows both.
  const fileLinked = await archive('arch3', { '2015/old-report.md': path.join(out, 'src-2015', 'old-report.md') });
  refused(fileLinked, path.join(fileLinked, '2015', 'old-report.md'), path.join(out, 'src-2015', 'old-report.md'), 'inside the output folder');
  await symlink(path.join(out, 'src-2015'), at('elsewhere', '2016', 'older'));
  const nested = await archive('arch4', { '2016': at('elsewhere', '2016') });
  refused(nested, path.join(nested, '2016', 'older'), path.join(out, 'src-2015'), 'inside the output folder');
  // A link to a folder holding the output folder: the reports read through it would include the build's own output.
  const above = await archive('arch5', { '2015': at('elsewhere') });
  refused(above, path.join(above, '2015'), at('elsewhere'), 'a folder containing the output folder', at('elsewhere', 'site'));
  // Through a symlinked output folder too.
  await symlink(out, at('link-to-o3'));
  refused(yearLinked, path.join(yearLinked, '2015'), path.join(out, 'src-2015'), 'inside the output folder', at('link-to-o3'));

  // Links elsewhere, a link back up the archive (no loop) and a link to nothing are fine; nothing was touched.
  const fine = await archive('arch6', { '2016': at('elsewhere', '2016'), '2020/loop': at('arch6', 'news'), '2020/gone.md': at('nowhere.md') });
  await rm(at('elsewhere', '2016', 'older'));
  assert.equal(settings(fine)().outDir, out);
  assert.ok(existsSync(path.join(out, 'src-2015', 'old-report.md')));
});
