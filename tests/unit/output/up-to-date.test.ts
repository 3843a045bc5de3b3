import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildRecord, parseRecord, whatChanged, type InputSnapshot } from '../../../src/output/up-to-date/up-to-date.ts';
import { listFolder, stampFile, stampOf, stampTime } from '../../../src/output/up-to-date/file-stamps.ts';
import { relevantEnvironment, settingsFingerprint, snapshotInputs, stampOutputs } from '../../../src/output/up-to-date/build-inputs.ts';
import { argumentProblem } from '../../../src/output/up-to-date/build-cli.ts';
import { buildSettings } from '../../../src/settings/build-settings.ts';

const T = 1_700_000_000_000;
/** A settled stamp: its times a minute before the inputs were stamped. */
const stamp = (ino: number, size = 10, at = T - 60_000) => `1:${ino}:${size}:${at}:${at}`;

function inputs(overrides: Partial<InputSnapshot> = {}): InputSnapshot {
  return {
    settings: 'settings-a',
    stampedAt: T,
    stamped: new Map([
      ['content/2020/a.md', stamp(1)],
      ['content/2020/b.md', stamp(2)],
    ]),
    digested: new Map([['src/pages/index.astro', 'd1']]),
    links: [],
    ...overrides,
  };
}
const outputs = () => new Map([['dist/index.html', stamp(9)]]);
const recorded = (snapshot = inputs(), out = outputs()) => parseRecord(JSON.stringify(buildRecord(snapshot, out, ['[WARN] a warning'], new Date(T + 5_000))));

test('nothing to build when every input, the settings and every output file are as the last finished build left them', () => {
  const record = recorded();
  assert.ok(record);
  assert.equal(whatChanged(record, inputs(), outputs), undefined);
  assert.deepEqual(record.warnings, ['[WARN] a warning'], 'the warnings travel with the record');
});

test('any change to an input, the settings or the output folder builds, and says why, naming the files', () => {
  const record = recorded();
  const changed = (snapshot: InputSnapshot, out = outputs) => whatChanged(record, snapshot, out)?.reason;
  assert.match(whatChanged(undefined, inputs(), outputs)!.reason, /no finished build/);
  assert.match(changed(inputs({ settings: 'settings-b' }))!, /settings/);
  assert.match(changed(inputs({ digested: new Map([['src/pages/index.astro', 'd2']]) }))!, /code or configuration changed .*src\/pages\/index\.astro/);
  const edited = new Map(inputs().stamped).set('content/2020/b.md', stamp(2, 11));
  assert.match(changed(inputs({ stamped: edited }))!, /files changed since the last build: content\/2020\/b\.md/);
  const added = new Map(inputs().stamped).set('content/2021/c.md', stamp(3));
  assert.match(changed(inputs({ stamped: added }))!, /added .*content\/2021\/c\.md/);
  const removed = new Map([...inputs().stamped].slice(0, 1));
  assert.match(changed(inputs({ stamped: removed }))!, /removed .*content\/2020\/b\.md/);
  assert.match(changed(inputs({ links: ['content/photos'] }))!, /content\/photos: a symbolic link to a folder/);
  const outputChange = whatChanged(record, inputs(), () => new Map([['dist/index.html', stamp(9, 12)]]));
  assert.match(outputChange!.reason, /output files changed .*dist\/index\.html.*from empty/);
  assert.equal(outputChange!.output, true);
  assert.match(whatChanged(record, inputs(), () => new Map([...outputs(), ['dist/extra.html', stamp(10)]]))!.reason, /output files added/);
  assert.equal(whatChanged(record, inputs(), () => new Map())!.output, true, 'an emptied output folder is built again');
  const many = new Map([...Array(5).keys()].map((i) => [`content/2020/n${i}.md`, stamp(20 + i)]));
  assert.match(changed(inputs({ stamped: new Map([...inputs().stamped, ...many]) }))!, /n0\.md, .*n1\.md, .*n2\.md and 2 more/);
});

test('an input changed within 2 s before the last build started cannot vouch for what that build read', () => {
  const fresh = new Map(inputs().stamped).set('content/2020/b.md', stamp(2, 10, T - 500));
  const record = recorded(inputs({ stamped: fresh }));
  const reason = whatChanged(record, inputs({ stamped: fresh, stampedAt: T + 60_000 }), outputs)?.reason;
  assert.match(reason!, /content\/2020\/b\.md changed within 2 s of the last build's start/);
  // The build after that one stamps it settled.
  const next = recorded(inputs({ stamped: fresh, stampedAt: T + 60_000 }));
  assert.equal(whatChanged(next, inputs({ stamped: fresh, stampedAt: T + 120_000 }), outputs), undefined);
});

test('an output folder changed by hand is built again from empty, even when an input changed too', () => {
  const tampered = () => new Map([['dist/index.html', stamp(9, 12)]]);
  const edited = new Map(inputs().stamped).set('content/2020/b.md', stamp(2, 11));
  const both = whatChanged(recorded(), inputs({ stamped: edited }), tampered);
  assert.equal(both?.output, true);
  assert.match(both!.reason, /files changed .*b\.md; output files changed .*index\.html/);
  assert.equal(whatChanged(recorded(), inputs({ stamped: edited }), outputs)?.output, false, 'an input change alone keeps the folder');
  assert.equal(whatChanged(recorded(), inputs({ settings: 'other' }), tampered)?.output, true);
});

test('a record of another version, or not a record, is no record', () => {
  assert.equal(parseRecord(undefined), undefined);
  assert.equal(parseRecord('not json'), undefined);
  assert.equal(parseRecord(JSON.stringify({ ...buildRecord(inputs(), outputs(), [], new Date(T)), version: 0 })), undefined);
  assert.equal(parseRecord(JSON.stringify({ ...buildRecord(inputs(), outputs(), [], new Date(T)), outputs: [] })), undefined);
});

test('a file\'s stamp changes with an edit of the same size whose old times are put back, and with a file moved over it', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'up-to-date-stamps-'));
  try {
    const file = path.join(dir, 'a.md');
    await writeFile(file, 'first');
    const before = stampFile(file);
    const { atime, mtime } = statSync(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(file, 'fixed');
    await utimes(file, atime, mtime);
    assert.notEqual(stampFile(file), before, 'the change time moved');
    const again = stampFile(file);
    await writeFile(path.join(dir, 'b.md'), 'fixed');
    await rename(path.join(dir, 'b.md'), file);
    assert.notEqual(stampFile(file), again, 'another inode');
    assert.equal(stampFile(path.join(dir, 'missing.md')), 'absent');
    assert.equal(stampTime(stampOf(statSync(file))), Math.max(statSync(file).mtimeMs, statSync(file).ctimeMs));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every file under a folder is listed, symlinks to folders apart, and the output\'s .git is left out', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'up-to-date-list-'));
  try {
    for (const file of ['a.md', '2020/b.md', '2020/photos/p.jpg', '.git/HEAD']) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), 'x');
    }
    await symlink(path.join(dir, '2020'), path.join(dir, 'linked-folder'));
    await symlink(path.join(dir, 'a.md'), path.join(dir, 'linked.md'));
    const listed = listFolder(dir);
    const names = (files: string[]) => files.map((file) => path.relative(dir, file)).sort();
    assert.deepEqual(names(listed.files), ['.git/HEAD', '2020/b.md', '2020/photos/p.jpg', 'a.md', 'linked.md']);
    assert.deepEqual(names(listed.links), ['linked-folder']);
    assert.deepEqual(names(listed.fileLinks), ['linked.md'], 'symlinks to files are listed with the files, and apart');
    const out = stampOutputs(dir);
    assert.equal(out.has(path.join(dir, '.git/HEAD')), false);
    assert.equal(out.get(path.join(dir, 'linked-folder')), 'link', 'a symlink in the output folder is noticed');
    assert.equal(out.get(path.join(dir, 'linked.md')), stampFile(path.join(dir, 'a.md')), 'a symlink to a file: its target');
    assert.deepEqual(listFolder(path.join(dir, 'missing')), { files: [], links: [], fileLinks: [] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the inputs are the archive, public/ and the code; the settings fingerprint follows the environment a build reads', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'up-to-date-project-'));
  try {
    for (const file of ['content/news/2020/a.md', 'public/favicon.svg', 'src/pages/index.astro', 'package-lock.json', 'README.md', 'tests/x.test.ts']) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), file);
    }
    const settings = buildSettings({}, root, path.join(root, 'home'));
    const snapshot = snapshotInputs(settings, {});
    const names = (files: Iterable<string>) => [...files].map((file) => path.relative(root, file)).sort();
    assert.deepEqual(names(snapshot.stamped.keys()), ['content/news/2020/a.md', 'public/favicon.svg']);
    assert.ok(names(snapshot.digested.keys()).includes('src/pages/index.astro'));
    assert.ok(names(snapshot.digested.keys()).includes('package-lock.json'));
    assert.ok(!names(snapshot.digested.keys()).some((file) => file.startsWith('tests/') || file === 'README.md'), 'the README and the tests are not inputs');
    assert.equal(snapshot.digested.get(path.join(root, '.env')), 'absent');
    assert.deepEqual(relevantEnvironment({ SITE_URL: 'https://x.test', HOME: '/root', ARCHIVE_OUT_DIR: 'out', PUBLIC_X: '1', PATH: '/bin', LC_MESSAGES: 'da_DK.UTF-8' }), {
      ARCHIVE_OUT_DIR: 'out',
      LC_MESSAGES: 'da_DK.UTF-8',
      PUBLIC_X: '1',
      SITE_URL: 'https://x.test',
    });
    assert.equal(settingsFingerprint(settings, { PATH: '/bin' }), settingsFingerprint(settings, { PATH: '/usr/bin' }));
    assert.notEqual(settingsFingerprint(settings, {}), settingsFingerprint(settings, { TZ: 'Asia/Tokyo' }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("npm run build refuses Astro's own options, which would change the output without the check seeing them", () => {
  assert.equal(argumentProblem([]), undefined);
  assert.equal(argumentProblem(['--force', '--verbose']), undefined);
  assert.match(argumentProblem(['--site', 'https://other.example/'])!, /not --site https:\/\/other\.example\/: .*SITE_URL/);
  assert.match(argumentProblem(['--outDir', 'elsewhere'])!, /ARCHIVE_OUT_DIR/);
});
