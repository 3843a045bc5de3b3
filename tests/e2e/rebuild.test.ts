/**
 * Rebuilding reuses what did not change (the content cache, unchanged report pages) and still
 * publishes every change: an edited body, a retitled report on every page that shows it, a new
 * report, a deleted one; and the kept output folder holds exactly what the last build produced.
 * A report file is not read again while its stat is what it was when last read; an edit that
 * keeps the size and puts the old times back, or a file moved over another, is still published.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, startCold } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { ROOT, TMP } from '../support/paths.ts';
import { buildCacheDir } from '../../src/output/cache/build-cache.ts';
import { FINISHED_MARKER } from '../../src/output/keep-output-integration.ts';

const source = 'source: { name: Example }';

/** An emptied output folder for `contentDir`, a reader of its report pages, and a build that must succeed (returns its log). */
async function emptyBuild(name: string, contentDir: string) {
  const outDir = path.join(TMP, 'builds', name);
  // No output and no cache: the first build is cold, however often the test has run.
  await startCold(outDir, contentDir);
  const page = (id: string) => readFile(path.join(outDir, 'news', id, 'index.html'), 'utf8');
  const rebuild = async () => {
    const result = await build({ contentDir, outDir });
    assert.equal(result.code, 0, result.output.slice(-3000));
    return result.output;
  };
  return { outDir, page, rebuild };
}

test('rebuilds publish edits, new and deleted reports, and re-render only what changed', { timeout: 300_000 }, async () => {
  const contentDir = await writeArchive('rebuild', {
    '2020/first.md': report(`title: First report\ndate: 2020-01-02\n${source}`, 'The first body.'),
    '2020/second.md': report(`title: Second report\ndate: 2020-02-03\n${source}`, 'The second body.'),
    '2021/third.md': report(`title: Third report\ndate: 2021-03-04\n${source}`, 'The third body.'),
  });
  const { outDir, page, rebuild } = await emptyBuild('rebuild', contentDir);

  const cold = await rebuild();
  assert.match(cold, /rendered 3 new or changed report\(s\)/);

  const filesBefore = new Map<string, number>();
  for (const file of await readdir(path.join(outDir, 'news/2020'))) filesBefore.set(file, (await stat(path.join(outDir, 'news/2020', file))).mtimeMs);
  await writeFile(path.join(contentDir, '2020/second.md'), report(`title: Second report\ndate: 2020-02-03\n${source}`, 'The second body, corrected.'));
  const edited = await rebuild();
  assert.match(edited, /rendered 1 new or changed report\(s\); 2 unchanged/, 'the content cache survived the first build');
  // Unchanged report pages are copied from the last build; the edited one is rendered again.
  assert.match(edited, /\/news\/2020\/first\/index\.html \((cached|restored)\)/);
  assert.doesNotMatch(edited, /\/news\/2020\/second\/index\.html \((cached|restored)\)/);
  assert.match(await page('2020/second'), /The second body, corrected\./);
  assert.match(await page('2020/first'), /The first body\./);
  // A report's own files (.md, .json, .bib, .ris, .csl.json): only the edited report's are rendered
  // again, and only those whose bytes changed are written: its source and JSON, not its citations.
  assert.match(edited, /report files: 5 of 15 rendered \(10 unchanged since the last build\), 2 written/);
  // The completeness check reads only the files this build wrote (their stamps changed), not the unchanged pages.
  const checked = /\((\d+) of (\d+) file\(s\) read/.exec(edited);
  assert.ok(checked && Number(checked[1]) > 0 && Number(checked[1]) < Number(checked[2]), `files read by the completeness check: ${checked?.[0]}`);
  for (const file of ['first.md', 'first.json', 'first.bib', 'second.bib', 'second.ris', 'second.csl.json']) {
    assert.equal((await stat(path.join(outDir, 'news/2020', file))).mtimeMs, filesBefore.get(file), `${file} left as it was`);
  }
  for (const file of ['second.md', 'second.json']) {
    assert.notEqual((await stat(path.join(outDir, 'news/2020', file))).mtimeMs, filesBefore.get(file), `${file} rewritten`);
  }
  assert.match(await readFile(path.join(outDir, 'news/2020/second.json'), 'utf8'), /The second body, corrected\./);

  await writeFile(path.join(contentDir, '2020/first.md'), report(`title: First report, retitled\ndate: 2020-01-02\n${source}`, 'The first body.'));
  await writeFile(path.join(contentDir, '2021/fourth.md'), report(`title: Fourth report\ndate: 2021-05-06\n${source}`, 'The fourth body.'));
  await rm(path.join(contentDir, '2021/third.md'));
  await rebuild();
  assert.match(await page('2020/first'), /<h1[^>]*>First report, retitled<\/h1>/);
  assert.match(await readFile(path.join(outDir, 'index.html'), 'utf8'), /First report, retitled/);
  assert.match(await page('2021/fourth'), /The fourth body\./);
  assert.equal(existsSync(path.join(outDir, 'news/2021/third/index.html')), false, 'a deleted report is no longer published');
  assert.equal(existsSync(path.join(outDir, 'news/2021/third.bib')), false, "nor are a deleted report's files");
  assert.equal(existsSync(path.join(outDir, 'news/2021/third')), false, "nor its page's folder");
  // The search bundle is kept too; the fragments of the deleted and the edited versions are gone.
  assert.equal((await readdir(path.join(outDir, 'pagefind/fragment'))).length, 3, 'one search fragment per published report');

  // The output folder is kept between builds, and holds exactly what this build produced.
  await writeFile(path.join(outDir, 'left-over.html'), '<p>an older build</p>');
  await mkdir(path.join(outDir, 'news/1999/gone'), { recursive: true });
  await writeFile(path.join(outDir, 'news/1999/gone/index.html'), '<p>a report deleted long ago</p>');
  const kept = await rebuild();
  assert.match(kept, /\/news\/2020\/second\/index\.html \(cached\)/, 'an unchanged page stays where it is, not copied back');
  assert.match(kept, /removed 2 file\(s\) of earlier builds/);
  assert.equal(existsSync(path.join(outDir, 'left-over.html')), false);
  assert.equal(existsSync(path.join(outDir, 'news/1999')), false);

  // The same build started another way (the shell's `_` names the command it ran: npm, time, a CI
  // wrapper; a host's CI, CONTEXT and URL) reuses every unchanged page: Astro would inline such
  // variables into the code whose hash decides it (src/output/cache/whole-env-reads.ts).
  const otherwise = { _: '/usr/bin/time', SHLVL: '7', CI: 'true', CONTEXT: 'deploy-preview', URL: 'https://preview.example.org', X: '1' };
  const launchedOtherwise = await build({ contentDir, outDir, env: otherwise });
  assert.equal(launchedOtherwise.code, 0, launchedOtherwise.output.slice(-3000));
  for (const id of ['2020/first', '2020/second', '2021/fourth']) {
    assert.match(launchedOtherwise.output, new RegExp(`/news/${id}/index\\.html \\(cached\\)`), `${id} reused`);
  }

  // Bad input fails the build before it touches the output: the last good site stays whole.
  await writeFile(path.join(contentDir, '2021/broken.md'), report(`title: Broken\ndate: 2021-02-30\n${source}`, 'An impossible date.'));
  assert.notEqual((await build({ contentDir, outDir })).code, 0, 'an impossible date fails the build');
  await rm(path.join(contentDir, '2021/broken.md'));
  assert.match(await page('2020/second'), /The second body, corrected\./);

  // A build stopped part-way (killed, or failed after writing pages) leaves a folder no cache
  // describes, and no record that it finished: the next build starts from an empty folder. Astro's
  // copy of a page it was writing when stopped is cut short: it is not copied back.
  const cacheDir = buildCacheDir(ROOT, { outDir, base: '/', contentDir });
  await rm(path.join(cacheDir, FINISHED_MARKER));
  await writeFile(path.join(outDir, 'left-over.html'), '<p>a build stopped part-way</p>');
  await writeFile(path.join(cacheDir, 'dist/news/2020/second/index.html'), '');
  const recovered = await rebuild();
  assert.match(recovered, /the last build into this folder did not finish/);
  assert.doesNotMatch(recovered, /\((restored|cached)\)/, 'every page is rendered again');
  assert.equal(existsSync(path.join(outDir, 'left-over.html')), false);
  assert.match(await page('2020/second'), /The second body, corrected\./);
  assert.match(recovered, /report files: 15 of 15 rendered \(0 unchanged since the last build\), 15 written/, 'the emptied folder gets every report file back');
  assert.match(await readFile(path.join(outDir, 'news/2020/second.bib'), 'utf8'), /Second report/);
});

test('a report file left unread by its stamp is read again after an edit of the same size with its old times, or a file moved over it', { timeout: 300_000 }, async () => {
  const body = (word: string) => `The body says ${word}.`;
  const contentDir = await writeArchive('rebuild-stamps', {
    '2020/first.md': report(`title: First report\ndate: 2020-01-02\n${source}`, body('alpha')),
    '2020/second.md': report(`title: Second report\ndate: 2020-02-03\n${source}`, body('bravo')),
    '2021/third.md': report(`title: Third report\ndate: 2021-03-04\n${source}`, body('delta')),
  });
  // Times in whole seconds, in the past, as a restored backup has them: put back exactly below.
  const past = new Date('2024-05-06T07:08:09Z');
  for (const file of ['2020/first.md', '2020/second.md', '2021/third.md']) await utimes(path.join(contentDir, file), past, past);
  const { page, rebuild } = await emptyBuild('rebuild-stamps', contentDir);
  // Files written just before a build are read again by the next one (their times are too close
  // to the stat to vouch for them); two seconds later they are not.
  await rebuild();
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  await rebuild();
  assert.match(await rebuild(), /read 0 of 3 report file\(s\); 3 unchanged/, 'unchanged files are not read');

  // The same number of bytes, and the modification time put back as it was (touch -d, a restore).
  const second = path.join(contentDir, '2020/second.md');
  const before = await stat(second);
  await writeFile(second, report(`title: Second report\ndate: 2020-02-03\n${source}`, body('bravA')));
  await utimes(second, past, past);
  assert.equal((await stat(second)).size, before.size);
  assert.equal((await stat(second)).mtimeMs, before.mtimeMs);
  const edited = await rebuild();
  assert.match(edited, /read 1 of 3 report file\(s\)/);
  assert.match(await page('2020/second'), /The body says bravA\./);

  // Another file of the same size and times moved over the report (an editor's tool saving by rename).
  const third = path.join(contentDir, '2021/third.md');
  const replacement = path.join(contentDir, 'third.md.new');
  await writeFile(replacement, report(`title: Third report\ndate: 2021-03-04\n${source}`, body('delTA')));
  await utimes(replacement, past, past);
  await rename(replacement, third);
  assert.equal((await stat(third)).mtimeMs, past.getTime());
  const replaced = await rebuild();
  assert.match(replaced, /read [12] of 3 report file\(s\)/);
  assert.match(await page('2021/third'), /The body says delTA\./);
  assert.match(await page('2020/second'), /The body says bravA\./);
  assert.match(await page('2020/first'), /The body says alpha\./);
});
