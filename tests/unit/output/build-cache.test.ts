import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCacheDir, type BuildIdentity } from '../../../src/output/cache/build-cache.ts';

const dist: BuildIdentity = { outDir: '/site/dist', base: '/', contentDir: '/site/content/news' };

test('the same build finds the same cache folder, inside node_modules/.astro', () => {
  assert.equal(buildCacheDir('/site', dist), buildCacheDir('/site', { ...dist }));
  assert.match(buildCacheDir('/site', dist), /^\/site\/node_modules\/\.astro\/dist-[0-9a-f]{12}$/);
});

test('builds that differ in output, base, site or content get caches of their own', () => {
  const variants: BuildIdentity[] = [
    { ...dist, outDir: '/site/tests/.tmp/builds/x' },
    { ...dist, base: '/archive/' },
    { ...dist, site: 'https://example.org' },
    { ...dist, contentDir: '/tmp/synthetic' },
  ];
  const dirs = new Set([dist, ...variants].map((identity) => buildCacheDir('/site', identity)));
  assert.equal(dirs.size, 5);
});
