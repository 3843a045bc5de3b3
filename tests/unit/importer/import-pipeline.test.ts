/**
 * The pure parts of the import pipeline: recognising an item imported before, naming a new report
 * without taking another's name, the change summary, the digest that tells a changed source from a
 * hand-edited report, image paths confined to their folder, temporary file names, option checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { TMP } from '../../support/paths.ts';
import { freeSlug, indexReports, matchItem, remember } from '../../../src/importer/pipeline/report-index.ts';
import { describeChange, summarizeChange } from '../../../src/importer/pipeline/change-summary.ts';
import { currentDigest, itemToDraft, reportFile } from '../../../src/importer/pipeline/item-to-report.ts';
import type { ImportItem } from '../../../src/importer/pipeline/import-item.ts';
import { knownReport } from '../../../src/importer/pipeline/scan-content.ts';
import { removeLeftoverTemps, TEMP_FILE, tempFileName } from '../../../src/importer/pipeline/atomic-write.ts';
import { detectFormat, readSource, sourceReaders } from '../../../src/importer/pipeline/read-source.ts';
import { confine, locateImage, mediaFileName } from '../../../src/importer/media/media-paths.ts';
import { rewriteImages } from '../../../src/importer/media/rewrite-images.ts';
import { renderMarkdown } from '../../support/source-fidelity.ts';
import { htmlToMarkdown } from '../../../src/importer/html/html-to-markdown.ts';
import { languageProblem, timeZoneProblem } from '../../../src/importer/import-options.ts';
import { reportSchema } from '../../../src/reports/schema.ts';
import { reportRecord } from '../../../src/formats/machine-readable.ts';
import { checkRawReport } from '../../../src/reports/raw-report-check.ts';
import { EXIT, main } from '../../../src/importer/import-cli.ts';

const item = (over: Partial<ImportItem> = {}): ImportItem => ({
  origin: 'export.xml, item 1',
  key: 'https://example.org/2020/07/launch/',
  title: 'Launch of the Probe',
  date: '2020-07-31',
  markdown: 'First paragraph.\n\nSecond paragraph.',
  source: { name: 'Example Press', url: 'https://example.org/2020/07/launch/' },
  images: [],
  warnings: [],
  ...over,
});

function draftOf(over: Partial<ImportItem> = {}) {
  const result = itemToDraft(item(over));
  if (!result.ok) assert.fail(result.reason);
  return result.draft;
}

test('an item is found again by its source URL, else by the key the importer recorded', () => {
  const index = indexReports([
    { id: '2020/launch', sourceUrl: 'https://example.org/launch' },
    { id: '2019/release', key: 'sources/release.txt', digest: 'sha256:x' },
    { id: '2018/a', sourceUrl: 'https://example.org/shared' },
    { id: '2018/b', sourceUrl: 'https://example.org/shared', key: 'guid-b' },
    { id: '2018/c', sourceUrl: 'https://example.org/twice' },
    { id: '2018/d', sourceUrl: 'https://example.org/twice' },
  ]);
  assert.deepEqual(matchItem(index, 'anything', 'https://example.org/launch'), { kind: 'found', report: { id: '2020/launch', sourceUrl: 'https://example.org/launch' } });
  assert.equal(matchItem(index, 'sources/release.txt', undefined).kind, 'found');
  assert.equal(matchItem(index, 'sources/other.txt', undefined).kind, 'none');
  assert.equal(matchItem(index, 'x', 'https://example.org/new').kind, 'none');
  // Two reports cite one original: the one recording this key is it; with none recorded, no guess.
  const shared = matchItem(index, 'guid-b', 'https://example.org/shared');
  assert.ok(shared.kind === 'found' && shared.report.id === '2018/b');
  assert.equal(matchItem(index, 'guid-z', 'https://example.org/twice').kind, 'ambiguous');
  // A report written in this import is found by the next item with its key.
  remember(index, { id: '2021/new', key: 'k-new' });
  assert.equal(matchItem(index, 'k-new', undefined).kind, 'found');
});

test('what an existing report records is read from its front matter', () => {
  const text = reportFile(draftOf(), 'https://example.org/2020/07/launch/', { year: 2020, slug: 'launch-of-the-probe' }).text;
  const known = knownReport('2020/launch-of-the-probe', text);
  assert.equal(known.sourceUrl, 'https://example.org/2020/07/launch/');
  assert.equal(known.key, 'https://example.org/2020/07/launch/');
  assert.match(known.digest!, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(knownReport('2020/broken', '---\ntitle: [unclosed\n---\n'), { id: '2020/broken' });
});

test('a new report never takes a name in use: the title slug, then -2, -3 in import order', () => {
  const taken = new Set(['2020/launch', '2020/launch-2', '2021/other']);
  assert.equal(freeSlug(2020, 'launch', taken), 'launch-3');
  assert.equal(freeSlug(2021, 'launch', taken), 'launch');
  // A folder of that name (another report's media) is taken too.
  const index = indexReports([{ id: '2020/a' }], ['2020/media-only']);
  assert.equal(freeSlug(2020, 'media-only', index.taken), 'media-only-2');
  assert.equal(freeSlug(2020, 'a', index.taken), 'a-2');
});

test('the change summary names the fields changed and counts body lines added and removed', () => {
  const before = reportFile(draftOf(), 'k', { year: 2020, slug: 's' }).text;
  const after = reportFile(draftOf({ title: 'Launch of the Probe, updated', topics: ['Space'], markdown: 'First paragraph.\n\nSecond paragraph, corrected.\n\nThird.' }), 'k', { year: 2020, slug: 's' }).text;
  const summary = summarizeChange(before, after);
  assert.deepEqual(summary.fields, ['title', 'topics']);
  assert.deepEqual([summary.added, summary.removed], [3, 1]);
  assert.equal(describeChange(summary), 'title, topics; body +3 -1 lines');
  assert.deepEqual(summarizeChange(before, before), { fields: [], added: 0, removed: 0 });
});

test('the digest changes with the source, and tells whether the file was edited since it was written', () => {
  const place = { year: 2020, slug: 'launch-of-the-probe' };
  const first = reportFile(draftOf(), 'k', place);
  assert.equal(reportFile(draftOf(), 'k', place).digest, first.digest, 'the same item gives the same digest');
  assert.notEqual(reportFile(draftOf({ markdown: 'Changed.' }), 'k', place).digest, first.digest);
  assert.equal(currentDigest(first.text), first.digest, 'a file as written hashes to its digest');
  const edited = first.text.replace('language: "en"', 'language: "en"\ntopics:\n  - "Space"');
  assert.notEqual(currentDigest(edited), first.digest, 'an editor added topics');
  assert.equal(currentDigest('---\ntitle: "x"\n---\n'), undefined);
  assert.deepEqual(checkRawReport('2020/launch-of-the-probe.md', first.text).problems, []);
});

test('imported: { key, digest } is a valid, strict field; the site never shows it', () => {
  const base = { title: 'T', date: '2020-01-01', source: { name: 'S' } };
  const digest = `sha256:${'a'.repeat(64)}`;
  const ok = reportSchema.safeParse({ ...base, imported: { key: 'sources/a.txt', digest } });
  assert.ok(ok.success);
  for (const imported of [{ key: 'k' }, { key: 'k', digest: 'md5:abc' }, { key: '', digest }, { key: 'k', digest, extra: 1 }, 'k']) {
    const bad = reportSchema.safeParse({ ...base, imported });
    assert.ok(!bad.success, JSON.stringify(imported));
    assert.match(bad.error.issues.map((i) => i.message).join(' '), /imported/);
  }
  const record = reportRecord('2020/t', ok.data, (p) => p);
  assert.ok(!JSON.stringify(record).includes('sources/a.txt'), 'the report\'s JSON does not carry it');
});

test('an item the schema refuses fails with the field named, and nothing of the item is dropped silently', () => {
  const noSource = itemToDraft(item({ source: {} }));
  assert.ok(!noSource.ok && /--source/.test(noSource.reason));
  const badDate = itemToDraft(item({ date: '2020-02-30' }));
  assert.ok(!badDate.ok && /not a real day/.test(badDate.reason));
  // A control character in a title still fails the item; in a byline it costs only that name (source-names.test.ts).
  const controlled = itemToDraft(item({ title: 'Launch\u001b of the Probe' }));
  assert.ok(!controlled.ok && /^\[invalid\] title: "title" contains U\+001B/.test(controlled.reason), JSON.stringify(controlled));
  const draft = draftOf({ topics: ['Space', 'Space', ' '], summary: ' Sum. ', language: 'de' });
  assert.deepEqual(draft.frontmatter.topics, ['Space']);
  assert.equal(draft.frontmatter.summary, 'Sum.');
  assert.equal(draft.frontmatter.language, 'de');
  assert.equal(draft.slug, 'launch-of-the-probe');
});

test('authors are written after the subtitle, as the schema orders fields, once each as the page shows them; none, no field', () => {
  const draft = draftOf({ subtitle: 'Deck', authors: ['Jane\u00a0Doe', ' John Smith', 'Jane Doe', '\u200b', '李明'] });
  assert.deepEqual(draft.frontmatter.authors, ['Jane Doe', 'John Smith', '李明']);
  const text = reportFile(draft, 'k', { year: 2020, slug: 's' }).text;
  assert.match(text, /^---\ntitle: "Launch of the Probe"\nsubtitle: "Deck"\nauthors:\n {2}- "Jane Doe"\n {2}- "John Smith"\n {2}- "李明"\ndate: 2020-07-31\n/);
  assert.deepEqual(checkRawReport('2020/s.md', text).problems, []);
  assert.ok(!('authors' in draftOf().frontmatter));
  assert.ok(!('authors' in draftOf({ authors: [' '] }).frontmatter));
  // The publisher credited as an author is the source line already: no "By Agency" beside "Source: Agency".
  const source = draftOf().frontmatter.source.name;
  assert.deepEqual(draftOf({ authors: [source.toUpperCase(), 'Jane Doe'] }).frontmatter.authors, ['Jane Doe']);
  assert.ok(!('authors' in draftOf({ authors: [source] }).frontmatter));
});

test('a re-import that finds authors the report lacks is a change like any other: named, written only with --update, then the same', async () => {
  const dir = path.join(TMP, 'import-authors');
  await rm(dir, { recursive: true, force: true });
  const contentDir = path.join(dir, 'news');
  await mkdir(dir, { recursive: true });
  const exportFile = path.join(dir, 'export.xml');
  const wxr = (creator: string) => `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Example Press</title><link>https://example.org</link>
<wp:author><wp:author_login><![CDATA[jdoe]]></wp:author_login><wp:author_display_name><![CDATA[Jane Doe]]></wp:author_display_name></wp:author>
<item><title>Launch of the Probe</title><link>https://example.org/2020/07/launch/</link>${creator}
<content:encoded><![CDATA[The probe launched.]]></content:encoded><wp:post_id>1</wp:post_id>
<wp:post_date><![CDATA[2020-07-31 10:00:00]]></wp:post_date><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
</channel></rss>`;
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const terminal = { out: (t: string) => void (stdout += `${t}\n`), err: (t: string) => void (stderr += `${t}\n`), isTTY: false };
    const code = await main([...args, exportFile], { ARCHIVE_CONTENT_DIR: contentDir }, { terminal });
    return { code, stdout, stderr };
  };
  const report = path.join(contentDir, '2020', 'launch-of-the-probe.md');
  await writeFile(exportFile, wxr(''));
  assert.equal((await run()).code, EXIT.ok);
  const before = await readFile(report, 'utf8');
  assert.doesNotMatch(before, /authors/);

  await writeFile(exportFile, wxr('<dc:creator><![CDATA[jdoe]]></dc:creator>'));
  const told = await run();
  assert.equal(told.code, EXIT.changed, told.stderr);
  assert.match(told.stderr, /changed, not updated \(use --update\): 2020\/launch-of-the-probe\.md: authors$/m);
  assert.equal(await readFile(report, 'utf8'), before);
  const updated = await run('--update');
  assert.equal(updated.code, EXIT.ok, updated.stderr);
  assert.match(updated.stdout, /^updated: 2020\/launch-of-the-probe\.md \(from \S*export\.xml, item 1 \(post 1\)\): authors$/m);
  assert.match(await readFile(report, 'utf8'), /\nauthors:\n {2}- "Jane Doe"\ndate: 2020-07-31\n/);
  const again = await run('--update');
  assert.equal(again.code, EXIT.ok);
  assert.match(again.stdout, /1 already imported/);
  await rm(dir, { recursive: true, force: true });
});

test('a report body keeps a no-break space at its start or end: a first line "&nbsp;# Vote" is no heading, a last heading "Vote #&nbsp;" keeps its "#"', async () => {
  const markdown = htmlToMarkdown('<p>&nbsp;# Vote 1 of 2</p><p>\u3000- not an item</p><h2>Vote #&nbsp;</h2>').markdown;
  const { text } = await renderMarkdown(draftOf({ markdown }).body);
  assert.equal(text.replace(/\s+/g, ' ').trim(), '# Vote 1 of 2 - not an item Vote #');
  assert.equal(itemToDraft(item({ markdown: '\u00a0\n' })).ok, false, 'a body of no-break spaces alone is no text');
});

test('image paths are confined to their folder: no "..", no absolute path, nothing outside', () => {
  const root = path.resolve('/srv/uploads');
  assert.deepEqual(confine(root, '2020/07/a.jpg'), { ok: true, file: path.join(root, '2020/07/a.jpg') });
  for (const bad of ['../secret.jpg', '2020/../../etc/passwd', '/etc/passwd', 'a\\..\\b.jpg', '', 'a\0.jpg']) {
    assert.equal(confine(root, bad).ok, false, bad);
  }
  const lookup = { mediaDir: root, sourceFile: path.resolve('/in/site/page.html'), sourceRoot: path.resolve('/in/site') };
  assert.deepEqual(locateImage('https://example.org/wp-content/uploads/2020/07/a%20b.jpg?w=300', lookup), { ok: true, file: path.join(root, '2020/07/a b.jpg') });
  assert.deepEqual(locateImage('/wp-content/uploads/2020/07/a.jpg', lookup), { ok: true, file: path.join(root, '2020/07/a.jpg') });
  assert.equal(locateImage('https://example.org/wp-content/uploads/2020/%2e%2e/%2e%2e/x.jpg', lookup).ok, false);
  assert.equal(locateImage('https://example.org/wp-content/uploads/..%2f..%2fx.jpg', lookup).ok, false);
  assert.match((locateImage('https://cdn.example/img/a.jpg', lookup) as { reason: string }).reason, /outside a WordPress uploads folder/);
  assert.match((locateImage('https://example.org/wp-content/uploads/a.jpg', { ...lookup, mediaDir: undefined }) as { reason: string }).reason, /--media/);
  assert.deepEqual(locateImage('images/a.png', lookup), { ok: true, file: path.resolve('/in/site/images/a.png') });
  assert.equal(locateImage('../../outside.png', lookup).ok, false);
  assert.equal(locateImage('data:image/png;base64,AAAA', lookup).ok, false);
  assert.equal(locateImage('javascript:alert(1)', lookup).ok, false);
});

test('media file names are safe in a URL and unique within a report', () => {
  const used = new Set<string>();
  assert.equal(mediaFileName('/u/2020/07/Photo Été (1).JPG', used), 'photo-ete-1.jpg');
  assert.equal(mediaFileName('/u/2021/01/photo-ete-1.jpg', used), 'photo-ete-1-2.jpg');
  assert.equal(mediaFileName('/u/???.png', used), 'image.png');
});

test('no report, report folder or media file takes a name Windows reserves (a checkout or copy there would fail)', () => {
  for (const title of ['CON', 'Nul', 'aux', 'PRN', 'COM1', 'lpt9']) {
    const slug = draftOf({ title }).slug;
    assert.notEqual(slug, title.toLowerCase(), `${title}: ${slug}`);
    assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
  assert.equal(draftOf({ title: 'Console' }).slug, 'console');
  const used = new Set<string>();
  assert.notEqual(mediaFileName('/u/2020/07/CON.jpg', used), 'con.jpg');
  assert.equal(mediaFileName('/u/2020/07/console.jpg', used), 'console.jpg');
});

test('images are pointed at their copy, or become links to where they were; the rest stays as written', () => {
  const markdown = [
    'Text *kept* as written.',
    '![A probe](https://example.org/wp-content/uploads/2020/07/probe.jpg "On the pad")',
    '![](https://cdn.example/gone.png)',
    '[![Thumb](https://cdn.example/thumb.png)](https://example.org/full)',
    '![Ref][r]',
    '[r]: https://cdn.example/ref.png',
    '<img src="https://example.org/wp-content/uploads/2020/07/probe.jpg" alt="x"> <img src="https://cdn.example/gone.png" alt="Gone &amp; away">',
    '![Local *map*](img/missing.png)',
    '![Crowd](https://cdn.example/crowd.jpg "The crowd at noon")',
  ].join('\n\n');
  const targets = new Map<string, string | undefined>([
    ['https://example.org/wp-content/uploads/2020/07/probe.jpg', './launch/probe.jpg'],
    ['https://cdn.example/gone.png', undefined],
    ['https://cdn.example/thumb.png', undefined],
    ['https://cdn.example/ref.png', undefined],
    ['img/missing.png', undefined],
    ['https://cdn.example/crowd.jpg', undefined],
  ]);
  const out = rewriteImages(markdown, targets).split('\n\n');
  assert.equal(out[0], 'Text *kept* as written.');
  assert.equal(out[1], '![A probe](./launch/probe.jpg "On the pad")');
  assert.equal(out[2], '[gone.png](https://cdn.example/gone.png)');
  assert.equal(out[3], '[Thumb](https://example.org/full)', 'no link inside a link: the alt text stays');
  assert.equal(out[4], '[Ref][r]');
  assert.equal(out[6], '<img src="./launch/probe.jpg" alt="x"> <a href="https://cdn.example/gone.png">Gone &amp; away</a>', 'the alt text shows as written ("Gone & away"), not with its entity');
  assert.equal(out[7], 'Local map (image img/missing.png, not imported)', 'a relative path would be a broken link: text');
  assert.equal(out[8], '[Crowd](https://cdn.example/crowd.jpg): The crowd at noon', 'a caption is text of the article: it stays on the page');
  assert.equal(rewriteImages(markdown, new Map()), markdown);
});

test('an image not copied inside a table cell leaves the table whole: a "|" in its alt or caption divides no cell', async () => {
  const markdown = [
    '| Photo | Note |',
    '| ----- | ---- |',
    '| ![Left \\| right](https://cdn.example/a.jpg "Up \\| down") | last cell |',
    '| ![Map \\| key](img/map.png) | second row |',
    '| <img src="https://cdn.example/b.jpg" alt="Raw &#124; alt"> | third row |',
  ].join('\n');
  const targets = new Map<string, string | undefined>([
    ['https://cdn.example/a.jpg', undefined],
    ['img/map.png', undefined],
    ['https://cdn.example/b.jpg', undefined],
  ]);
  const { html } = await renderMarkdown(rewriteImages(markdown, targets));
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '')));
  assert.deepEqual(rows.slice(1), [
    ['Left | right: Up | down', 'last cell'],
    ['Map | key (image img/map.png, not imported)', 'second row'],
    ['Raw | alt', 'third row'],
  ]);
});

test('temporary files are hidden, beside their target, and only ours match the cleanup pattern', () => {
  const temp = tempFileName('/c/2020/launch.md', 1234, 'abcdef012345');
  assert.equal(temp, path.join('/c/2020', '.launch.md.import-1234-abcdef012345.tmp'));
  assert.match(path.basename(tempFileName('/c/2020/launch.md')), TEMP_FILE);
  for (const other of ['.launch.md.swp', 'launch.md', '.notes.tmp', '.launch.md.import-1-xyz.tmp', 'launch.md.import-1-abcdef012345.tmp']) {
    assert.doesNotMatch(other, TEMP_FILE, other);
  }
});

test("an import's cleanup removes leftovers of an import that is gone, never the files of one still running", async () => {
  const dir = path.join(TMP, 'import-leftovers');
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, '2020'), { recursive: true });
  // A process that has exited, and one that is running (this test's parent) but is not this import.
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  const leftover = path.basename(tempFileName('/c/2020/a.md', gone));
  const running = path.basename(tempFileName('/c/2020/b.md', process.ppid));
  await writeFile(path.join(dir, '2020', leftover), 'half');
  await writeFile(path.join(dir, '2020', running), 'being written');
  assert.deepEqual(await removeLeftoverTemps(dir), [`2020/${leftover}`]);
  assert.deepEqual((await readdir(path.join(dir, '2020'))).sort(), [running]);
  await rm(dir, { recursive: true, force: true });
});

test('options: a time zone is an IANA place, a language a BCP 47 tag', () => {
  assert.equal(timeZoneProblem('Asia/Shanghai'), undefined);
  assert.equal(timeZoneProblem('America/Argentina/Buenos_Aires'), undefined);
  assert.equal(timeZoneProblem('UTC'), undefined);
  assert.match(timeZoneProblem('Mars/Olympus')!, /not a time zone name.*Area\/City/);
  assert.match(timeZoneProblem('+08:00')!, /offset/);
  assert.match(timeZoneProblem('CET')!, /abbreviation/);
  assert.equal(languageProblem('zh-Hans'), undefined);
  assert.match(languageProblem('english language')!, /BCP 47/);
});

test('formats are told from the content; a format without its reader fails its file with a clear reason', () => {
  assert.equal(detectFormat('<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">', 'a.xml'), 'wxr');
  assert.equal(detectFormat('<?xml version="1.0"?><rss version="2.0"><channel>', 'feed'), 'rss');
  assert.equal(detectFormat('<feed xmlns="http://www.w3.org/2005/Atom">', 'x'), 'atom');
  assert.equal(detectFormat('<!DOCTYPE html>\n<html lang="en">', 'p.html'), 'html');
  assert.equal(detectFormat('Title\n\nOn July 31, 2020, <html> was mentioned.', 'r.txt'), 'text');
  // A format whose reader is not wired (as html was before the readers were merged).
  const options = { decoding: { encoding: 'utf-8' as const, fixDoubleEncoding: false }, reader: {}, readers: { ...sourceReaders({}), html: undefined } };
  const read = readSource(Buffer.from('<!DOCTYPE html><html><body>x</body></html>'), 'page.html', options);
  assert.deepEqual(read.outcomes, [{ kind: 'failed', origin: 'page.html', reason: '[format] format html is not supported yet: this version has no reader for it' }]);
  const thrown = readSource(Buffer.from('<feed>'), 'f.xml', { ...options, readers: { ...options.readers, atom: () => { throw new Error('boom'); } } });
  assert.equal(thrown.outcomes[0]!.kind, 'failed');
  const text = readSource(Buffer.from('Title 2020\n\nOn July 31, X met.\n'), 'sources/r.txt', { ...options, reader: { sourceName: 'S' } });
  assert.equal(text.outcomes[0]!.kind, 'item');
  assert.equal(text.outcomes[0]!.kind === 'item' && text.outcomes[0]!.item.key, 'sources/r.txt', 'a release without URL is keyed by its path');
});

test('--date and --source-url, which only a plain-text release takes, fail a file of another format instead of being ignored', () => {
  const options = { decoding: { encoding: 'utf-8' as const, fixDoubleEncoding: false }, reader: { sourceName: 'S' } };
  const page = Buffer.from('<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>T</h1><p>Words.</p></article></body></html>');
  for (const [flags, name] of [[{ date: '2020-07-31' }, '--date'], [{ sourceUrl: 'https://example.org/r' }, '--source-url']] as const) {
    const read = readSource(page, 'page.html', { ...options, readers: sourceReaders(flags) });
    assert.equal(read.outcomes.length, 1);
    const [outcome] = read.outcomes;
    assert.equal(outcome!.kind, 'failed', JSON.stringify(outcome));
    assert.match((outcome as { reason: string }).reason, new RegExp(`${name} applies to a plain-text release only: page\\.html is a saved HTML page`));
    const text = readSource(Buffer.from('Title 2020\n\nOn July 31, X met.\n'), 'r.txt', { ...options, readers: sourceReaders(flags) });
    assert.equal(text.outcomes[0]!.kind, 'item');
  }
});

test('progress: a plain line every N items when not on a terminal, and nothing for a short import', async () => {
  const { progressEvents } = await import('../../../src/importer/import-progress.ts');
  const run = (total: number) => {
    const lines: string[] = [];
    const events = progressEvents({ out: (t) => lines.push(`out ${t}`), err: (t) => lines.push(`err ${t}`), isTTY: false }, 2);
    events.start!(total);
    for (let i = 0; i < total; i++) {
      if (i === 0) events.line('out', 'imported: 2020/a.md');
      events.step!();
    }
    events.stop();
    return lines;
  };
  assert.deepEqual(run(5), ['out imported: 2020/a.md', 'err import: 2/5 items', 'err import: 4/5 items', 'err import: 5/5 items']);
  assert.deepEqual(run(1), ['out imported: 2020/a.md']);
});

test('the summary counts every outcome: skipped by reason, each failure with its origin, images not copied', async () => {
  const { summaryLines } = await import('../../../src/importer/import-summary.ts');
  const { exitCode, EXIT } = await import('../../../src/importer/import-cli.ts');
  const tally = {
    imported: ['2020/a.md', '2020/b.md'],
    same: 10,
    updated: [],
    changed: [{ origin: 'export.xml, item 4', file: '2019/c.md', change: 'title; body +1 -0 lines', why: 'use --update' }],
    skipped: new Map([['draft', 3], ['a page (use --pages)', 1]]),
    failed: [{ origin: 'export.xml, item 9 (post 77)', reason: '[no-date] no date', kind: 'parse' as const }],
    missingMedia: [{ report: '2020/a.md', image: { url: 'https://x.example/a.jpg', reason: 'not found' } }],
    leftovers: [],
  };
  assert.deepEqual(summaryLines(tally, false), [
    'Import summary',
    '   2 imported',
    '  10 already imported',
    '   0 updated',
    '   1 changed, not updated',
    '      2019/c.md (from export.xml, item 4): title; body +1 -0 lines (use --update)',
    '   4 skipped',
    '       3 draft',
    '       1 a page (use --pages)',
    '   1 failed',
    '      export.xml, item 9 (post 77): error [no-date]: no date',
    '   1 images not copied (kept as a link to where they were, or as text)',
    '      2020/a.md: https://x.example/a.jpg: not found',
  ]);
  // The highest code wins, as it always has.
  assert.equal(exitCode(tally), EXIT.changed);
  assert.equal(exitCode({ ...tally, changed: [] }), EXIT.parse);
  assert.equal(exitCode({ ...tally, changed: [], failed: [...tally.failed, { origin: 'b.txt', reason: 'cannot read', kind: 'io' as const }] }), EXIT.io);
  assert.equal(exitCode({ ...tally, failed: [], changed: [] }), EXIT.ok, 'skipped items and missing images are no failure');
});
