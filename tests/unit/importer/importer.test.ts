import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { parseReport, repairCopyright, rightsHolder, splitTitle } from '../../../src/importer/parse-report.ts';
import { renderEntry, writeEntry } from '../../../src/importer/write-report.ts';
import { main, EXIT } from '../../../src/importer/import-cli.ts';
import { newsSchema } from '../../../src/reports/schema.ts';
import { markdownProcessorOptions } from '../../../src/reports/render/markdown-processor.ts';
import { checkRawEntry } from '../../../src/reports/raw-report-check.ts';
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
  assert.ok(newsSchema.safeParse(report.frontmatter).success);
  // What the writer produces passes the same raw checks as the build.
  assert.deepEqual(checkRawEntry(`${report.year}/${report.slug}.md`, renderEntry(report)).problems, []);
});

test('title and deck split on " --- " only', () => {
  assert.deepEqual(splitTitle('A --- B'), { title: 'A', subtitle: 'B' });
  assert.deepEqual(splitTitle('Mid-year review'), { title: 'Mid-year review' });
  assert.deepEqual(splitTitle('A -- B'), { title: 'A', subtitle: 'B' });
});

test('copyright repair restores only the lost ©', () => {
  assert.equal(repairCopyright('Copyright ?2018 CASIC. All Rights Reserved.'), 'Copyright ©2018 CASIC. All Rights Reserved.');
  assert.equal(repairCopyright('Copyright (c) 2018 X.'), 'Copyright ©2018 X.');
  assert.equal(repairCopyright('Copyright 2018 X?'), 'Copyright 2018 X?');
  assert.equal(rightsHolder('Copyright ©2018 CASIC. All Rights Reserved.'), 'CASIC');
  assert.equal(rightsHolder('Copyright © 2010-2018 Acme Corp, all rights reserved'), 'Acme Corp');
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

test('the writer never overwrites an existing report', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
  try {
    const report = parsed('Title 2020\n\nOn July 31, X met.\n', { sourceName: 'S' });
    const file = await writeEntry(dir, report);
    assert.equal(file, path.join(dir, '2020', 'title-2020.md'));
    await writeFile(file, 'edited by hand');
    await assert.rejects(writeEntry(dir, report), /already exists: the importer never overwrites/);
    assert.equal(await readFile(file, 'utf8'), 'edited by hand');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
    assert.equal(await main([FIRST_REPORT_SOURCE], env), EXIT.exists);
    // Every file is attempted; the worst outcome is the exit code.
    assert.equal(await main([path.join(dir, 'empty.txt'), FIRST_REPORT_SOURCE], env), EXIT.exists);
  } finally {
    Object.assign(console, quiet);
    await rm(dir, { recursive: true, force: true });
  }
});
