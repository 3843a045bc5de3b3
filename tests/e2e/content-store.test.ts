/**
 * A build keeps its content store in one file when the bound of what the reports' files can put
 * into it fits (src/reports/content-storage.ts): the bound must hold for what Astro really
 * writes, for ordinary reports and for reports made to store as much as they can from few bytes
 * (many tiny headings, a list of short dates, repeated values through YAML aliases).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { ROOT, TMP } from '../support/paths.ts';
import { buildCacheDir } from '../../src/output/cache/build-cache.ts';
import { listReportFiles } from '../../src/reports/content-dir.ts';
import { buildStoreBound, storedPartBytes } from '../../src/reports/content-storage.ts';

const source = 'source: { name: Example }';

test("the store a build writes stays within the bound of what the reports' files can put into it", { timeout: 300_000 }, async () => {
  const dates = Array.from({ length: 100 }, (_, i) => `  - { date: 2021-0${1 + (i % 9)}-1${i % 10}, kind: update, note: n }`).join('\n');
  const contentDir = await writeArchive('content-store', {
    '2020/headings.md': report(`title: Headings\ndate: 2020-01-02\n${source}`, Array.from({ length: 300 }, (_, i) => `# h${i}`).join('\n\n')),
    '2020/setext.md': report(`title: Setext\ndate: 2020-01-03\n${source}`, Array.from({ length: 200 }, (_, i) => `s${i}\n==`).join('\n\n')),
    '2020/updates.md': report(`title: Many updates\ndate: 2020-01-01\n${source}\nupdates:\n${dates}`, 'Updated often.'),
    '2020/ordinary.md': report(`title: An ordinary report\ndate: 2020-02-01\n${source}\ntopics: [energy, grid]`, '## Background\n\nA paragraph of the kind most reports are made of.\n'),
    '2020/aliases.md': report(`title: &t A title repeated through an alias, long enough to matter\ndate: 2020-01-04\n${source}\nsummary: *t\ntopics: [*t, b, c]`, 'Aliases.'),
  });
  const outDir = path.join(TMP, 'builds', 'content-store');
  const cacheDir = buildCacheDir(ROOT, { outDir, base: '/', contentDir });
  for (const dir of [outDir, cacheDir]) await rm(dir, { recursive: true, force: true });
  const result = await build({ contentDir, outDir });
  assert.equal(result.code, 0, result.output.slice(-3000));

  const files = await listReportFiles(contentDir);
  let bytes = 0;
  let storedBytes = 0;
  for (const file of files) {
    const text = await readFile(path.join(contentDir, file), 'utf8');
    bytes += Buffer.byteLength(text);
    storedBytes += storedPartBytes(text);
  }
  const store = (await stat(path.join(cacheDir, 'data-store.json'))).size;
  const bound = buildStoreBound({ reports: files.length, bytes, storedBytes });
  // Few reports, so the bound is mostly what their files can put into the store, not the fixed fields.
  assert.ok(store <= bound, `the store is ${store} bytes, above its bound of ${bound}`);
});
