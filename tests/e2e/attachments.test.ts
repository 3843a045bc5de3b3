/**
 * Attachments as a reader and their tools meet them: listed on the report with type and size,
 * downloaded from under the report's address with exactly their bytes, in the report's JSON and
 * the archive's index; and across rebuilds the kept output holds exactly the attachments the
 * reports list, rewritten only when their file changed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { SiteSession } from '../support/browser.ts';
import { openSiteSession } from '../support/browser.ts';
import { buildShowcase, SHOWCASE_ATTACHMENTS, SHOWCASE_REPORTS } from '../support/showcase.ts';
import { build } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const REPORT = SHOWCASE_REPORTS.wideTable;

describe('attachments on the showcase report', () => {
  let session: SiteSession;
  let siteDir: string;

  before(async () => {
    siteDir = await buildShowcase('/');
    session = await openSiteSession(siteDir, '/');
  });
  after(async () => {
    await session?.close();
  });

  test('are listed with their type and size, and download with exactly their bytes', async () => {
    const context = await session.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(session.server.url(REPORT));
    const list = page.getByRole('region', { name: 'Attachments' });
    const items = await list.getByRole('listitem').allInnerTexts();
    assert.deepEqual(
      items,
      Object.values(SHOWCASE_ATTACHMENTS).map((a) => `${a.title} (${a.listed})`),
    );
    for (const [name, attachment] of Object.entries(SHOWCASE_ATTACHMENTS)) {
      const link = list.getByRole('link', { name: attachment.title });
      assert.equal(await link.getAttribute('href'), `/${REPORT}${name}`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), name);
      const saved = await download.path();
      assert.equal((await stat(saved)).size, attachment.bytes, `${name} downloads whole`);
      assert.deepEqual(await readFile(saved), await readFile(path.join(TMP, 'archives/showcase/2022/wide-table-and-long-links', name)));
    }
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
    await context.close();
  });

  test('are served with their media type, and in the report’s JSON and the archive index', async () => {
    const page = await session.browser.newPage();
    const response = await page.request.get(session.server.url(`${REPORT}budget-statement-2022.pdf`));
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /^application\/pdf/);
    const expected = Object.entries(SHOWCASE_ATTACHMENTS).map(([name, a]) => ({
      title: a.title,
      url: `${REPORT}${name}`,
      mediaType: name.endsWith('.pdf') ? 'application/pdf' : 'text/csv',
      bytes: a.bytes,
    }));
    const relative = (records: { url: string }[]) => records.map((r) => ({ ...r, url: new URL(r.url, session.server.origin).pathname.slice(1) }));
    const own = await (await page.request.get(session.server.url(REPORT.replace(/\/$/, '.json')))).json();
    assert.deepEqual(relative(own.attachments), expected);
    const index = await (await page.request.get(session.server.url('reports.json'))).json();
    const inIndex = index.reports.find((r: { id: string }) => REPORT === `news/${r.id}/`);
    assert.deepEqual(relative(inIndex.attachments), expected);
    assert.deepEqual(index.reports.find((r: { id: string }) => r.id !== inIndex.id).attachments, [], 'a report without attachments lists none');
    await page.close();
  });
});

test('rebuilds publish a replaced attachment, keep an unchanged one untouched and remove a dropped one', { timeout: 300_000 }, async () => {
  const frontmatter = (files: string[]) =>
    `title: With files\ndate: 2020-01-02\nsource: { name: Example }\nattachments:\n${files.map((f) => `  - { file: ./with-files/${f}, title: File ${f} }`).join('\n')}`;
  const contentDir = await writeArchive('attachments-rebuild', {
    '2020/with-files.md': report(frontmatter(['release.pdf', 'annex.csv'])),
    '2020/with-files/release.pdf': '%PDF-1.4 first',
    '2020/with-files/annex.csv': 'a,b\n1,2\n',
    '2021/plain.md': report('title: Plain\ndate: 2021-01-02\nsource: { name: Example }'),
  });
  const outDir = path.join(TMP, 'builds', 'attachments-rebuild');
  await rm(outDir, { recursive: true, force: true });
  const published = (name: string) => path.join(outDir, 'news/2020/with-files', name);
  const rebuild = async () => {
    const result = await build({ contentDir, outDir, base: '/archive/' });
    assert.equal(result.code, 0, result.output.slice(-3000));
    return result.output;
  };

  await rebuild();
  assert.equal(await readFile(published('release.pdf'), 'utf8'), '%PDF-1.4 first');
  const page = await readFile(path.join(outDir, 'news/2020/with-files/index.html'), 'utf8');
  assert.match(page, /<a href="\/archive\/news\/2020\/with-files\/release\.pdf" type="application\/pdf" download>File release\.pdf<\/a> <span class="meta">\(PDF, 14 bytes\)<\/span>/);
  const annexTime = (await stat(published('annex.csv'))).mtimeMs;

  await writeFile(path.join(contentDir, '2020/with-files/release.pdf'), '%PDF-1.4 second, longer');
  await rebuild();
  assert.equal(await readFile(published('release.pdf'), 'utf8'), '%PDF-1.4 second, longer', 'the replaced file is published');
  assert.match(await readFile(path.join(outDir, 'news/2020/with-files/index.html'), 'utf8'), /\(PDF, 23 bytes\)/, 'with its new size');
  assert.equal((await stat(published('annex.csv'))).mtimeMs, annexTime, 'an unchanged attachment is not written again');

  await writeFile(path.join(contentDir, '2020/with-files.md'), report(frontmatter(['release.pdf'])));
  await rebuild();
  assert.equal(existsSync(published('annex.csv')), false, 'an attachment no longer listed is removed from the output');
  assert.equal(existsSync(published('release.pdf')), true, 'the one still listed stays (keep-output knows the build produced it)');

  await rm(path.join(contentDir, '2020/with-files/release.pdf'));
  const failed = await build({ contentDir, outDir, base: '/archive/' });
  assert.notEqual(failed.code, 0);
  assert.match(failed.output, /2020\/with-files\.md: attachments\.0\.file: the attachment "\.\/with-files\/release\.pdf" does not exist/);
});

test('a build with an attachment badly named or of a type that would run fails, naming the report, the file and the fix', { timeout: 120_000 }, async () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'badly-named',
      {
        '2020/badly-named.md': report('title: Badly named\ndate: 2020-01-02\nsource: { name: Example }\nattachments:\n  - { file: "./badly-named/Press Release (final).pdf", title: The release }'),
        '2020/badly-named/Press Release (final).pdf': '%PDF',
      },
      /2020\/badly-named[\s\S]*attachments\.0\.file: the file name "Press Release \(final\)\.pdf" cannot be published as it is[\s\S]*Rename the file, for example to press-release-final\.pdf/,
    ],
    [
      'runs-on-the-site',
      {
        '2020/runs-on-the-site.md': report('title: Runs\ndate: 2020-01-03\nsource: { name: Example }\nattachments:\n  - { file: ./runs-on-the-site/page.html, title: The page }'),
        '2020/runs-on-the-site/page.html': '<script>alert(1)</script>',
      },
      /2020\/runs-on-the-site[\s\S]*attachments\.0\.file: "page\.html" is a \.html file, which a browser would run as part of this site/,
    ],
  ];
  for (const [name, files, expected] of cases) {
    const contentDir = await writeArchive(`attachments-refused-${name}`, files);
    const outDir = path.join(TMP, 'builds', `attachments-refused-${name}`);
    await rm(outDir, { recursive: true, force: true });
    const result = await build({ contentDir, outDir });
    assert.notEqual(result.code, 0, name);
    assert.match(result.output, expected);
    assert.equal(existsSync(path.join(outDir, 'news/2020', name)), false, `${name}: nothing of it published`);
  }
});
