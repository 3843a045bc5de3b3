import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paginate } from '../../../src/archive/pagination.ts';
import { listingPagePath as pagePath } from '../../../src/urls/site-paths.ts';
import { groupByMonth, groupByYear } from '../../../src/archive/grouping.ts';
import { sortNewestFirst } from '../../../src/archive/ordering.ts';
import { countWords, readingMinutes, WORDS_PER_MINUTE } from '../../../src/reports/reading-time.ts';

const dated = (id: string, iso: string) => ({ id, data: { date: new Date(`${iso}T00:00:00Z`) } });

test('paginates into pages of the configured size, page 1 at the listing path', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  const pages = paginate(items, 3, 'news/');
  assert.deepEqual(pages.map((p) => p.items), [[0, 1, 2], [3, 4, 5], [6]]);
  assert.deepEqual(pages.map((p) => p.path), ['news/', 'news/page/2/', 'news/page/3/']);
  assert.equal(pages[0]!.prev, undefined);
  assert.equal(pages[0]!.next, 'news/page/2/');
  assert.equal(pages[2]!.prev, 'news/page/2/');
  assert.equal(pages[2]!.next, undefined);
  assert.ok(pages.every((p) => p.total === 3));
  assert.equal(pagePath('topics/energy/', 1), 'topics/energy/');
});

test('an exact multiple makes no empty trailing page; an empty list still has its first page', () => {
  assert.equal(paginate([1, 2, 3, 4], 2, 'x/').length, 2);
  const empty = paginate([], 5, 'x/');
  assert.equal(empty.length, 1);
  assert.deepEqual(empty[0]!.items, []);
  assert.throws(() => paginate([1], 0, 'x/'), /page size/);
});

test('every item lands on exactly one page', () => {
  const items = Array.from({ length: 101 }, (_, i) => i);
  const pages = paginate(items, 10, 'news/');
  assert.deepEqual(pages.flatMap((p) => p.items), items);
});

test('groups newest-first reports by year, then by month, keeping the order', () => {
  const reports = sortNewestFirst([
    dated('a', '2020-07-31'), dated('b', '2020-07-02'), dated('c', '2020-01-15'), dated('d', '2019-12-31'), dated('e', '2021-03-01'),
  ]);
  const years = groupByYear(reports);
  assert.deepEqual(years.map((y) => [y.year, y.items.map((i) => i.id)]), [[2021, ['e']], [2020, ['a', 'b', 'c']], [2019, ['d']]]);
  const months = groupByMonth(years[1]!.items);
  assert.deepEqual(months.map((m) => [m.name, m.items.map((i) => i.id)]), [['July', ['a', 'b']], ['January', ['c']]]);
});

test('months are read in UTC, whatever the machine time zone', () => {
  // 2020-02-01 UTC midnight is still January in the Americas.
  assert.equal(groupByMonth([dated('x', '2020-02-01')])[0]!.name, 'February');
});

test('reading time counts words of prose, not Markdown syntax, and is at least a minute', () => {
  assert.equal(countWords('## Heading\n\n| a | b |\n| --- | --- |\n\nSee [the site](https://example.org/a-b-c).'), 6);
  assert.equal(countWords("China's five-year plan"), 3);
  assert.equal(readingMinutes('short'), 1);
  assert.equal(readingMinutes(Array(WORDS_PER_MINUTE * 4).fill('word').join(' ')), 4);
});
