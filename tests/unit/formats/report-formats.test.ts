import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { contentType, DOWNLOAD_ORDER, REPORT_FORMATS } from '../../../src/formats/report-formats.ts';
import { ROOT } from '../../support/paths.ts';

const ROUTES = path.join(ROOT, 'src/pages/news/[year]');

// Every format has a renderer: REPORT_FORMAT_RENDERERS is typed by the format keys.
test('every report format has a route file and a download link, and no route is left without a format', () => {
  for (const format of REPORT_FORMATS) {
    assert.ok(existsSync(path.join(ROUTES, `[slug].${format.extension}.ts`)), `route for .${format.extension}`);
  }
  const routed = readdirSync(ROUTES).filter((f) => /^\[slug\]\..+\.ts$/.test(f)).map((f) => f.slice('[slug].'.length, -'.ts'.length));
  assert.deepEqual(routed.sort(), REPORT_FORMATS.map((f) => f.extension).sort());
  assert.deepEqual(new Set(DOWNLOAD_ORDER), new Set(REPORT_FORMATS));
});

test('reference-manager formats are offered first; text formats are served as UTF-8', () => {
  assert.deepEqual(DOWNLOAD_ORDER.map((f) => f.label), ['BibTeX', 'RIS', 'CSL-JSON', 'Markdown source', 'JSON']);
  assert.equal(contentType(REPORT_FORMATS.find((f) => f.extension === 'md')!), 'text/markdown; charset=utf-8');
  assert.equal(contentType(REPORT_FORMATS.find((f) => f.extension === 'bib')!), 'application/x-bibtex; charset=utf-8');
  assert.equal(contentType(REPORT_FORMATS.find((f) => f.extension === 'json')!), 'application/json');
});
