/**
 * A source's bylines and categories: an article is imported whatever its names hold, and a value
 * that is no name (an e-mail address, a login, a placeholder, a sentence) is left out of the
 * report's fields with a warning that quotes it, never silently and never at the cost of the report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { TMP } from '../../support/paths.ts';
import { bylineFromSource, topicsFromSource } from '../../../src/importer/pipeline/source-names.ts';
import { itemToDraft, reportFile } from '../../../src/importer/pipeline/item-to-report.ts';
import type { ImportItem } from '../../../src/importer/pipeline/import-item.ts';
import { checkRawReport } from '../../../src/reports/raw-report-check.ts';
import { normaliseName, quoted } from '../../../src/reports/text-rules.ts';
import { EXIT, main } from '../../../src/importer/import-cli.ts';

const item = (over: Partial<ImportItem> = {}): ImportItem => ({
  origin: 'export.xml, item 1',
  key: 'https://example.org/2020/07/launch/',
  title: 'Launch of the Probe',
  date: '2020-07-31',
  markdown: 'The probe launched.',
  source: { name: 'Example Press', url: 'https://example.org/2020/07/launch/' },
  images: [],
  warnings: [],
  ...over,
});

test('a byline that is an address, a login or a placeholder is not published, and the editor is told which', () => {
  const { names, warnings } = bylineFromSource(['jane@example.org', 'admin', 'Unknown', 'John Smith', 'N/A'], 'Example Press');
  assert.deepEqual(names, ['John Smith']);
  assert.equal(warnings.length, 4);
  assert.match(warnings[0]!, /^the byline "jane@example\.org" is or holds an e-mail address: not published; add the author's name to "authors" by hand$/);
  assert.match(warnings[1]!, /^the byline "admin" names no author/);
  assert.match(warnings[2]!, /^the byline "Unknown" names no author/);
  assert.match(warnings[3]!, /^the byline "N\/A" names no author/);
});

test('a name written beside its address, or after "By", is the name alone', () => {
  const { names, warnings } = bylineFromSource(['Jane Doe <jane@example.org>', 'john@example.org (John Smith)', 'By Ana Ruiz', 'Byron Lee'], 'Example Press');
  assert.deepEqual(names, ['Jane Doe', 'John Smith', 'Ana Ruiz', 'Byron Lee']);
  assert.deepEqual(warnings, []);
  // A parenthesis that holds no address is part of the name as written.
  assert.deepEqual(bylineFromSource(['Jane Doe (Reuters)'], 'Example Press').names, ['Jane Doe (Reuters)']);
});

test('review cases: an address is never published however it is written; a name in brackets beside one is kept', () => {
  const { names, warnings } = bylineFromSource(
    ['Jane Doe (jane@example.org)', '<jane@example.org>', 'jane@example.org <jane@example.org>', 'Ana Ruiz <ana@example.org>, John Smith <john@example.org>', 'Lee jane@example.org', 'By: Mia Wong'],
    'Example Press',
  );
  assert.deepEqual(names, ['Jane Doe', 'Ana Ruiz, John Smith', 'Mia Wong']);
  assert.equal(warnings.length, 3);
  for (const warning of warnings) assert.match(warning, /is or holds an e-mail address: not published/);
  assert.ok(!names.some((name) => name.includes('@')));
});

test('review cases: a value the schema would refuse costs the value, never the article', () => {
  // A category of invisible characters alone names nothing; two that differ only by them are one.
  const drafted = itemToDraft(item({ topics: ['\u00ad', '\u200b', 'Energy', 'Energy\u200b'], authors: ['Jose\u00ad\u0301 Doe', 'Jos\u00e9 Doe', 'Jane\u0096Doe'] }));
  assert.ok(drafted.ok, JSON.stringify(drafted));
  assert.deepEqual(drafted.draft.frontmatter.topics, ['Energy']);
  assert.deepEqual(drafted.draft.frontmatter.authors, ['Jos\u00e9 Doe'], 'one author, as the page shows it');
  assert.deepEqual(drafted.warnings, ['the byline "Jane\\u0096Doe" holds U+0096, a control character no page or feed can carry: left out; add the author\'s name to "authors" by hand']);
  assert.equal(normaliseName(normaliseName('Jose\u00ad\u0301 Doe')), normaliseName('Jose\u00ad\u0301 Doe'));
});

test('second review cases: an empty name beside an address, a bare "By:", quotation marks around a name', () => {
  const { names, warnings } = bylineFromSource(['x@y.org ( )', 'By:', '"Jane Doe" <jane@example.org>', '"Quoted" Name'], 'Example Press');
  assert.deepEqual(names, ['Jane Doe', '"Quoted" Name']);
  assert.equal(warnings.length, 2);
});

test('property: a name normalises to the same the second time (the importer normalises it, then the schema does)', () => {
  const piece = fc.constantFrom('e', 'é', 'Ж', '李', ' ', '\u00a0', '\u3000', '\u200b', '\u200c', '\u200d', '\u00ad', '\u0301', '\u0308', '\ufe0f', '\u212a', 'x');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')), (name) => {
      const once = normaliseName(name);
      assert.equal(normaliseName(once), once, JSON.stringify(name));
    }),
    { numRuns: 3000 },
  );
});

test('a byline longer than a name leaves the article imported without it, the value quoted by its start', () => {
  const sentence = `Written by the staff of the newsroom ${'with additional reporting '.repeat(10)}`;
  const drafted = itemToDraft(item({ authors: ['Jane Doe', sentence], topics: ['Space', 'x'.repeat(200)] }));
  assert.ok(drafted.ok, JSON.stringify(drafted));
  assert.deepEqual(drafted.draft.frontmatter.authors, ['Jane Doe']);
  assert.deepEqual(drafted.draft.frontmatter.topics, ['Space']);
  assert.equal(drafted.warnings.length, 2);
  assert.match(drafted.warnings[0]!, /^the byline "Written by the staff of the newsroom with additional reporting [^"]*\.\.\." is longer than a name \(120 characters\): left out/);
  assert.match(drafted.warnings[1]!, /^the category "x{80}\.\.\." is longer than a topic's name \(120 characters\): left out; add a shorter one to "topics" by hand$/);
});

test('more names than a report lists: the first 200 are kept, in order, and the rest are counted in a warning', () => {
  const many = Array.from({ length: 205 }, (_, i) => `Author ${i + 1}`);
  const { names, warnings } = bylineFromSource(many, 'Example Press');
  assert.deepEqual(names, many.slice(0, 200));
  assert.deepEqual(warnings, ['the source gives 205 bylines, more than a report lists (200): the first 200 are kept in "authors"']);
  const drafted = itemToDraft(item({ authors: many, topics: many }));
  assert.ok(drafted.ok, JSON.stringify(drafted));
  assert.equal(drafted.warnings.length, 2);
});

// Names as sources hold them: words, addresses, placeholders, long runs, spaces of every kind.
const nameValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.emailAddress(),
  fc.constantFrom('admin', 'Unknown', 'By ', 'By Jane Doe', 'Jane Doe <jane@example.org>', 'Example Press', '\u00a0Jane\u200bDoe '),
  fc.string({ minLength: 100, maxLength: 300 }),
);

test('property: whatever the source names, the report is written and valid, and every value is kept or warned about', () => {
  fc.assert(
    fc.property(fc.array(nameValue, { maxLength: 8 }), fc.array(nameValue, { maxLength: 8 }), (authors, topics) => {
      // Control characters are the schema's to refuse, with the field named (another test).
      fc.pre([...authors, ...topics].every((name) => !/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udfff]/u.test(name)));
      const drafted = itemToDraft(item({ authors, topics }));
      assert.ok(drafted.ok, JSON.stringify(drafted));
      const file = reportFile(drafted.draft, 'k', { year: 2020, slug: 's' });
      assert.deepEqual(checkRawReport('2020/s.md', file.text).problems, []);
      const kept = (drafted.draft.frontmatter.authors ?? []).map((name) => name.toLowerCase());
      for (const name of authors) {
        const plain = normaliseName(name);
        if (plain === '' || plain.toLowerCase() === 'example press') continue;
        // The warning quotes the value (its start): the editor can find it in the source.
        const start = quoted(name.trim()).slice(0, 21);
        const told = drafted.warnings.some((warning) => warning.startsWith(`the byline ${start}`));
        // Kept: as written, or without a "By" or an address beside it (every word of it is the value's).
        const keptHere = kept.some((k) => k.split(/[ ,;"]+/).every((word) => plain.toLowerCase().includes(word)));
        assert.ok(keptHere || told, `${JSON.stringify(name)} is neither kept nor warned about`);
      }
      const keptTopics = drafted.draft.frontmatter.topics ?? [];
      for (const topic of topics) {
        if (topic.trim() === '') continue;
        const told = drafted.warnings.some((w) => w.startsWith(`the category ${quoted(topic.trim()).slice(0, 21)}`));
        assert.ok(keptTopics.some((k) => normaliseName(k) === normaliseName(topic)) || told, `${JSON.stringify(topic)} is neither kept nor warned about`);
      }
    }),
    { numRuns: 300 },
  );
});

test('through the importer: a WordPress post by "admin" with a sentence for a tag is imported, and both are named on stderr', async () => {
  const dir = path.join(TMP, 'import-source-names');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const exportFile = path.join(dir, 'export.xml');
  const tag = 'Please read our full statement about the conference schedule and the changes announced for next year';
  await writeFile(
    exportFile,
    `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Example Press</title><link>https://example.org</link>
<item><title>Launch of the Probe</title><link>https://example.org/2020/07/launch/</link><dc:creator><![CDATA[admin]]></dc:creator>
<category domain="post_tag" nicename="t"><![CDATA[${tag} ${tag}]]></category><category domain="category" nicename="space"><![CDATA[Space]]></category>
<content:encoded><![CDATA[The probe launched.]]></content:encoded><wp:post_id>1</wp:post_id>
<wp:post_date><![CDATA[2020-07-31 10:00:00]]></wp:post_date><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
</channel></rss>`,
  );
  let stderr = '';
  const terminal = { out: () => {}, err: (t: string) => void (stderr += `${t}\n`), isTTY: false };
  const contentDir = path.join(dir, 'news');
  const code = await main([exportFile], { ARCHIVE_CONTENT_DIR: contentDir }, { terminal });
  assert.equal(code, EXIT.ok, stderr);
  const text = await readFile(path.join(contentDir, '2020', 'launch-of-the-probe.md'), 'utf8');
  assert.doesNotMatch(text, /authors|admin/);
  assert.match(text, /\ntopics:\n {2}- "Space"\n/);
  assert.match(stderr, /export\.xml, item 1 \(post 1\): warning: 2020\/launch-of-the-probe\.md: the byline "admin" names no author/);
  assert.match(stderr, /warning: 2020\/launch-of-the-probe\.md: the category "Please read our full statement[^"]*\.\.\." is longer than a topic's name/);
  await rm(dir, { recursive: true, force: true });
});
