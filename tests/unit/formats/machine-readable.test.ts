import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportFormatPaths, reportRecord } from '../../../src/formats/machine-readable.ts';
import { absoluteUrl } from '../../../src/urls/base-urls.ts';
import { reportSchema } from '../../../src/reports/schema.ts';
import { reportAttachments } from '../../../src/reports/attachments/report-attachments.ts';

test('each report is published in six formats beside its page', () => {
  assert.deepEqual(reportFormatPaths('2020/x'), {
    html: 'news/2020/x/',
    markdown: 'news/2020/x.md',
    json: 'news/2020/x.json',
    bibtex: 'news/2020/x.bib',
    ris: 'news/2020/x.ris',
    cslJson: 'news/2020/x.csl.json',
  });
});

test('a record carries the metadata and absolute URLs of every format; absent fields are left out', () => {
  const data = reportSchema.parse({ title: 'T', date: '2020-07-31', source: { name: 'S' }, topics: ['Energy'] });
  const record = reportRecord('2020/x', data, (p) => absoluteUrl('https://example.org', '/archive/', p));
  assert.equal(record.url, 'https://example.org/archive/news/2020/x/');
  assert.equal(record.formats.cslJson, 'https://example.org/archive/news/2020/x.csl.json');
  assert.equal(record.date, '2020-07-31');
  assert.deepEqual(record.topics, ['Energy']);
  assert.deepEqual(record.people, []);
  assert.equal(record.language, 'en');
  assert.ok(!('subtitle' in record) && !('summary' in record) && !('rights' in record));
  assert.deepEqual(JSON.parse(JSON.stringify(record)), record);
});

test('a record lists the report’s attachments with absolute URLs, media types and sizes (none: an empty list)', () => {
  const data = reportSchema.parse({
    title: 'T', date: '2020-07-31', source: { name: 'S' },
    attachments: [{ file: './x/release.pdf', title: 'The release' }, { file: './x/figures.csv', title: 'Figures' }],
  });
  const report = { id: '2020/x', filePath: 'content/news/2020/x.md', data, rendered: { html: '', metadata: { attachmentBytes: [1_234_567, 812] } } };
  const absolute = (p: string) => absoluteUrl('https://example.org', '/archive/', p);
  const record = reportRecord('2020/x', data, absolute, reportAttachments(report as never));
  assert.deepEqual(record.attachments, [
    { title: 'The release', url: 'https://example.org/archive/news/2020/x/release.pdf', mediaType: 'application/pdf', bytes: 1_234_567 },
    { title: 'Figures', url: 'https://example.org/archive/news/2020/x/figures.csv', mediaType: 'text/csv', bytes: 812 },
  ]);
  assert.deepEqual(reportRecord('2020/y', reportSchema.parse({ title: 'T', date: '2020-07-31', source: { name: 'S' } }), absolute).attachments, []);
});

test('a record lists the report’s authors in the order credited, and an empty list when it names none', () => {
  const absolute = (p: string) => absoluteUrl('https://example.org', '/archive/', p);
  const data = reportSchema.parse({ title: 'T', date: '2020-07-31', source: { name: 'S' }, authors: ['Jane Doe', 'John Smith'] });
  assert.deepEqual(reportRecord('2020/x', data, absolute).authors, ['Jane Doe', 'John Smith']);
  assert.deepEqual(reportRecord('2020/y', reportSchema.parse({ title: 'T', date: '2020-07-31', source: { name: 'S' } }), absolute).authors, []);
});
