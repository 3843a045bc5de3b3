/**
 * The build settings refuse a bad value up front, each message naming the variable, the value and
 * the fix, rather than building with something else than was meant. Checked on a scratch project
 * with a home folder of its own; nothing is built here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSettings, envFileRefusal, checkRenderThreads } from '../../../src/settings/build-settings.ts';
import { renderThreads } from '../../../src/reports/render/render-pool.ts';
import { reportsContentDir } from '../../../src/reports/content-dir.ts';
import { settingValue } from '../../../src/settings/setting-values.ts';
import { editDistance, meantVariable, SETTING_VARIABLES } from '../../../src/settings/setting-variables.ts';

let scratch: string;
let home: string;
let root: string;

before(() => {
  scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'build-settings-')));
  home = path.join(scratch, 'home', 'editor');
  root = path.join(home, 'archive');
  mkdirSync(path.join(root, 'content', 'news', '2020'), { recursive: true });
  writeFileSync(path.join(root, 'content', 'news', '2020', 'a.md'), '---\n---\n');
});

after(() => rmSync(scratch, { recursive: true, force: true }));

const refusal = (env: NodeJS.ProcessEnv, project = root): string => {
  try {
    buildSettings(env, project, home);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`${JSON.stringify(env)} was accepted`);
};

test('an empty variable is unset; a blank one is refused, naming it and the fix', () => {
  assert.equal(settingValue('X', undefined, '1'), undefined);
  assert.equal(settingValue('X', '', '1'), undefined);
  const empty = { ARCHIVE_OUT_DIR: '', ARCHIVE_CONTENT_DIR: '', ARCHIVE_SEARCH_PARTITION_YEARS: '', ARCHIVE_BUILD_PART: '' };
  assert.deepEqual(buildSettings(empty, root, home), { root, contentDir: path.join(root, 'content/news'), outDir: './dist', base: '/', buildPart: { kind: 'whole' } });
  for (const name of ['ARCHIVE_OUT_DIR', 'ARCHIVE_CONTENT_DIR', 'ARCHIVE_SEARCH_PARTITION_YEARS', 'ARCHIVE_BUILD_PART']) {
    for (const blank of ['  ', '   ', '\t', '\n']) {
      assert.match(refusal({ [name]: blank }), new RegExp(`^${name}=${RegExp.escape(JSON.stringify(blank))} is blank\\. Give it a value, e\\.g\\. ${name}=\\S+, or unset it`, 'm'));
    }
  }
});

test('blanks around a value are refused, with the value without them', () => {
  assert.match(refusal({ ARCHIVE_OUT_DIR: 'build/site ' }), /^ARCHIVE_OUT_DIR="build\/site " has blanks around its value\. Remove them: ARCHIVE_OUT_DIR=build\/site$/m);
  assert.match(refusal({ ARCHIVE_CONTENT_DIR: ' content/news' }), /^ARCHIVE_CONTENT_DIR=" content\/news" has blanks around its value/m);
  assert.match(refusal({ ARCHIVE_SEARCH_PARTITION_YEARS: ' 5' }), /^ARCHIVE_SEARCH_PARTITION_YEARS=" 5" has blanks around its value\. Remove them: ARCHIVE_SEARCH_PARTITION_YEARS=5$/m);
  assert.match(refusal({ ARCHIVE_SEARCH_PARTITION_YEARS: '5', ARCHIVE_BUILD_PART: 'listings\n' }), /^ARCHIVE_BUILD_PART="listings\\n" has blanks around its value/m);
  // The import reads the content folder the same way.
  assert.throws(() => reportsContentDir({ ARCHIVE_CONTENT_DIR: 'news ' }, root, home), /ARCHIVE_CONTENT_DIR="news " has blanks around its value/);
});

test('a path the shell did not expand (~) is refused, with the absolute path it meant', () => {
  assert.match(
    refusal({ ARCHIVE_OUT_DIR: '~/public_html' }),
    new RegExp(`^ARCHIVE_OUT_DIR="~/public_html" starts with ~, which the shell did not expand .*Give an absolute path: ARCHIVE_OUT_DIR=${RegExp.escape(path.join(home, 'public_html'))},`, 'm'),
  );
  assert.match(refusal({ ARCHIVE_CONTENT_DIR: '~' }), new RegExp(`^ARCHIVE_CONTENT_DIR="~" starts with ~.*ARCHIVE_CONTENT_DIR=${RegExp.escape(home)},`, 'm'));
  assert.match(refusal({ ARCHIVE_OUT_DIR: '~editor/site' }), /^ARCHIVE_OUT_DIR="~editor\/site" starts with ~.*Give an absolute path, or a path relative to the project, e\.g\. ARCHIVE_OUT_DIR=build\/site\.$/m);
  assert.throws(() => reportsContentDir({ ARCHIVE_CONTENT_DIR: '~/news' }, root, home), /ARCHIVE_CONTENT_DIR="~\/news" starts with ~/);
});

test('every problem is reported at once', () => {
  const message = refusal({ ARCHIVE_OUT_DIR: '  ', ARCHIVE_CONTENT_DIR: '~/news', BASE_PATH: '..' });
  assert.match(message, /^ARCHIVE_OUT_DIR="  " is blank/m);
  assert.match(message, /^ARCHIVE_CONTENT_DIR="~\/news" starts with ~/m);
  assert.match(message, /^BASE_PATH="\.\." has a "\.\." segment/m);
});

test('the folder of reports must exist and be a folder, before anything is written', () => {
  const missing = path.join(scratch, 'no-such-archive');
  assert.match(
    refusal({ ARCHIVE_CONTENT_DIR: missing }),
    new RegExp(`^ARCHIVE_CONTENT_DIR=${RegExp.escape(missing)}: the folder of reports ${RegExp.escape(missing)} does not exist\\. Create it .*, or set ARCHIVE_CONTENT_DIR to the folder holding <year>/<slug>\\.md reports\\.$`, 'm'),
  );
  const file = path.join(root, 'content', 'news', '2020', 'a.md');
  assert.match(refusal({ ARCHIVE_CONTENT_DIR: 'content/news/2020/a.md' }), new RegExp(`^ARCHIVE_CONTENT_DIR=content/news/2020/a\\.md: ${RegExp.escape(file)} is a file, not a folder\\.`, 'm'));
  assert.match(refusal({ ARCHIVE_CONTENT_DIR: 'content/news/2020/a.md/x' }), /^ARCHIVE_CONTENT_DIR=content\/news\/2020\/a\.md\/x: the folder of reports .* does not exist/m);
  // Unset, the default is named: the project's own content/news.
  const bare = path.join(scratch, 'bare-project');
  mkdirSync(bare, { recursive: true });
  assert.match(refusal({}, bare), /^ARCHIVE_CONTENT_DIR \(unset: content\/news\): the folder of reports .*bare-project\/content\/news does not exist/m);
  // A split build's part is not checked against a folder that is not there.
  assert.doesNotMatch(refusal({ ARCHIVE_CONTENT_DIR: missing, ARCHIVE_SEARCH_PARTITION_YEARS: '5', ARCHIVE_BUILD_PART: 'listings' }), /ARCHIVE_BUILD_PART/);
});

test('an output folder that is a file, or a symlink to nothing, is refused before the build makes it', () => {
  symlinkSync(path.join(scratch, 'gone'), path.join(root, 'dangling'));
  const link = path.join(root, 'dangling');
  assert.match(
    refusal({ ARCHIVE_OUT_DIR: 'dangling' }),
    new RegExp(`^ARCHIVE_OUT_DIR=dangling: ${RegExp.escape(link)} is a symlink to nothing \\(it points to ${RegExp.escape(path.join(scratch, 'gone'))}\\)\\. Create the folder it points to, remove the link, or set ARCHIVE_OUT_DIR to another folder`, 'm'),
  );
  assert.match(refusal({ ARCHIVE_OUT_DIR: 'dangling/site' }), new RegExp(`^ARCHIVE_OUT_DIR=dangling/site: ${RegExp.escape(link)}, on its path, is a symlink to nothing`, 'm'));
  symlinkSync('loop-b', path.join(root, 'loop-a'));
  symlinkSync('loop-a', path.join(root, 'loop-b'));
  assert.match(refusal({ ARCHIVE_OUT_DIR: 'loop-a' }), /^ARCHIVE_OUT_DIR=loop-a: .*loop-a is a symlink to nothing \(it points to loop-b\)/m);
  writeFileSync(path.join(root, 'site.txt'), 'not a folder');
  assert.match(refusal({ ARCHIVE_OUT_DIR: 'site.txt' }), /^ARCHIVE_OUT_DIR=site\.txt: .*site\.txt is a file, not a folder\. Set ARCHIVE_OUT_DIR to a folder/m);
  assert.match(refusal({ ARCHIVE_OUT_DIR: 'site.txt/out' }), /^ARCHIVE_OUT_DIR=site\.txt\/out: .*site\.txt, on its path, is a file, not a folder/m);
  assert.equal(existsSync(path.join(scratch, 'gone')), false, 'nothing was made');
  // A link to a folder that exists is a folder (what it may be is output-folder.ts's to say).
  mkdirSync(path.join(scratch, 'elsewhere'));
  symlinkSync(path.join(scratch, 'elsewhere'), path.join(root, 'to-elsewhere'));
  assert.equal(buildSettings({ ARCHIVE_OUT_DIR: 'to-elsewhere/site' }, root, home).outDir, 'to-elsewhere/site');
});

test('a misspelt variable is refused, naming the one meant; the environment\'s other variables are not', () => {
  assert.match(
    refusal({ ARCHIVE_OUTDIR: '/tmp/x' }),
    /^ARCHIVE_OUTDIR="\/tmp\/x" is not a variable this build reads: did you mean ARCHIVE_OUT_DIR\? Rename it \(ARCHIVE_OUT_DIR="\/tmp\/x"\), or unset ARCHIVE_OUTDIR\. The build reads SITE_URL, BASE_PATH, /m,
  );
  const meant = {
    ARCHIVE_CONTENT_DIRECTORY: 'ARCHIVE_CONTENT_DIR',
    ARCHIVE_SEARCH_PARTITIONS_YEARS: 'ARCHIVE_SEARCH_PARTITION_YEARS',
    ARCHIVE_RENDER_THREAD: 'ARCHIVE_RENDER_THREADS',
    ARCHIVE_OUTPUT: 'ARCHIVE_OUT_DIR',
    archive_out_dir: 'ARCHIVE_OUT_DIR',
    ARCHIVEOUTDIR: 'ARCHIVE_OUT_DIR',
    ARCHIV_BUILD_PART: 'ARCHIVE_BUILD_PART',
    BASEPATH: 'BASE_PATH',
    BASE_PAHT: 'BASE_PATH',
    base_path: 'BASE_PATH',
    SITE_URI: 'SITE_URL',
    SITEURL: 'SITE_URL',
    SITE_URLS: 'SITE_URL',
    Site_Url: 'SITE_URL',
  };
  for (const [name, known] of Object.entries(meant)) {
    assert.equal(meantVariable(name), known, name);
    assert.match(refusal({ [name]: '' }), new RegExp(`^${name}="" is not a variable this build reads: did you mean ${known}\\?`, 'm'));
  }
  for (const name of SETTING_VARIABLES) assert.equal(meantVariable(name), undefined, name);
  // What shells and CI systems set, some a little like SITE_URL or BASE_PATH (GIT_URL: Jenkins; SITE_ID, URL: Netlify).
  const others = ['PATH', 'HOME', 'GIT_URL', 'JOB_URL', 'BUILD_URL', 'SITE_ID', 'SITE_NAME', 'URL', 'DEPLOY_URL', 'BASE_URL', 'CDPATH', 'NODE_PATH', 'MANPATH', 'GITHUB_BASE_REF', 'CI_PAGES_URL', 'OUT_DIR', 'CONTENT_DIR'];
  for (const name of others) assert.equal(meantVariable(name), undefined, name);
  assert.deepEqual(buildSettings(Object.fromEntries(others.map((name) => [name, 'x'])), root, home).outDir, './dist');
  // A variable unset in a copy of the environment ({ ...env, X: undefined }) is not there.
  assert.equal(buildSettings({ ARCHIVE_OUTDIR: undefined }, root, home).outDir, './dist');
});

test('the edit distance counts a swap of neighbours as one step', () => {
  assert.equal(editDistance('BASE_PATH', 'BASE_PATH'), 0);
  assert.equal(editDistance('BASE_PAHT', 'BASE_PATH'), 1);
  assert.equal(editDistance('SITE_URI', 'SITE_URL'), 1);
  assert.equal(editDistance('GIT_URL', 'SITE_URL'), 2);
  assert.equal(editDistance('', 'ABC'), 3);
});

test('a setting in a .env file, which the build does not read, is refused with the fix', () => {
  const project = path.join(scratch, 'with-env-files');
  mkdirSync(path.join(project, 'content', 'news'), { recursive: true });
  // Vite reads PUBLIC_ and VITE_ variables from .env files: those are not the build's settings.
  writeFileSync(path.join(project, '.env'), '# hosting\nPUBLIC_ANALYTICS=off\nVITE_X=1\n');
  assert.equal(buildSettings({}, project, home).outDir, './dist');
  writeFileSync(path.join(project, '.env'), 'PUBLIC_ANALYTICS=off\nSITE_URL=https://example.org\nexport BASE_PATH="/archive/"\n');
  writeFileSync(path.join(project, '.env.production'), 'ARCHIVE_OUT_DIR=build/site\nBASEPATH=/x/\n');
  const message = refusal({}, project);
  assert.match(
    message,
    /^\.env sets SITE_URL="https:\/\/example\.org", which the build ignores: it reads its settings from the environment, not from \.env files\. Set it in the environment instead \(SITE_URL="https:\/\/example\.org" npm run build, or the CI job's env\), and remove the line from \.env\.$/m,
  );
  assert.match(message, /^\.env sets BASE_PATH="\/archive\/", which the build ignores/m);
  assert.match(message, /^\.env\.production sets ARCHIVE_OUT_DIR="build\/site", which the build ignores.*remove the line from \.env\.production\.$/m);
  assert.match(message, /^\.env\.production sets BASEPATH="\/x\/", which the build ignores.*\(BASE_PATH="\/x\/" npm run build/m);
  assert.doesNotMatch(message, /PUBLIC_ANALYTICS/);
  assert.equal(message.split('\n').length, 4);
  // A line the environment already holds (dotenv-cli, a container's env_file put it there) is read: not refused.
  const agreed = refusal({ SITE_URL: 'https://example.org', BASE_PATH: '/archive/', ARCHIVE_OUT_DIR: 'build/site' }, project);
  assert.doesNotMatch(agreed, /sets (SITE_URL|BASE_PATH|ARCHIVE_OUT_DIR)=/);
  assert.match(agreed, /\.env\.production sets BASEPATH/, 'a misspelt name is still refused');
  assert.match(refusal({ SITE_URL: 'https://other.example' }, project), /^\.env sets SITE_URL="https:\/\/example\.org", which the build ignores/m, 'a value the environment does not hold is');
});

test(".env files are checked for the command Astro runs: `astro dev` reads .env.development, a build .env.production, each ignoring the other's", () => {
  const project = path.join(scratch, 'with-mode-env-files');
  mkdirSync(path.join(project, 'content', 'news'), { recursive: true });
  // A setup that works: dotenv-cli loads .env.production into a build's environment; `npm run dev` never reads that file.
  writeFileSync(path.join(project, '.env.production'), 'SITE_URL=https://example.org\n');
  writeFileSync(path.join(project, '.env.development.local'), 'BASE_PATH=/dev/\n');
  const built = { SITE_URL: 'https://example.org' };
  assert.equal(envFileRefusal(built, project, 'build'), undefined);
  assert.equal(buildSettings(built, project, home).site, 'https://example.org');
  const dev = envFileRefusal({}, project, 'dev')?.message ?? '';
  assert.match(dev, /^\.env\.development\.local sets BASE_PATH="\/dev\/", which the dev server ignores: .*\(BASE_PATH="\/dev\/" npm run dev, or the CI job's env\), and remove the line from \.env\.development\.local\.$/);
  assert.doesNotMatch(dev, /\.env\.production/, "the dev server does not read a build's file");
  // Where the command is not known yet (astro.config.mjs), the files wait for the integration's check.
  assert.equal(buildSettings({}, project, home, 'none').outDir, './dist');
  assert.match(refusal({}, project), /^\.env\.production sets SITE_URL/m);
});

test('ARCHIVE_RENDER_THREADS is a whole number of threads, checked with the settings', () => {
  assert.equal(checkRenderThreads(undefined), undefined);
  assert.equal(checkRenderThreads(''), undefined);
  assert.equal(checkRenderThreads('1'), 1);
  assert.equal(checkRenderThreads('256'), 256);
  for (const bad of ['abc', '-3', '0', '2.5', '1e3', '0x4', '257', 'four']) {
    assert.match(
      refusal({ ARCHIVE_RENDER_THREADS: bad }),
      new RegExp(`^ARCHIVE_RENDER_THREADS=${RegExp.escape(JSON.stringify(bad))} is not a whole number of threads from 1 to 256\\. .*e\\.g\\. ARCHIVE_RENDER_THREADS=4 \\(or unset for one a core`, 'm'),
      bad,
    );
  }
  assert.match(refusal({ ARCHIVE_RENDER_THREADS: ' 4' }), /^ARCHIVE_RENDER_THREADS=" 4" has blanks around its value/m);
  assert.equal(renderThreads({ ARCHIVE_RENDER_THREADS: '3' }), 3);
  assert.equal(renderThreads({}), os.availableParallelism());
  assert.throws(() => renderThreads({ ARCHIVE_RENDER_THREADS: '-3' }), /ARCHIVE_RENDER_THREADS="-3"/);
});
