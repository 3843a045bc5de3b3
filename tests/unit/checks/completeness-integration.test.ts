/**
 * The completeness check over a small built site (no reports: the listings, feeds and index are
 * empty), with its pages read on a thread as soon as they are written, and without.
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import completenessIntegration from '../../../src/checks/completeness-integration.ts';
import { imagePlaceholderProblem } from '../../../src/checks/image-placeholders.ts';

const PAGES = {
  'index.html': '<a href="/news/">News</a><a href="/news/a/">a</a><a href="/news/b/">b</a><link rel="stylesheet" href="/_astro/site.css">',
  'news/index.html': '<a href="/">Home</a><a href="a/">a</a>',
  'news/a/index.html': '<a href="../b/">b</a><img src="/news/a/photo.png" alt="">',
  'news/b/index.html': '<a href="/news/">All</a>',
  'corrections/index.html': '<a href="/">Home</a>',
};
const OTHER_FILES = {
  '_astro/site.css': 'body {}',
  'news/a/photo.png': 'png',
  'reports.json': '{"reports":[]}',
  'feed.xml': '<rss></rss>',
  'atom.xml': '<feed></feed>',
  'feed.json': '{"items":[]}',
  'corrections/atom.xml': '<feed></feed>',
};
const PLACEHOLDER_IMG = '<img __ASTRO_IMAGE_="{&#x22;src&#x22;:&#x22;./a.png&#x22;}">';

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}

/** A site folder, an empty content folder, and a cache folder for each check. */
async function fixture(pages: Record<string, string>) {
  const root = await mkdtemp(path.join(tmpdir(), 'completeness-check-'));
  const siteDir = path.join(root, 'dist');
  await writeFiles(siteDir, { ...pages, ...OTHER_FILES });
  await mkdir(path.join(root, 'content'));
  let caches = 0;
  const check = () => {
    const completeness = completenessIntegration({ contentDir: path.join(root, 'content'), feedSize: 20 });
    const configDone = completeness.hooks['astro:config:done'] as unknown as (options: { config: object }) => void;
    configDone({ config: { base: '/', outDir: pathToFileURL(`${siteDir}/`), cacheDir: pathToFileURL(path.join(root, `cache-${++caches}/`)) } });
    const messages: string[] = [];
    const logger = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(`warning: ${m}`) } as unknown as AstroIntegrationLogger;
    return { completeness, messages, run: () => completeness.checkSite(siteDir, logger) };
  };
  return { root, siteDir, check };
}

/** The check's messages, without the time it took. */
const untimed = (messages: string[]) => messages.map((m) => m.replace(/in \d+ ms$/, 'in (time)'));

async function failureOf(run: () => Promise<void>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('the check passed');
}

test('pages removed or written again after they were read on their own thread are checked as they are when the check runs', async () => {
  const { root, siteDir, check } = await fixture({
    ...PAGES,
    // An earlier build's page, which keep-output removes before the check: its broken link is no longer the site's.
    'news/removed/index.html': '<a href="/news/gone/">gone</a>',
    'news/c/index.html': `<p>${PLACEHOLDER_IMG}</p>`,
  });
  try {
    const early = check();
    const readings = await early.completeness.pagesWritten()!.readings();
    assert.ok(readings.has('news/removed/index.html') && readings.has('news/b/index.html'), 'read before the changes');
    await rm(path.join(siteDir, 'news/removed'), { recursive: true });
    await writeFile(path.join(siteDir, 'news/b/index.html'), '<a href="/news/">All</a><a href="/news/missing/">missing</a>');

    const failure = await failureOf(early.run);
    assert.equal(
      failure,
      '1 broken internal link(s):\n  news/b/index.html: /news/missing/ (no file news/missing/index.html)\n' +
        `1 file(s) with an unresolved image:\n  ${imagePlaceholderProblem('news/c/index.html')}`,
    );
    assert.equal(failure, await failureOf(check().run), 'the same failure as a check that reads every page itself');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a page read on its own thread and unchanged since is not read again by the check, which reports as it always has', async () => {
  const { root, siteDir, check } = await fixture(PAGES);
  try {
    const early = check();
    await early.completeness.pagesWritten()!.readings();
    const pagesRead: string[] = [];
    const readFileSync = fs.readFileSync;
    mock.method(fs, 'readFileSync', function (this: unknown, file: fs.PathOrFileDescriptor, ...rest: unknown[]) {
      if (String(file).endsWith('.html')) pagesRead.push(path.relative(siteDir, String(file)));
      return (readFileSync as (...args: unknown[]) => unknown).call(this, file, ...rest);
    });
    syncBuiltinESMExports();
    try {
      await early.run();
    } finally {
      mock.restoreAll();
      syncBuiltinESMExports();
    }
    assert.deepEqual(pagesRead, []);

    const alone = check();
    await alone.run();
    assert.deepEqual(untimed(early.messages), untimed(alone.messages));
    assert.match(early.messages.at(-1)!, /5 pages' links whole \(10 of 10 file\(s\) read, the rest unchanged since they were last read; 5 page\(s\) parsed\)/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
