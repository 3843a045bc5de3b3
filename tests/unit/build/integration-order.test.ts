import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BUILD_STEPS, subIntegrations } from '../../../src/integration.ts';
import { buildSettings } from '../../../src/settings/build-settings.ts';
import { ROOT } from '../../support/paths.ts';

test('the build runs its steps in the documented order: prune first, index and check after the files, finish last', () => {
  const settings = buildSettings({ ARCHIVE_CONTENT_DIR: path.join(ROOT, 'content/news') }, ROOT);
  const names = subIntegrations(settings).map((integration) => integration.name);
  assert.deepEqual(names, [...BUILD_STEPS]);
  assert.equal(names[0], 'news-archive:keep-output');
  assert.equal(names.at(-1), 'news-archive:keep-output-finished');
  assert.ok(names.indexOf('@astrojs/sitemap') < names.indexOf('news-archive:pagefind'), 'the completeness check reads the sitemap');
  assert.ok(names.indexOf('news-archive:report-files') < names.indexOf('news-archive:pagefind'), 'report files are written before the site is checked');
});
