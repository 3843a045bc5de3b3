/**
 * The importer as an editor runs it, in scratch content folders (tests/.tmp/import-rerun/): an
 * import run twice writes once; --dry-run writes nothing; --update rewrites a changed report and
 * says what changed, but never a report edited by hand; a write that fails half-way leaves no
 * partial report; one bad file in a folder fails alone; images are copied beside their report or
 * kept as links, and the result builds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { main, EXIT } from '../../src/importer/import-cli.ts';
import { FS_OPS } from '../../src/importer/pipeline/atomic-write.ts';
import type { SourceReader } from '../../src/importer/readers/source-item.ts';
import type { ReaderTable } from '../../src/importer/pipeline/read-source.ts';
import { build } from '../support/build.ts';
import { FIRST_REPORT_SOURCE, ROOT, TMP } from '../support/paths.ts';

const CLI = path.join(ROOT, 'src/importer/import-cli.ts');
const SCRATCH = path.join(TMP, 'import-rerun');

async function scratch(name: string): Promise<{ dir: string; contentDir: string }> {
  const dir = path.join(SCRATCH, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return { dir, contentDir: path.join(dir, 'news') };
}

/** The real CLI in its own process, run from `cwd`. */
function cli(args: string[], cwd: string, contentDir: string) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ARCHIVE_CONTENT_DIR: contentDir, CI: '1' }, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The CLI in this process, with readers or file operations replaced. */
async function cliWith(args: string[], contentDir: string, deps: Parameters<typeof main>[2] = {}) {
  let stdout = '';
  let stderr = '';
  const terminal = { out: (t: string) => void (stdout += `${t}\n`), err: (t: string) => void (stderr += `${t}\n`), isTTY: false };
  const code = await main(args, { ARCHIVE_CONTENT_DIR: contentDir }, { terminal, ...deps });
  return { code, stdout, stderr };
}

/** Every file under the folder, relative, hidden ones included. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

const REPORT = '2020/casic-holds-2020-aerospace-defense-conference.md';

test('the same release imported twice is written once; the second run says it is already imported', async () => {
  const { dir, contentDir } = await scratch('twice');
  const release = path.join(dir, 'release.txt');
  await writeFile(release, await readFile(FIRST_REPORT_SOURCE));
  const first = cli(['release.txt'], dir, contentDir);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`imported: ${REPORT} \\(from release\\.txt\\)`));
  assert.match(first.stdout, /\b1 imported\b/);
  const written = await readFile(path.join(contentDir, REPORT), 'utf8');
  assert.match(written, /imported:\n {2}key: "release\.txt"\n {2}digest: "sha256:[0-9a-f]{64}"/);

  const second = cli(['release.txt'], dir, contentDir);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /\b1 already imported\b/);
  assert.match(second.stdout, /\b0 imported\b/);
  assert.deepEqual(await filesIn(contentDir), [REPORT], 'no second copy');
  assert.equal(await readFile(path.join(contentDir, REPORT), 'utf8'), written);

  // A report an earlier importer wrote, with no record: the same text at the title's name is it.
  const legacy = written.replace(/imported:\n.*\n.*\n/, '');
  await writeFile(path.join(contentDir, REPORT), legacy);
  const third = cli(['release.txt'], dir, contentDir);
  assert.match(third.stdout, /\b1 already imported\b/, third.stdout);
  assert.deepEqual(await filesIn(contentDir), [REPORT]);
  assert.equal(await readFile(path.join(contentDir, REPORT), 'utf8'), legacy, 'left as it was');
});

test('--dry-run shows what would be written and writes nothing', async () => {
  const { dir, contentDir } = await scratch('dry-run');
  await writeFile(path.join(dir, 'release.txt'), await readFile(FIRST_REPORT_SOURCE));
  const dry = cli(['--dry-run', 'release.txt'], dir, contentDir);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`would import: ${REPORT}`));
  assert.match(dry.stdout, /dry run: nothing was written/);
  assert.deepEqual(await filesIn(contentDir), []);
  cli(['release.txt'], dir, contentDir);
  const again = cli(['--dry-run', 'release.txt'], dir, contentDir);
  assert.match(again.stdout, new RegExp(`same: ${REPORT}`));
});

test('a changed source: reported without --update, rewritten with it, never over an editor\'s changes', async () => {
  const { dir, contentDir } = await scratch('update');
  const release = path.join(dir, 'release.txt');
  const original = await readFile(FIRST_REPORT_SOURCE, 'utf8');
  await writeFile(release, original);
  assert.equal(cli(['release.txt'], dir, contentDir).code, 0);
  const target = path.join(contentDir, REPORT);
  const before = await readFile(target, 'utf8');

  await writeFile(release, original.replace('The conference was chaired by Liu Shiquan.', 'The conference was chaired by Liu Shiquan in Beijing.'));
  const refused = cli(['release.txt'], dir, contentDir);
  assert.equal(refused.code, EXIT.changed, refused.stderr);
  assert.match(refused.stderr, new RegExp(`release\\.txt: changed, not updated \\(use --update\\): ${REPORT}: body \\+1 -1 lines`));
  assert.match(refused.stdout, /\b1 changed, not updated\b/);
  assert.equal(await readFile(target, 'utf8'), before, 'not touched');

  const updated = cli(['--update', 'release.txt'], dir, contentDir);
  assert.equal(updated.code, 0, updated.stderr);
  assert.match(updated.stdout, new RegExp(`updated: ${REPORT} \\(from release\\.txt\\): body \\+1 -1 lines`));
  assert.match(await readFile(target, 'utf8'), /chaired by Liu Shiquan in Beijing\./);
  assert.match(cli(['release.txt'], dir, contentDir).stdout, /\b1 already imported\b/);

  // An editor adds topics; the source changes again: --update leaves the editor's file alone.
  const edited = (await readFile(target, 'utf8')).replace('language: "en"', 'topics: ["Aerospace"]\nlanguage: "en"');
  await writeFile(target, edited);
  assert.match(cli(['--update', 'release.txt'], dir, contentDir).stdout, /\b1 already imported\b/, 'an edit alone is no change of the source');
  await writeFile(release, original);
  const guarded = cli(['--update', 'release.txt'], dir, contentDir);
  assert.equal(guarded.code, EXIT.changed);
  assert.match(guarded.stderr, /changed, not updated \(it was edited since it was imported/);
  assert.equal(await readFile(target, 'utf8'), edited);
});

test('a write that fails half-way leaves no partial report; leftovers of an interrupted import are removed on start', async () => {
  const { dir, contentDir } = await scratch('crash');
  await writeFile(path.join(dir, 'release.txt'), await readFile(FIRST_REPORT_SOURCE));
  const failing = { ...FS_OPS, link: async () => { throw Object.assign(new Error('EIO: simulated crash'), { code: 'EIO' }); } };
  const crashed = await cliWith([path.join(dir, 'release.txt')], contentDir, { ops: failing });
  assert.equal(crashed.code, EXIT.io, crashed.stderr);
  assert.match(crashed.stderr, /release\.txt: error: cannot write: EIO: simulated crash/);
  assert.deepEqual(await filesIn(contentDir), [], 'no report, no temporary file');

  // As a killed import leaves them: a half-written temporary file of ours, and someone else's file.
  await mkdir(path.join(contentDir, '2020'), { recursive: true });
  // Named by a process that has exited (one still running would be an import writing it now).
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  const leftover = path.join(contentDir, '2020', `.casic-holds-2020-aerospace-defense-conference.md.import-${gone}-0123456789ab.tmp`);
  await writeFile(leftover, '---\ntitle: "CASIC Ho');
  await writeFile(path.join(contentDir, '2020', '.notes.tmp'), 'an editor\'s file');
  const resumed = await cliWith([path.join(dir, 'release.txt')], contentDir);
  assert.equal(resumed.code, EXIT.ok, resumed.stderr);
  assert.match(resumed.stdout, /1 temporary files of an interrupted import removed/);
  assert.deepEqual(await filesIn(contentDir), ['2020/.notes.tmp', REPORT]);

  // An update whose rename fails keeps the report as it was.
  const before = await readFile(path.join(contentDir, REPORT), 'utf8');
  await writeFile(path.join(dir, 'release.txt'), (await readFile(FIRST_REPORT_SOURCE, 'utf8')).replace('Yuan Jie spoke', 'Yuan Jie, President, spoke'));
  const failedRename = { ...FS_OPS, rename: async () => { throw Object.assign(new Error('ENOSPC: simulated full disk'), { code: 'ENOSPC' }); } };
  const update = await cliWith(['--update', path.join(dir, 'release.txt')], contentDir, { ops: failedRename });
  assert.equal(update.code, EXIT.io);
  assert.equal(await readFile(path.join(contentDir, REPORT), 'utf8'), before);
  assert.deepEqual(await filesIn(contentDir), ['2020/.notes.tmp', REPORT]);
});

test('a folder with a good and a bad file: the good one is imported, the bad one reported, exit non-zero', async () => {
  const { dir, contentDir } = await scratch('folder');
  const sources = path.join(dir, 'sources');
  await mkdir(path.join(sources, 'sub'), { recursive: true });
  await mkdir(path.join(sources, '.hidden'), { recursive: true });
  await writeFile(path.join(sources, 'sub', 'good.txt'), await readFile(FIRST_REPORT_SOURCE));
  await writeFile(path.join(sources, 'bad.txt'), 'A title only\n\nNo date in this text.\n\nCopyright 2020 X.\n');
  await writeFile(path.join(sources, '.hidden', 'secret.txt'), 'ignored');
  await writeFile(path.join(sources, 'photo.jpg'), 'not a source');
  const run = cli(['sources'], dir, contentDir);
  assert.equal(run.code, EXIT.parse, run.stderr);
  assert.match(run.stdout, new RegExp(`imported: ${REPORT} \\(from sources/sub/good\\.txt\\)`));
  assert.match(run.stderr, /sources\/bad\.txt: error \[no-date\]: no date found/);
  assert.match(run.stdout, /\b1 failed\n\s+sources\/bad\.txt: error \[no-date\]/);
  assert.match(run.stdout, /\b1 not a source file \(\.jpg\)/);
  assert.deepEqual(await filesIn(contentDir), [REPORT]);
  const unsupported = path.join(dir, 'page.html');
  await writeFile(unsupported, '<!DOCTYPE html><html><body><h1>T</h1></body></html>');
  const html = await cliWith([unsupported], contentDir, { readers: (defaults) => ({ ...defaults, html: undefined }) });
  assert.equal(html.code, EXIT.parse);
  assert.match(html.stderr, /page\.html: error \[format\]: format html is not supported yet/);
});

test('wrong options stop the import before anything is read', async () => {
  const { dir, contentDir } = await scratch('options');
  await writeFile(path.join(dir, 'a.txt'), await readFile(FIRST_REPORT_SOURCE));
  for (const [args, message] of [
    [['--time-zone', 'Mars/Olympus', 'a.txt'], /--time-zone "Mars\/Olympus" is not a time zone name/],
    [['--media', 'no-such-folder', 'a.txt'], /--media "no-such-folder" is not a folder/],
    [['--source-url', 'https://example.org/r', 'a.txt', 'a.txt'], /--source-url names the original of one release/],
    [['--date', '2020-01-01', '.'], /--date dates one release/],
    [['--language', 'english language', 'a.txt'], /BCP 47/],
    [['news'], /inside the content folder/],
  ] as const) {
    const run = cli([...args], dir, contentDir);
    assert.equal(run.code, EXIT.usage, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
  assert.deepEqual(await filesIn(contentDir), []);
});

test('--media copies WordPress uploads beside the report and rewrites their URLs; images not found stay links, are listed, and the archive builds', async () => {
  const { dir, contentDir } = await scratch('media');
  const uploads = path.join(dir, 'wp-content', 'uploads');
  await mkdir(path.join(uploads, '2020', '07'), { recursive: true });
  await mkdir(path.join(dir, 'site', 'img'), { recursive: true });
  const png = (r: number) => sharp({ create: { width: 8, height: 6, channels: 3, background: { r, g: 80, b: 120 } } }).png().toBuffer();
  await writeFile(path.join(uploads, '2020', '07', 'Probe Launch.png'), await png(200));
  await writeFile(path.join(dir, 'site', 'img', 'diagram.png'), await png(10));
  await writeFile(path.join(dir, 'secret.png'), await png(0));
  const page = path.join(dir, 'site', 'launch.html');
  await writeFile(page, '<!DOCTYPE html><html><body>a saved page</body></html>');

  const images = [
    'https://example.org/wp-content/uploads/2020/07/Probe%20Launch.png',
    'https://example.org/wp-content/uploads/2019/01/missing.jpg',
    'img/diagram.png',
    '../secret.png',
  ];
  // Until the HTML reader is merged, a stand-in gives an item with images of every kind.
  const stub: SourceReader = (_text, file) => [
    {
      kind: 'item',
      item: {
        origin: file,
        key: 'https://example.org/2020/07/launch/',
        title: 'Probe Launch',
        date: '2020-07-31',
        markdown: `The probe launched.\n\n![The probe on the pad](${images[0]})\n\n![Old photo](${images[1]})\n\n![Diagram](${images[2]})\n\n![Secret](${images[3]})`,
        source: { name: 'Example Press', url: 'https://example.org/2020/07/launch/' },
        images: images.map((url) => ({ url })),
        warnings: [],
      },
    },
  ];
  const readers = (defaults: ReaderTable) => ({ ...defaults, html: stub });
  const run = await cliWith(['--media', uploads, path.join(dir, 'site')], contentDir, { readers });
  assert.equal(run.code, EXIT.ok, run.stderr);
  assert.deepEqual(await filesIn(contentDir), ['2020/probe-launch.md', '2020/probe-launch/diagram.png', '2020/probe-launch/probe-launch.png']);
  const report = await readFile(path.join(contentDir, '2020/probe-launch.md'), 'utf8');
  assert.match(report, /!\[The probe on the pad\]\(\.\/probe-launch\/probe-launch\.png\)/);
  assert.match(report, /!\[Diagram\]\(\.\/probe-launch\/diagram\.png\)/);
  assert.match(report, /\[Old photo\]\(https:\/\/example\.org\/wp-content\/uploads\/2019\/01\/missing\.jpg\)/);
  assert.match(report, /\nSecret \(image \.\.\/secret\.png, not imported\)\n/, 'a path out of the imported folder is not followed');
  assert.deepEqual(await readFile(path.join(contentDir, '2020/probe-launch/probe-launch.png')), await readFile(path.join(uploads, '2020', '07', 'Probe Launch.png')));
  assert.match(run.stderr, /warning \[media\]: 2020\/probe-launch\.md: image https:\/\/example\.org\/wp-content\/uploads\/2019\/01\/missing\.jpg not copied \(not found: /);
  assert.match(run.stdout, /\b2 images not copied[^\n]*\n\s+2020\/probe-launch\.md: https:\/\/example\.org\/wp-content\/uploads\/2019\/01\/missing\.jpg: not found/);
  assert.match(run.stdout, /2020\/probe-launch\.md: \.\.\/secret\.png: .*outside/);

  const again = await cliWith(['--media', uploads, path.join(dir, 'site')], contentDir, { readers });
  assert.match(again.stdout, /\b1 already imported\b/);

  const outDir = path.join(TMP, 'builds', 'import-media');
  const built = await build({ contentDir, outDir });
  assert.equal(built.code, 0, `the build fails:\n${built.output.slice(-3000)}`);
  const html = await readFile(path.join(outDir, 'news', '2020', 'probe-launch', 'index.html'), 'utf8');
  assert.deepEqual([...html.matchAll(/<img alt="([^"]*)"[^>]*src="\/_astro\//g)].map((m) => m[1]), ['The probe on the pad', 'Diagram'], 'the copied images are shown');
  assert.match(html, /<a href="https:\/\/example\.org\/wp-content\/uploads\/2019\/01\/missing\.jpg"[^>]*>Old photo<\/a>/);
});
