/**
 * `npm run build` does nothing when nothing changed since the last finished build, and builds
 * (saying why) after any change: a report touched, an output file altered, a plain `astro build`
 * in between, a failed build. The warnings of the build it stands for are told again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runAstro, runScript, startCold } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';
import { filesUnder } from '../../src/output/files-under.ts';
import { SETTLE_MS } from '../../src/reports/source-stamp/source-stamp.ts';

const source = 'source: { name: Example }';

/** `npm run build`'s command, with the archive and output set by env. */
const npmRunBuild = (env: Record<string, string>, args: string[] = []) => runScript('src/output/up-to-date/build-cli.ts', args, env);

/** Past the margin within which a file's stamp cannot vouch for it (an edit that close to a build is looked at again). */
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 200));

async function mtimes(dir: string): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (const file of await filesUnder(dir)) times.set(file, (await stat(path.join(dir, file))).mtimeMs);
  return times;
}

test('npm run build does nothing when nothing changed, and builds after any change, saying why', { timeout: 600_000 }, async () => {
  const contentDir = await writeArchive('up-to-date', {
    '2020/first.md': report(`title: First report\ndate: 2020-01-02\n${source}`, 'The first body.'),
    '2020/raw.md': report(`title: Raw report\ndate: 2020-02-03\n${source}`, 'Text <a href="javascript:alert(1)">link</a> kept.'),
  });
  const outDir = path.join(TMP, 'builds', 'up-to-date');
  // No output and no cache: the first build has no record to compare with.
  await startCold(outDir, contentDir);
  const env = { ARCHIVE_CONTENT_DIR: contentDir, ARCHIVE_OUT_DIR: outDir };
  const build = async (expect: RegExp, args: string[] = []) => {
    const result = await npmRunBuild(env, args);
    assert.equal(result.code, 0, result.output.slice(-3000));
    assert.match(result.output, expect);
    return result.output;
  };
  const astroRan = /generating static routes/;
  const page = path.join(outDir, 'news/2020/first/index.html');
  await settle();

  const cold = await build(/building: no finished build of these settings is recorded/);
  assert.match(cold, astroRan);
  const warning = cold.split('\n').find((line) => line.includes('2020/raw.md: the HTML sanitiser removed'));
  assert.ok(warning, 'the cold build warns about the raw HTML it removed');

  const before = await mtimes(outDir);
  const idle = await build(/up to date: nothing changed since the build that finished at/);
  assert.doesNotMatch(idle, astroRan, 'Astro did not run');
  assert.ok(idle.includes(warning!.trim()), "that build's warning is told again");
  assert.deepEqual(await mtimes(outDir), before, 'no output file was written');

  // A report whose file was touched (same bytes, new times) is looked at again.
  const first = path.join(contentDir, '2020/first.md');
  await utimes(first, new Date(), new Date());
  await settle();
  const touched = await build(/building: files changed since the last build: .*2020\/first\.md/);
  assert.match(touched, astroRan);
  await build(/up to date/);

  // An output file changed by hand: the folder is built again from empty, and the page is the build's again.
  const built = await readFile(page, 'utf8');
  await writeFile(page, '<p>changed by hand</p>');
  await build(/building: output files changed since the last build: .*news\/2020\/first\/index\.html.*from empty/);
  assert.equal(await readFile(page, 'utf8'), built);
  await build(/up to date/);
  await writeFile(path.join(outDir, 'extra.html'), '<p>added by hand</p>');
  await build(/building: output files added since the last build: .*extra\.html/);
  assert.equal(existsSync(path.join(outDir, 'extra.html')), false);
  // Changed by hand while a report changed too: the folder is still built again from empty.
  const rawPage = path.join(outDir, 'news/2020/raw/index.html');
  const rawBuilt = await readFile(rawPage, 'utf8');
  await writeFile(rawPage, rawBuilt.replace('kept.', 'changed by hand.'));
  await appendFile(first, '\nA paragraph added.\n');
  await settle();
  await build(/building: files changed since the last build: .*2020\/first\.md; output files changed .*news\/2020\/raw\/index\.html.*from empty/);
  assert.equal(await readFile(rawPage, 'utf8'), rawBuilt);
  assert.match(await readFile(page, 'utf8'), /A paragraph added\./);
  await build(/up to date/);

  // Astro's own options would change what is written without the check seeing them: refused.
  const withSite = await npmRunBuild(env, ['--site', 'https://other.example/']);
  assert.equal(withSite.code, 1);
  assert.match(withSite.output, /npm run build takes --force, --verbose and --silent, not --site https:\/\/other\.example\/: .*SITE_URL/);

  // A plain `astro build` in between: its output is not the one recorded.
  const plain = await runAstro(['build'], env);
  assert.equal(plain.code, 0, plain.output.slice(-3000));
  await build(/building: no finished build of these settings is recorded/);

  // A failed build leaves no record to stand on.
  const broken = path.join(contentDir, '2020/broken.md');
  await writeFile(broken, report(`date: 2020-03-04\n${source}`, 'No title.'));
  await settle();
  const failed = await npmRunBuild(env);
  assert.notEqual(failed.code, 0, 'a report without a title fails the build');
  await rm(broken);
  await settle();
  await build(/building: no finished build of these settings is recorded/);

  // --force builds anyway.
  assert.match(await build(astroRan, ['--force']), astroRan);
  await build(/up to date/);

  // Bad settings are refused before anything is looked at or written.
  const settled = await mtimes(outDir);
  const refused = await npmRunBuild({ ...env, ARCHIVE_SEARCH_PARTITION_YEARS: 'five' });
  assert.equal(refused.code, 1);
  assert.match(refused.output, /ARCHIVE_SEARCH_PARTITION_YEARS="five" is not a whole number of years/);
  assert.deepEqual(await mtimes(outDir), settled);
});
