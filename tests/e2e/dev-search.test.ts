/**
 * Search in `astro dev`: the dev server builds a Pagefind index from its own rendered pages and
 * serves a working bundle, and a report added while it runs becomes searchable.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { generateArchive, type SyntheticReport } from '../bench/generate.ts';
import { launchBrowser } from '../support/browser.ts';
import { report } from '../support/fixtures.ts';
import { freePort } from '../support/server-process.ts';
import { ROOT, TMP } from '../support/paths.ts';
import { allResults, openSearch } from '../support/search-page.ts';

let dev: ChildProcess;
let output = '';
let origin = '';
let browser: Browser;
let reports: SyntheticReport[];
const contentDir = path.join(TMP, 'archives', 'dev-search');


/** Resolves when the dev server has logged `pattern` (counting from `from` characters of its output). */
function logged(pattern: RegExp, from = 0, timeoutMs = 90_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server never logged ${pattern}:\n${output.slice(-3000)}`)), timeoutMs);
    const check = () => {
      if (pattern.test(output.slice(from))) {
        clearTimeout(timer);
        dev.stdout!.off('data', check);
        resolve();
      }
    };
    dev.stdout!.on('data', check);
    check();
  });
}

before(async () => {
  reports = await generateArchive({ dir: contentDir, count: 12, seed: 11 });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ARCHIVE_CONTENT_DIR: contentDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (chunk) => (output += chunk));
  dev.stderr!.on('data', (chunk) => (output += chunk));
  await logged(/search index \(start\): 12 reports/);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
});

test('the dev server serves a Pagefind bundle built from its own pages', async () => {
  for (const file of ['pagefind/pagefind.js', 'pagefind/pagefind-entry.json', 'pagefind/pagefind-highlight.js']) {
    const response = await fetch(`${origin}/${file}`);
    assert.equal(response.status, 200, file);
  }
  const entry = (await (await fetch(`${origin}/pagefind/pagefind-entry.json`)).json()) as { languages: Record<string, { page_count: number }> };
  assert.equal(Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0), reports.length);

  const page = await browser.newPage();
  const target = reports[3]!;
  await openSearch(page, `${origin}/search/?q=${target.rareWord}`);
  const [result] = await allResults(page);
  assert.equal(result?.id, target.id);
  await page.close();
});

test('a report added while the dev server runs becomes searchable', async () => {
  const from = output.length;
  await mkdir(path.join(contentDir, '2010'), { recursive: true });
  await writeFile(
    path.join(contentDir, '2010', 'added-during-dev.md'),
    report('title: Added during development\ndate: 2010-06-01\nsource: { name: Example }', 'The word zqdevonlyvex appears here.'),
  );
  await logged(/search index \(content changed\): 13 reports/, from);
  const page = await browser.newPage();
  await openSearch(page, `${origin}/search/?q=zqdevonlyvex`);
  assert.deepEqual((await allResults(page)).map((r) => r.id), ['2010/added-during-dev']);
  await page.close();
});
