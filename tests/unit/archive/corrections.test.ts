import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchoredUpdates, correctionsNewestFirst, latestUpdate, oldestFirst } from '../../../src/archive/report-updates.ts';
import type { ReportUpdate } from '../../../src/reports/schema.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const u = (date: string, kind: ReportUpdate['kind'], note: string): ReportUpdate => ({ date: day(date), kind, note });

test('oldest first and the latest: two notes on one day keep the order they are written in', () => {
  const updates = [u('2020-09-01', 'update', 'c'), u('2020-08-02', 'correction', 'a'), u('2020-08-02', 'update', 'b')];
  assert.deepEqual(oldestFirst(updates).map((x) => x.note), ['a', 'b', 'c']);
  assert.equal(latestUpdate(updates)?.note, 'c');
  assert.equal(latestUpdate(updates.slice(1))?.note, 'b');
  assert.equal(latestUpdate([]), undefined);
});

test('anchors come from kind and date, so adding an older note moves no link', () => {
  const notes = [u('2020-08-02', 'correction', 'a'), u('2020-08-02', 'correction', 'b'), u('2020-08-02', 'update', 'c')];
  assert.deepEqual(anchoredUpdates(notes).map((n) => n.anchor), ['correction-2020-08-02', 'correction-2020-08-02-2', 'update-2020-08-02']);
  const withOlder = anchoredUpdates([...notes, u('2020-08-01', 'correction', 'z')]);
  assert.deepEqual(withOlder.map((n) => n.anchor), ['correction-2020-08-01', 'correction-2020-08-02', 'correction-2020-08-02-2', 'update-2020-08-02']);
});

test('every correction of every report, newest first; updates are not corrections', () => {
  const reports = [
    { id: '2021/b', data: { title: 'B', language: 'en', date: day('2021-01-01'), updates: [u('2021-03-01', 'update', 'b-update')] } },
    { id: '2020/a', data: { title: 'A', language: 'en', date: day('2020-05-01'), updates: [u('2020-05-03', 'correction', 'a1'), u('2021-06-01', 'correction', 'a2')] } },
    { id: '2020/c', data: { title: 'C', language: 'zh', date: day('2020-03-01'), updates: [u('2020-05-03', 'correction', 'c1')] } },
    { id: '2019/d', data: { title: 'D', language: 'en', date: day('2019-03-01'), updates: [] } },
  ];
  const entries = correctionsNewestFirst(reports);
  assert.deepEqual(
    entries.map((e) => [e.reportId, e.note, e.anchor]),
    [
      ['2020/a', 'a2', 'correction-2021-06-01'],
      ['2020/a', 'a1', 'correction-2020-05-03'],
      ['2020/c', 'c1', 'correction-2020-05-03'],
    ],
  );
  assert.equal(entries[0]!.title, 'A');
  assert.equal(entries[2]!.language, 'zh');
  assert.equal(entries[0]!.published.toISOString(), '2020-05-01T00:00:00.000Z');
  assert.deepEqual(correctionsNewestFirst([]), []);
});
