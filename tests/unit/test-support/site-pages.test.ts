/** The page-type grouping the browser tests rely on to cover page types as they are added. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageTypeOf } from '../../support/site-pages.ts';

test('pages group into types by URL shape, whatever their names', () => {
  const cases: Record<string, string> = {
    '': 'home',
    'search/': 'search',
    'news/2020/casic-holds-2020-aerospace-defense-conference/': 'news/*/*',
    'news/2001/report-000001/': 'news/*/*',
    'archive/': 'archive',
    'archive/2/': 'archive/*',
    'topics/energy/': 'topics/*',
    'topics/energy/2/': 'topics/*/*',
    '404.html': '404',
  };
  for (const [sitePath, type] of Object.entries(cases)) assert.equal(pageTypeOf(sitePath), type, sitePath);
});
