import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPagesEarly } from '../../../src/checks/early-pages.ts';
import { pageLinks } from '../../../src/checks/page-links.ts';
import { stampFile } from '../../../src/output/up-to-date/file-stamps.ts';
import { writeCacheFile } from '../../../src/output/cache/cache-file.ts';

const PLACEHOLDER_IMG = '<img __ASTRO_IMAGE_="{&#x22;src&#x22;:&#x22;./a.png&#x22;}">';
const SITE = {
  'index.html': '<a href="/news/">News</a><link rel="stylesheet" href="/_astro/site.css">',
  'news/2020/a/index.html': '<a href="../b/">b</a><img src="/a.png" srcset="/a-1.png 1x, /a-2.png 2x" alt="">',
  'news/2020/b/index.html': `<p>${PLACEHOLDER_IMG}</p>`,
  'news/2020/a.json': `{"html":"${PLACEHOLDER_IMG.replaceAll('"', '\\"')}"}`,
  'pagefind/fragment/x.html': '<a href="/nowhere/">not a page of the site</a>',
};

async function writeSite(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'early-pages-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

test('a thread reads every page of the site: its links, stamp and digest, and whether it holds an unresolved image', async () => {
  const dir = await writeSite(SITE);
  try {
    const readings = await readPagesEarly(dir, undefined, Promise.resolve('v1')).readings();
    // Pages only: not the report files (the check reads those itself) nor the search bundle.
    assert.deepEqual([...readings.keys()].sort(), ['index.html', 'news/2020/a/index.html', 'news/2020/b/index.html']);
    const here = pageLinks(undefined, 'v1');
    for (const [file, reading] of readings) {
      const { digest, links } = here.read(await readFile(path.join(dir, file)));
      assert.deepEqual(reading, { stamp: stampFile(path.join(dir, file)), digest, links, placeholder: file === 'news/2020/b/index.html' }, file);
    }
    assert.deepEqual(readings.get('news/2020/a/index.html')!.links, ['../b/', '/a.png', '/a-1.png', '/a-2.png']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('pages the link cache vouches for, unchanged since they were found clean, are left to the check, which does not read them', async () => {
  const dir = await writeSite(SITE);
  const cacheFile = path.join(dir, '..', `${path.basename(dir)}-page-links.json`);
  try {
    const last = pageLinks(undefined, 'v1');
    const page = 'news/2020/a/index.html';
    last.vouch(page, stampFile(path.join(dir, page)), last.read(await readFile(path.join(dir, page))).digest);
    writeCacheFile(cacheFile, last.toCache());
    const readings = await readPagesEarly(dir, cacheFile, Promise.resolve('v1')).readings();
    assert.deepEqual([...readings.keys()].sort(), ['index.html', 'news/2020/b/index.html']);
    // Another extractor: the cache is not this one's, and every page is read.
    assert.equal((await readPagesEarly(dir, cacheFile, Promise.resolve('v2')).readings()).size, 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheFile, { force: true });
  }
});

test('a site folder that is gone is no failure of the thread: it reads nothing, and the check finds what is there', async () => {
  const readings = await readPagesEarly(path.join(tmpdir(), 'early-pages-no-such-folder'), undefined, Promise.resolve('v1')).readings();
  assert.equal(readings.size, 0);
});

test('the check waiting for a thread that ended without answering fails, saying so', async () => {
  const dir = await writeSite(SITE);
  try {
    const reading = readPagesEarly(dir, undefined, new Promise<string>(() => {}));
    reading.end();
    await assert.rejects(reading.readings(), /thread reading the built pages for the completeness check ended \(exit code \d+\) without answering/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a reading nobody waits for does not keep the process alive', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'early-pages-alive-'));
  try {
    // The job never comes: the thread would wait for it forever. (A file, not --eval: a thread inherits --eval.)
    const script = path.join(dir, 'build.mjs');
    await writeFile(
      script,
      `import { readPagesEarly } from ${JSON.stringify(new URL('../../../src/checks/early-pages.ts', import.meta.url).href)};
readPagesEarly(${JSON.stringify(dir)}, undefined, new Promise(() => {}));
setTimeout(() => console.log('thread started'), 500);`,
    );
    const child = spawnSync(process.execPath, [script], { timeout: 20_000, encoding: 'utf8' });
    assert.equal(child.error, undefined, 'ended by the timeout: the thread kept the process alive');
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, 'thread started\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
