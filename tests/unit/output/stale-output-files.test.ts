import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleOutputFiles } from '../../../src/output/stale-output-files.ts';

const products = {
  routeFiles: ['index.html', 'news/2020/kept/index.html', 'news/2020/kept.bib', 'feed.xml'],
  publicFiles: ['favicon.svg', 'robots-extra.txt'],
  freshFolders: ['_astro'],
};

test("a deleted report's page and files are stale; this build's pages, public files and fresh assets are not", () => {
  const existing = [
    'index.html',
    'news/2020/kept/index.html',
    'news/2020/kept.bib',
    'news/2021/deleted/index.html',
    'news/2021/deleted.bib',
    'feed.xml',
    'favicon.svg',
    'robots-extra.txt',
    '_astro/search.B1x2.js',
  ];
  assert.deepEqual(staleOutputFiles(existing, products), ['news/2021/deleted.bib', 'news/2021/deleted/index.html']);
});

test('a file removed from the public folder is stale, and so is a lookalike of a fresh folder', () => {
  const existing = ['favicon.svg', 'old-logo.png', '_astro-old/x.js', '_astro/x.js'];
  assert.deepEqual(staleOutputFiles(existing, products), ['_astro-old/x.js', 'old-logo.png']);
});

test('an output folder that holds exactly the build has nothing stale', () => {
  assert.deepEqual(staleOutputFiles([...products.routeFiles, ...products.publicFiles], products), []);
});
