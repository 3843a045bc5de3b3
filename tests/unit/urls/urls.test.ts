import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteUrl, normalizeBase, stripBase, withBase } from '../../../src/urls/base-urls.ts';
import { reportIdFromPath } from '../../../src/reports/report-path.ts';
import { reportPath } from '../../../src/urls/site-paths.ts';

test('normalizes any spelling of the base path', () => {
  for (const base of ['/archive/', '/archive', 'archive', 'archive/', ' /archive// ']) {
    assert.equal(normalizeBase(base), '/archive/');
  }
  for (const base of ['', '/', undefined, '//']) assert.equal(normalizeBase(base), '/');
});

test('joins site paths under the base, at the root and under a sub-path', () => {
  assert.equal(withBase('/', ''), '/');
  assert.equal(withBase('/', 'search/'), '/search/');
  assert.equal(withBase('/', '/news/2020/x/'), '/news/2020/x/');
  assert.equal(withBase('/archive/', ''), '/archive/');
  assert.equal(withBase('/archive', '/search/'), '/archive/search/');
  assert.equal(withBase('/archive/', 'favicon.svg'), '/archive/favicon.svg');
});

test('absolute URLs use the production site when set', () => {
  assert.equal(absoluteUrl('https://example.org', '/archive/', 'news/2020/x/'), 'https://example.org/archive/news/2020/x/');
  assert.equal(absoluteUrl('https://example.org/', '/', ''), 'https://example.org/');
  assert.equal(absoluteUrl(undefined, '/archive/', 'search/'), '/archive/search/');
});

test('strips the base for navigation matching', () => {
  assert.equal(stripBase('/archive/', '/archive/search/'), '/search/');
  assert.equal(stripBase('/', '/search/'), '/search/');
});

test('a report path gives a stable permalink, and bad names are refused with a fix', () => {
  const ok = reportIdFromPath('2020/casic-holds-2020-aerospace-defense-conference.md');
  assert.deepEqual(ok, { ok: true, id: '2020/casic-holds-2020-aerospace-defense-conference', year: 2020, slug: 'casic-holds-2020-aerospace-defense-conference' });
  assert.equal(reportPath('2020/x'), 'news/2020/x/');

  const upper = reportIdFromPath('2020/Big News.md');
  assert.equal(upper.ok, false);
  assert.match((upper as { problem: string }).problem, /rename it to big-news\.md/);

  const flat = reportIdFromPath('report.md');
  assert.equal(flat.ok, false);
  assert.match((flat as { problem: string }).problem, /<year>\/<slug>\.md/);
  assert.equal(reportIdFromPath('2020/sub/x.md').ok, false);
});
