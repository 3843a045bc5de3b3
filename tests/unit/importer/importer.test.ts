import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { parseReport, repairCopyright, rightsHolder, splitTitle } from '../../../src/importer/parse-report.ts';
import { reportFileText } from '../../../src/importer/write-report.ts';
import { main, EXIT } from '../../../src/importer/import-cli.ts';
import { decodeRelease } from '../../../src/importer/decode-text.ts';
import { ENCODINGS } from '../../../src/importer/import-options.ts';
import { reportSchema } from '../../../src/reports/schema.ts';
import { markdownProcessorOptions } from '../../../src/reports/render/markdown-processor.ts';
import { checkRawReport } from '../../../src/reports/raw-report-check.ts';
import { FIRST_REPORT_SOURCE } from '../../support/paths.ts';

function parsed(text: string, options = {}) {
  const result = parseReport(text, options);
  if (!result.ok) assert.fail(`expected a report, got ${result.error.code}: ${result.error.message}`);
  return result.report;
}

function errorOf(text: string, options = {}) {
  const result = parseReport(text, options);
  if (result.ok) assert.fail('expected an import error');
  return result.error;
}

test('the first report: headline, deck, dateline date, rights and slug', async () => {
  const report = parsed(await readFile(FIRST_REPORT_SOURCE, 'utf8'));
  assert.equal(report.frontmatter.title, 'CASIC Holds 2020 Aerospace Defense Conference');
  assert.equal(
    report.frontmatter.subtitle,
    "Focusing on Building CASIC to a World-leading Aerospace Defense Corporation and Contributing to Building China's World-class Forces",
  );
  assert.equal(report.frontmatter.date, '2020-07-31');
  assert.equal(report.frontmatter.rights, 'Copyright ©2018 CASIC. All Rights Reserved.');
  assert.deepEqual(report.frontmatter.source, { name: 'CASIC' });
  assert.equal(report.year, 2020);
  assert.equal(report.slug, 'casic-holds-2020-aerospace-defense-conference');
  assert.ok(!report.body.includes('Copyright'), 'the rights line is metadata, not body text');
  assert.equal(report.body.split('\n\n').length, 16);
  assert.ok(reportSchema.safeParse(report.frontmatter).success);
  // What the writer produces passes the same raw checks as the build.
  assert.deepEqual(checkRawReport(`${report.year}/${report.slug}.md`, reportFileText(report)).problems, []);
});

test('title and deck split on " --- " only', () => {
  assert.deepEqual(splitTitle('A --- B'), { title: 'A', subtitle: 'B' });
  assert.deepEqual(splitTitle('Mid-year review'), { title: 'Mid-year review' });
  assert.deepEqual(splitTitle('A -- B'), { title: 'A', subtitle: 'B' });
  assert.deepEqual(splitTitle('A --- B --- C'), { title: 'A', subtitle: 'B --- C' }, 'the deck as written, its own separator kept');
});

test('copyright repair restores only the lost ©', () => {
  assert.equal(repairCopyright('Copyright ?2018 CASIC. All Rights Reserved.'), 'Copyright ©2018 CASIC. All Rights Reserved.');
  assert.equal(repairCopyright('Copyright (c) 2018 X.'), 'Copyright ©2018 X.');
  assert.equal(repairCopyright('Copyright 2018 X?'), 'Copyright 2018 X?');
  assert.equal(rightsHolder('Copyright ©2018 CASIC. All Rights Reserved.'), 'CASIC');
  assert.equal(rightsHolder('Copyright © 2010-2018 Acme Corp, all rights reserved'), 'Acme Corp');
});

const REFORM_RELEASE = `Ministry sets out reform plans

On March 3, 2021, the ministry published its plans for the coming year.

Copyright law reform is next on the agenda, the minister said, and a draft
will follow in the autumn.
`;

test('a last paragraph that starts with the word Copyright is text, not a rights notice', () => {
  const report = parsed(REFORM_RELEASE, { sourceName: 'Ministry' });
  assert.equal(report.body, 'On March 3, 2021, the ministry published its plans for the coming year.\n\nCopyright law reform is next on the agenda, the minister said, and a draft\nwill follow in the autumn.');
  assert.equal(report.frontmatter.rights, undefined);
  assert.deepEqual(report.frontmatter.source, { name: 'Ministry' });
  // Without --source nothing names the publisher: the import stops rather than take a fragment of the text.
  assert.equal(errorOf(REFORM_RELEASE).code, 'no-source');
  for (const prose of [
    'Copyright holders met on Monday.',
    'COPYRIGHT REFORM: the draft follows in the autumn.',
    'Copyright 2020 was a year of reform for the ministry.',
    'Copyright, the minister said, is next.',
    'All rights of appeal remain open.',
    'The minister said all rights reserved under the treaty stay in force.',
    `© is the sign the ministry will ask publishers to use, ${'and the minister said so again and again, '.repeat(5)}at length.`,
    // A notice under other lines of the paragraph leaves them where they are, and itself with them.
    'Media contact: Jane Doe, +1 555 0100\n© 2021 Acme Inc. All rights reserved.',
    '© 2021 Acme Inc.\nFor more information, call the press office.',
    'Copyright © 2021 (law reform) is next.\nThe draft follows.',
  ]) {
    const withProse = parsed(`Title\n\nOn March 3, 2021, it began.\n\n${prose}\n`, { sourceName: 'S' });
    assert.equal(withProse.body, `On March 3, 2021, it began.\n\n${prose}`, prose);
    assert.equal(withProse.frontmatter.rights, undefined, prose);
  }
});

test('a last paragraph that reads as a rights notice becomes the rights field, and names the publisher only when it clearly does', () => {
  const withNotice = (notice: string, options = {}) => parseReport(`Title\n\nOn March 3, 2021, it began.\n\n${notice}\n`, options);
  for (const [notice, rights, holder] of [
    ['Copyright © 2020 CASIC', 'Copyright © 2020 CASIC', 'CASIC'],
    ['Copyright (c) 2019-2020 Acme Inc.', 'Copyright ©2019-2020 Acme Inc.', 'Acme Inc'],
    ['Copyright ?2018 CASIC. All Rights Reserved.', 'Copyright ©2018 CASIC. All Rights Reserved.', 'CASIC'],
    ['Copyright 2020 Acme', 'Copyright 2020 Acme', 'Acme'],
    ['Copyright 2020 Acme All Rights Reserved', 'Copyright 2020 Acme All Rights Reserved', 'Acme'],
    ['© 2021 Ministry of Finance and Economic Affairs', '© 2021 Ministry of Finance and Economic Affairs', 'Ministry of Finance and Economic Affairs'],
    ['©2021 the Ministry of Finance, all rights reserved.', '©2021 the Ministry of Finance, all rights reserved.', 'the Ministry of Finance'],
    ['© 2021 Acme Inc.\nAll rights reserved.', '© 2021 Acme Inc. All rights reserved.', 'Acme Inc'],
    // A notice without a name that can be read: the rights are kept, no publisher is made up.
    ['Acme Inc. All rights reserved.', 'Acme Inc. All rights reserved.', undefined],
    ['Copyright © 2021', 'Copyright © 2021', undefined],
    ['© 2021 the ministry, which owns it.', '© 2021 the ministry, which owns it.', undefined],
    ['Copyright © law reform is next on the agenda.', 'Copyright © law reform is next on the agenda.', undefined],
    ['© 2021 (law reform)', '© 2021 (law reform)', undefined],
    ['© 2021 (CASIC)', '© 2021 (CASIC)', '(CASIC)'],
  ] as const) {
    const given = withNotice(notice, { sourceName: 'Given' });
    assert.ok(given.ok, notice);
    assert.equal(given.report.frontmatter.rights, rights, notice);
    assert.equal(given.report.body, 'On March 3, 2021, it began.', notice);
    assert.deepEqual(given.report.frontmatter.source, { name: 'Given' }, '--source wins over the notice');
    assert.equal(rightsHolder(rights), holder, notice);
    const read = withNotice(notice);
    if (holder) {
      assert.ok(read.ok, notice);
      assert.deepEqual(read.report.frontmatter.source, { name: holder }, notice);
    } else {
      assert.ok(!read.ok && read.error.code === 'no-source', notice);
      assert.match(read.error.message, /names no publisher that can be read.*--source "Publisher name"/, notice);
    }
  }
});

const lowercaseWord = fc.oneof(
  fc.stringMatching(/^[a-z]{1,10}$/),
  fc.constantFrom('all', 'rights', 'reserved', 'copyright', 'of', 'the', 'and', 'law', 'reform', 'is', 'next'),
);
const capitalisedWord = fc.stringMatching(/^[A-Z][a-z]{1,8}$|^[A-Z]{2,5}$/);
const year = fc.integer({ min: 1990, max: 2030 });
/** Words, now and then followed by punctuation or wrapped onto the next line, as in a hard-wrapped release. */
const prose = (words: fc.Arbitrary<string[]>) =>
  fc
    .tuple(words, fc.infiniteStream(fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n')))
    .map(([list, separators]) => list.map((word, i) => (i === 0 ? word : `${separators.next().value}${word}`)).join(''));
// "All rights reserved" is a notice's clause even in prose, so generated prose never holds it.
const withoutAllRightsReserved = (text: string) => !/all\s+rights\s+reserved/i.test(text);
/** Text whose opening words a notice could have, that is still no notice: the word alone, or a year before lowercase words. */
const copyrightLedProse = fc
  .tuple(
    fc.constantFrom('Copyright', 'copyright', 'COPYRIGHT', 'Copyright,', 'Copyright:', 'All rights', 'All Rights', 'Copyright 2020', 'Copyright 1999-2020'),
    prose(fc.array(lowercaseWord, { minLength: 1, maxLength: 30 })),
  )
  .map(([opener, rest]) => `${opener} ${rest}`)
  .filter(withoutAllRightsReserved);
/** A paragraph that opens like a notice but runs on: over 200 characters is prose, whatever its start. */
const runningProseAfterSign = fc
  .tuple(
    fc.constantFrom('©', '© 2020 Acme', 'Copyright ©', 'Copyright (c) 2020', 'Copyright ?2018 CASIC.', 'Copyright 2020 Acme'),
    prose(fc.array(fc.stringMatching(/^[a-z]{4,10}$/), { minLength: 45, maxLength: 60 })),
  )
  .map(([opener, rest]) => `${opener} ${rest}`)
  .filter(withoutAllRightsReserved);
const ordinaryProse = fc
  .tuple(capitalisedWord.filter((word) => !/^copyright$/i.test(word)), prose(fc.array(fc.oneof(lowercaseWord, capitalisedWord), { maxLength: 30 })))
  .map(([first, rest]) => (rest ? `${first} ${rest}` : first))
  .filter(withoutAllRightsReserved);

/** A publisher's name: capitalised words, perhaps joined by "of" or "and" ("Ministry of Finance"). */
const holderName = fc
  .tuple(capitalisedWord, fc.array(fc.tuple(fc.constantFrom('', 'of ', 'and ', 'for '), capitalisedWord), { maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest.map(([particle, word]) => `${particle}${word}`)].join(' '));
/** A notice as releases write it, the rights field it gives, and the publisher it names, if it names one clearly. */
const notice = fc.oneof(
  fc.tuple(year, holderName).map(([y, h]) => ({ text: `Copyright © ${y} ${h}`, rights: `Copyright © ${y} ${h}`, holder: h })),
  fc.tuple(year, holderName).map(([y, h]) => ({ text: `Copyright (c) ${y}-${y + 1} ${h}.`, rights: `Copyright ©${y}-${y + 1} ${h}.`, holder: h })),
  fc.tuple(year, holderName).map(([y, h]) => ({ text: `Copyright ?${y} ${h}. All Rights Reserved.`, rights: `Copyright ©${y} ${h}. All Rights Reserved.`, holder: h })),
  fc.tuple(year, holderName).map(([y, h]) => ({ text: `Copyright ${y} ${h}`, rights: `Copyright ${y} ${h}`, holder: h })),
  fc.tuple(year, holderName).map(([y, h]) => ({ text: `© ${y} ${h}.\nAll rights reserved.`, rights: `© ${y} ${h}. All rights reserved.`, holder: h })),
  fc.tuple(year, holderName).map(([y, h]) => ({ text: `© ${y} ${h}, all rights reserved`, rights: `© ${y} ${h}, all rights reserved`, holder: h })),
  holderName.map((h) => ({ text: `${h}. All rights reserved.`, rights: `${h}. All rights reserved.`, holder: undefined })),
  fc.tuple(year, prose(fc.array(lowercaseWord, { minLength: 1, maxLength: 6 }))).map(([y, words]) => {
    const text = `© ${y} ${words.replace(/\n/g, ' ')}`;
    return { text, rights: text, holder: undefined };
  }),
);

const wordsOf = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** A notice above or below lines of text in one paragraph ("Media contact: ..." then "© 2021 Acme Inc."): text. */
const noticeAmongText = fc
  .tuple(ordinaryProse.map((text) => text.replace(/\n/g, ' ')), notice, fc.boolean())
  .map(([text, { text: noticeText }, noticeFirst]) => (noticeFirst ? `${noticeText}\n${text}` : `${text}\n${noticeText}`));
const anyProse = fc.oneof(copyrightLedProse, runningProseAfterSign, ordinaryProse, noticeAmongText);

test('every word of a release stays in the body, in order, unless its last paragraph is a notice (property)', () => {
  fc.assert(
    fc.property(
      // Before the last paragraph, even a notice is text: only a release's last words are its notice.
      fc.array(fc.oneof(anyProse, notice.map((n) => n.text)), { minLength: 1, maxLength: 5 }),
      fc.oneof(anyProse.map((text) => ({ text, rights: undefined, holder: undefined })), notice),
      (paragraphs, last) => {
        const release = `Release\n\n${[...paragraphs, last.text].join('\n\n')}\n`;
        const text = last.rights === undefined ? [...paragraphs, last.text] : paragraphs;
        const report = parsed(release, { date: '2021-03-03', sourceName: 'Publisher' });
        assert.deepEqual(wordsOf(report.body), text.flatMap(wordsOf), 'the body holds every word of the text, in order');
        assert.equal(report.frontmatter.rights, last.rights, 'only a notice at the end becomes the rights field');

        // Without --source the publisher is the name the notice clearly gives, or none at all.
        const read = parseReport(release, { date: '2021-03-03' });
        if (last.holder) {
          assert.ok(read.ok, `${JSON.stringify(last.text)} names ${last.holder}`);
          assert.deepEqual(read.report.frontmatter.source, { name: last.holder });
        } else {
          assert.ok(!read.ok && read.error.code === 'no-source', 'no publisher is made up from the text');
        }
      },
    ),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
  );
});

test('dates: dateline with its own year, ISO date, --date, and a refusal to guess', () => {
  assert.equal(parsed('Title\n\nOn March 3, 2019, X said.\n', { sourceName: 'S' }).frontmatter.date, '2019-03-03');
  assert.equal(parsed('Title\n\nPublished 2021-05-06. Text.\n', { sourceName: 'S' }).frontmatter.date, '2021-05-06');
  assert.equal(parsed('Title\n\nText without a date.\n', { sourceName: 'S', date: '2022-01-02' }).frontmatter.date, '2022-01-02');
  assert.equal(errorOf('Title\n\nText without a date.\n', { sourceName: 'S' }).code, 'no-date');
  // A dateline without a year and a title without one: stop, never use today's year.
  assert.equal(errorOf('Title\n\nOn July 31, X met.\n', { sourceName: 'S' }).code, 'no-date');
  // Two different years in the title: ambiguous.
  assert.equal(errorOf('From 2019 to 2020\n\nOn July 31, X met.\n', { sourceName: 'S' }).code, 'no-date');
  assert.equal(errorOf('2019 Title\n\nOn February 30, X met.\n', { sourceName: 'S' }).code, 'bad-date');
  assert.equal(errorOf('Title\n\nText.\n', { sourceName: 'S', date: '2018-02-30' }).code, 'bad-date');
});

test('CRLF line endings and a UTF-8 BOM are handled', () => {
  const report = parsed('\uFEFFTitle 2020\r\n\r\nOn July 31, X met.\r\n\r\nSecond paragraph.\r\n', { sourceName: 'S' });
  assert.equal(report.frontmatter.title, 'Title 2020');
  assert.equal(report.body, 'On July 31, X met.\n\nSecond paragraph.');
});

test('empty input, a title alone, and an unknown publisher are refused', () => {
  assert.equal(errorOf('').code, 'empty');
  assert.equal(errorOf(' \n\r\n\uFEFF').code, 'empty');
  assert.equal(errorOf('Just a title 2020\n').code, 'empty');
  assert.equal(errorOf('Title 2020\n\nOn July 31, X met.\n').code, 'no-source');
});

test('a control character that would break every feed is refused, naming its line, before anything is written', () => {
  for (const control of ['\x01', '\x0b', '\x1b', '\x0c', '\x7f']) {
    const error = errorOf(`Title 2020\n\nOn July 31, X met.\n\nA second${control}paragraph.\n\nCopyright 2020 X.\n`);
    assert.equal(error.code, 'invalid');
    assert.match(error.message, /^line 5 contains U\+00[0-9A-F]{2} \(column 9\)/);
  }
  assert.equal(parseReport('Title 2020\n\nOn July 31, X met.\tTabbed.\n\nCopyright 2020 X.\n').ok, true);
});

test('every character of plain text survives Markdown rendering as written', async () => {
  const tricky = [
    'Prices rose 5*3 = 15% and *not* _emphasis_ or __strong__; a\\b path, `code`, ~~strike~~.',
    '<script>alert("x")</script> & &copy; &amp; <b>bold</b> <!-- comment -->',
    '# not a heading',
    '- not a list',
    '+ not a list either',
    '1. not ordered',
    '2) nor this',
    '> not a quote',
    '[not](a link) ![not](an image) [^1] footnote-like | pipes | here |',
    '***',
    '===',
    'Trailing backslash \\',
    '"Quotes" -- and --- dashes... stay as written',
    '    indented text',
  ];
  const report = parsed(`Title 2020\n\nOn July 31, it began.\n\n${tricky.join('\n\n')}\n`, { sourceName: 'S' });
  const processor = await createMarkdownProcessor({ ...markdownProcessorOptions, syntaxHighlight: false });
  const { code } = await processor.render(report.body);
  const tree = fromHtml(code, { fragment: true });
  const paragraphs = tree.children
    .filter((node) => node.type === 'element')
    .map((node) => {
      assert.equal((node as { tagName: string }).tagName, 'p', `rendered as <p>: ${toText(node)}`);
      return toText(node);
    });
  assert.deepEqual(paragraphs, ['On July 31, it began.', ...tricky.map((line) => line.trim())]);
  assert.ok(!code.includes('<script'), 'HTML in the text shows as text');
});

test('the CLI: exit codes a script can rely on', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'import-cli-'));
  const env = { ARCHIVE_CONTENT_DIR: path.join(dir, 'news') };
  const quiet = { log: console.log, error: console.error };
  console.log = console.error = () => {};
  try {
    await writeFile(path.join(dir, 'empty.txt'), '');
    assert.equal(await main([], env), EXIT.usage);
    assert.equal(await main(['--bogus', FIRST_REPORT_SOURCE], env), EXIT.usage);
    assert.equal(await main([path.join(dir, 'missing.txt')], env), EXIT.io);
    assert.equal(await main([path.join(dir, 'empty.txt')], env), EXIT.parse);
    assert.equal(await main([FIRST_REPORT_SOURCE], env), EXIT.ok);
    // Imported before: recognised and left alone, which is no failure.
    assert.equal(await main([FIRST_REPORT_SOURCE], env), EXIT.ok);
    // Every file is attempted; the worst outcome is the exit code.
    assert.equal(await main([path.join(dir, 'empty.txt'), FIRST_REPORT_SOURCE], env), EXIT.parse);
    assert.equal(await main([path.join(dir, 'missing.txt'), path.join(dir, 'empty.txt')], env), EXIT.io);
  } finally {
    Object.assign(console, quiet);
    await rm(dir, { recursive: true, force: true });
  }
});

/** Runs the importer's CLI in-process, capturing what it prints. */
async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { log: console.log, error: console.error };
  let stdout = '';
  let stderr = '';
  console.log = (...parts: unknown[]) => void (stdout += `${parts.join(' ')}\n`);
  console.error = (...parts: unknown[]) => void (stderr += `${parts.join(' ')}\n`);
  try {
    return { code: await main(args, env), stdout, stderr };
  } finally {
    Object.assign(console, saved);
  }
}

async function withScratch(run: (dir: string, env: { ARCHIVE_CONTENT_DIR: string }) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'import-opts-'));
  try {
    await run(dir, { ARCHIVE_CONTENT_DIR: path.join(dir, 'news') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const writtenFiles = async (contentDir: string) => (await readdir(contentDir, { recursive: true }).catch(() => [])).filter((f) => f.endsWith('.md'));

test('options that would write an unsafe or unfileable entry are refused before any file is read', async () => {
  await withScratch(async (dir, env) => {
    const release = path.join(dir, 'release.txt');
    await writeFile(release, 'Title\n\nText without a date.\n');
    for (const [args, option] of [
      [['--source-url', 'javascript:alert(1)'], /--source-url "javascript:alert\(1\)" must be an http: or https: address/],
      [['--source-url', 'data:text/html,x'], /--source-url/],
      [['--source-url', 'example.org/page'], /--source-url "example.org\/page" is not a full URL/],
      [['--source-url', 'https:example.org/page'], /--source-url "https:example\.org\/page" .*https:\/\//],
      [['--source-url', 'https://example.org/a\nb'], /--source-url .* (space|line break)/],
      [['--date', '0999-01-01'], /--date "0999-01-01" is outside the years an archive can file \(1000-9999\)/],
      [['--date', '2018-02-30'], /--date "2018-02-30" is not a real day/],
      [['--date', '31.07.2020'], /--date "31\.07\.2020" is not a real day written YYYY-MM-DD/],
      [['--encoding', 'latin-2'], /--encoding "latin-2" is not one of utf-8, windows-1252/],
    ] as const) {
      const { code, stderr } = await runCli([...args, '--source', 'S', '--date', args[0] === '--date' ? args[1] : '2020-01-01', release], env);
      assert.equal(code, EXIT.usage, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, option);
    }
    assert.deepEqual(await writtenFiles(env.ARCHIVE_CONTENT_DIR), [], 'nothing was written');
    // The same rules hold for what the text says, and for callers of parseReport.
    assert.match(errorOf('Title\n\nOn July 31, 0999, X met.\n', { sourceName: 'S' }).message, /outside the years/);
    assert.equal(errorOf('Title\n\nText.\n', { sourceName: 'S', date: '2020-01-01', sourceUrl: 'javascript:alert(1)' }).code, 'invalid');
    assert.equal(parsed('Title\n\nText.\n', { sourceName: 'S', date: '2020-01-01', sourceUrl: 'https://example.org/r' }).frontmatter.source.url, 'https://example.org/r');
  });
});

test('a title that reads as a date, a number or a boolean is written so the build reads it as text', async () => {
  await withScratch(async (dir, env) => {
    const release = path.join(dir, 'release.txt');
    // "Null" is YAML's null as much as "null" is; a lowercase word after the year reads as text, not as a name.
    await writeFile(release, '2020-07-31 --- yes\n\nOn July 31, 2020, it happened.\n\nCopyright 2020 Null.\n');
    assert.equal((await runCli([release], env)).code, EXIT.ok);
    const [file] = await writtenFiles(env.ARCHIVE_CONTENT_DIR);
    const written = await readFile(path.join(env.ARCHIVE_CONTENT_DIR, file!), 'utf8');
    const { frontmatter } = parseFrontmatter(written);
    assert.equal(frontmatter.title, '2020-07-31');
    assert.equal(frontmatter.subtitle, 'yes');
    assert.deepEqual(frontmatter.source, { name: 'Null' });
    assert.ok(reportSchema.safeParse(frontmatter).success);
  });
});

const WINDOWS_1252_RELEASE = Buffer.from('Report from G\xf6ttingen\n\nOn July 31, 2020, the caf\xe9 opened \x93today\x94.\n', 'latin1');

test('a release that is not UTF-8 is refused, naming the file and --encoding; never decoded with U+FFFD', async () => {
  await withScratch(async (dir, env) => {
    const release = path.join(dir, 'goettingen.txt');
    await writeFile(release, WINDOWS_1252_RELEASE);
    const refused = await runCli(['--source', 'S', release], env);
    assert.equal(refused.code, EXIT.parse);
    assert.match(refused.stderr, /goettingen\.txt: error \[encoding\]: is not valid UTF-8 \(line 1, byte 0xF6\).*--encoding windows-1252/);
    assert.deepEqual(await writtenFiles(env.ARCHIVE_CONTENT_DIR), []);

    const imported = await runCli(['--source', 'S', '--encoding', 'windows-1252', release], env);
    assert.equal(imported.code, EXIT.ok, imported.stderr);
    const [file] = await writtenFiles(env.ARCHIVE_CONTENT_DIR);
    const written = await readFile(path.join(env.ARCHIVE_CONTENT_DIR, file!), 'utf8');
    assert.match(written, /title: "Report from Göttingen"/);
    assert.match(written, /the café opened “today”\./);
    assert.ok(!written.includes('\uFFFD'));
  });
});

test('--encoding windows-1252 refuses a file that is UTF-8, or holds bytes Windows-1252 does not define', () => {
  const utf8 = decodeRelease(Buffer.from('Café\n'), { encoding: 'windows-1252', fixDoubleEncoding: false });
  assert.ok(!utf8.ok && /is valid UTF-8, not Windows-1252/.test(utf8.message));
  const undefinedByte = decodeRelease(Uint8Array.of(0x41, 0x81, 0x42), { encoding: 'windows-1252', fixDoubleEncoding: false });
  assert.ok(!undefinedByte.ok && /byte 0x81/.test(undefinedByte.message));
  const ascii = decodeRelease(Buffer.from('Plain ASCII\n'), { encoding: 'windows-1252', fixDoubleEncoding: false });
  assert.ok(ascii.ok && ascii.text === 'Plain ASCII\n');
});

test('double-encoded text is imported with a warning naming the file, and repaired exactly with --fix-double-encoding', async () => {
  await withScratch(async (dir, env) => {
    const mojibake = path.join(dir, 'mojibake.txt');
    await writeFile(mojibake, 'CASICâ€™s CafÃ© 2020\n\nOn July 31, 2020, CASICâ€™s CafÃ© opened.\n');
    const warned = await runCli(['--source', 'S', mojibake], env);
    assert.equal(warned.code, EXIT.ok);
    assert.match(warned.stderr, /mojibake\.txt: warning \[double-encoded\]: .*"CASICâ€™s" is "CASIC’s".*--fix-double-encoding/);
    await rm(env.ARCHIVE_CONTENT_DIR, { recursive: true });

    const fixed = await runCli(['--source', 'S', '--fix-double-encoding', mojibake], env);
    assert.equal(fixed.code, EXIT.ok, fixed.stderr);
    assert.equal(fixed.stderr, '');
    const [file] = await writtenFiles(env.ARCHIVE_CONTENT_DIR);
    const written = await readFile(path.join(env.ARCHIVE_CONTENT_DIR, file!), 'utf8');
    assert.match(written, /title: "CASIC’s Café 2020"/);
    assert.match(written, /On July 31, 2020, CASIC’s Café opened\./);

    // Text that is not double-encoded as a whole cannot be reversed exactly: refused, not guessed.
    const real = path.join(dir, 'real.txt');
    await writeFile(real, 'Café 2020\n\nOn July 31, 2020, it opened.\n');
    const refused = await runCli(['--source', 'S', '--fix-double-encoding', real], env);
    assert.equal(refused.code, EXIT.parse);
    assert.match(refused.stderr, /real\.txt: error \[encoding\]: cannot be reversed exactly with --fix-double-encoding/);
  });
});

test('real text is never taken for double-encoded text', () => {
  for (const text of ['SÃO PAULO', 'Ã', 'João and Ãngela', 'Café', '“quoted” — dash', 'Göttingen', '漢字', 'plain ASCII', 'Â a', 'Ã alone, © 2020']) {
    const decoded = decodeRelease(Buffer.from(text), { encoding: 'utf-8', fixDoubleEncoding: false });
    assert.ok(decoded.ok && decoded.warnings.length === 0, `${text}: ${decoded.ok && decoded.warnings}`);
  }
});

test('decoding: U+FFFD only where the source has it; double encoding reverses exactly (property)', () => {
  const utf8Replacement = Buffer.from('\uFFFD');
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...ENCODINGS), fc.boolean(), (bytes, encoding, fixDoubleEncoding) => {
      const decoded = decodeRelease(bytes, { encoding, fixDoubleEncoding });
      if (decoded.ok && decoded.text.includes('\uFFFD')) assert.ok(Buffer.from(bytes).includes(utf8Replacement));
    }),
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const doubleEncoded = new TextDecoder('windows-1252').decode(Buffer.from(text));
      const decoded = decodeRelease(Buffer.from(doubleEncoded), { encoding: 'utf-8', fixDoubleEncoding: true });
      assert.ok(decoded.ok, `${JSON.stringify(text)}: ${!decoded.ok && decoded.message}`);
      assert.equal(decoded.text, text);
    }),
  );
});
