/**
 * Issue 13's proof, end to end: generated articles (tables, nested lists, captions, embedded HTML,
 * entities, Chinese, Arabic and Russian text) carried in a WordPress export, an RSS feed, an Atom
 * feed and saved pages are imported from one folder by the real CLI, the archive is built, and
 * every word a browser shows of each source article is, in order, on its built report page.
 * The articles come from the same generator as the readers' property tests, sampled with a fixed
 * seed so a failure can be replayed. Some carry a byline, in each format's own way: in Chromium,
 * their pages show it, and a search for an author's surname finds the report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { article, articleHtml, atomFile, htmlPage, rssFile, wxrFile, type Dated } from '../support/article-generator.ts';
import { assertWordsInOrder, visibleWords } from '../support/source-fidelity.ts';
import { build } from '../support/build.ts';
import { openSiteSession } from '../support/browser.ts';
import { allResults, openSearch } from '../support/search-page.ts';
import { ROOT, TMP } from '../support/paths.ts';

const CLI = path.join(ROOT, 'src/importer/import-cli.ts');
const SCRATCH = path.join(TMP, 'import-formats');
const DATE: Dated = {
  rfc822: 'Fri, 31 Jul 2020 23:30:00 +0800',
  rfc3339: '2020-07-31T23:30:00+08:00',
  wordpressLocal: '2020-07-31 23:30:00',
  wordpressGmt: '2020-07-31 15:30:00',
};

/**
 * Bylines by article (0-2 the export, 3-4 the RSS feed, 5-6 the Atom feed, 7-9 the pages): three
 * WordPress authors (logins mapped to display names, two of them written right to left), an RSS `<author>` ("address (Name)"), an
 * Atom `<author>`, a page's rel="author" link and a page's `<meta name="author">`. The last word
 * of each name is a surname no generated word is.
 */
const BYLINES: Record<number, { authors: string[]; shown: string }> = {
  0: { authors: ['محمد علي', 'سارة أحمد', 'Jane Quillfeather'], shown: 'By محمد علي, سارة أحمد and Jane Quillfeather' },
  4: { authors: ['Amara Okonkwobright'], shown: 'By Amara Okonkwobright' },
  5: { authors: ['Wen Lirongxi'], shown: 'By Wen Lirongxi' },
  7: { authors: ['Priya Ravindrakumar'], shown: 'By Priya Ravindrakumar' },
  8: { authors: ['Mateus Vasconcelhos'], shown: 'By Mateus Vasconcelhos' },
};

function articleElement(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'article') return child;
    const found = articleElement(child);
    if (found) return found;
  }
  return undefined;
}

test('a WordPress export, an RSS and an Atom feed and saved pages, imported from one folder and built: every word of every article is on its page, in order', { timeout: 600_000 }, async () => {
  await rm(SCRATCH, { recursive: true, force: true });
  const sources = path.join(SCRATCH, 'sources');
  const contentDir = path.join(SCRATCH, 'news');
  await mkdir(path.join(sources, 'pages'), { recursive: true });
  const articles = fc.sample(article, { numRuns: 10, seed: 20200731 }).map((a, i) => (BYLINES[i] ? { ...a, authors: BYLINES[i].authors } : a));
  const [wxr, rss, atom, pages] = [articles.slice(0, 3), articles.slice(3, 5), articles.slice(5, 7), articles.slice(7)];
  await writeFile(path.join(sources, 'export.xml'), wxrFile(wxr, DATE));
  // Names that say nothing of the format: the content decides.
  await writeFile(path.join(sources, 'agency-feed.txt'), rssFile(rss, DATE, false));
  await writeFile(path.join(sources, 'newsroom.rss'), atomFile(atom, DATE, false));
  for (const [i, page] of pages.entries()) {
    // Each page its own canonical address: pages that share one are one article, imported once.
    const html = htmlPage(page, DATE, i % 2 === 0 ? 'article' : 'main').replace('https://agency.example/news/1', `https://agency.example/news/page-${i}`);
    await writeFile(path.join(sources, 'pages', `release-${i}.html`), html);
  }

  const run = spawnSync(process.execPath, [CLI, '--source', 'Example Agency', sources], {
    cwd: SCRATCH,
    env: { ...process.env, ARCHIVE_CONTENT_DIR: contentDir, CI: '1' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `the import failed:\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, new RegExp(`\\b${articles.length} imported\\b`), run.stdout);

  const outDir = path.join(TMP, 'builds', 'import-formats');
  const built = await build({ contentDir, outDir });
  assert.equal(built.code, 0, `the build fails:\n${built.output.slice(-3000)}`);

  const reportPages: { id: string; file: string; text: string }[] = [];
  for (const year of await readdir(path.join(outDir, 'news'))) {
    if (!/^\d{4}$/.test(year)) continue;
    for (const slug of await readdir(path.join(outDir, 'news', year))) {
      const file = path.join(outDir, 'news', year, slug, 'index.html');
      const html = await readFile(file, 'utf8').catch(() => undefined);
      const report = html && articleElement(fromHtml(html));
      if (report) reportPages.push({ id: `${year}/${slug}`, file, text: toText(report).replace(/\s+/g, ' ') });
    }
  }
  assert.equal(reportPages.length, articles.length, 'one page per imported article');
  const bylined = new Map<string, { shown: string; names: number; surnames: string[] }>();
  for (const [i, source] of articles.entries()) {
    const words = visibleWords(articleHtml(source));
    // The lead paragraph opens with a word no other article has: it finds the article's page.
    const page = reportPages.find((p) => p.text.includes(words[0]!));
    assert.ok(page, `no built page holds "${words[0]}" of the article\n${articleHtml(source)}`);
    assertWordsInOrder(words, page.text, `${page.file}\nsource:\n${articleHtml(source)}`);
    const byline = BYLINES[i];
    if (byline) bylined.set(page.id, { shown: byline.shown, names: byline.authors.length, surnames: byline.authors.map((name) => name.split(' ').at(-1)!) });
  }

  const session = await openSiteSession(outDir);
  try {
    const page = await session.browser.newPage();
    for (const [id, byline] of bylined) {
      await page.goto(session.server.url(`news/${id}/`));
      const shown = page.locator('.report header .byline');
      assert.ok(await shown.isVisible(), `${id}: the byline is visible`);
      assert.equal((await shown.innerText()).trim(), byline.shown, id);
      // Drawn in the order credited on the English page's left-to-right line, whatever their script:
      // two right-to-left names with a comma between them would otherwise swap places.
      const lefts = await shown.locator('bdi').evaluateAll((names) => names.map((name) => name.getBoundingClientRect().left));
      assert.equal(lefts.length, byline.names, id);
      assert.deepEqual(lefts, [...lefts].sort((a, b) => a - b), `${id}: the names are drawn in the order credited`);
      for (const surname of byline.surnames.filter((name) => /^[A-Za-z]+$/.test(name))) {
        await openSearch(page, session.server.url(`search/?${new URLSearchParams({ q: surname })}`));
        assert.deepEqual((await allResults(page)).map((result) => result.id), [id], `a search for ${surname} finds its report`);
      }
    }
    // A report without authors has no byline.
    const unsigned = reportPages.find((p) => !bylined.has(p.id))!;
    await page.goto(session.server.url(`news/${unsigned.id}/`));
    assert.equal(await page.locator('.byline').count(), 0, unsigned.id);
  } finally {
    await session.close();
  }
});
