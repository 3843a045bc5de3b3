import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barWidth, monthBars, yearBars } from '../../../src/archive/archive-chart.ts';
import { MONTH_NAMES } from '../../../src/reports/calendar-date.ts';

test('bars are scaled to the busiest, in steps of 5%, and any report shows at least one step', () => {
  assert.equal(barWidth(100, 100), 100);
  assert.equal(barWidth(50, 100), 50);
  assert.equal(barWidth(52, 100), 50);
  assert.equal(barWidth(53, 100), 55);
  assert.equal(barWidth(1, 10_000), 5);
  assert.equal(barWidth(0, 100), 0);
  assert.equal(barWidth(0, 0), 0);
  for (let count = 0; count <= 997; count++) {
    const width = barWidth(count, 997);
    assert.ok(width % 5 === 0 && width >= 0 && width <= 100, `${count}: ${width}`);
    assert.ok(count === 0 ? width === 0 : width >= 5);
  }
});

test('years run newest first, with the empty years between them drawn empty and unlinked', () => {
  const bars = yearBars(
    [{ year: 2020, count: 40 }, { year: 2017, count: 10 }, { year: 2018, count: 1 }],
    (year) => `/news/${year}/`,
  );
  assert.deepEqual(bars, [
    { label: '2020', count: 40, width: 100, href: '/news/2020/' },
    { label: '2019', count: 0, width: 0 },
    { label: '2018', count: 1, width: 5, href: '/news/2018/' },
    { label: '2017', count: 10, width: 25, href: '/news/2017/' },
  ]);
  assert.deepEqual(yearBars([], String), []);
});

test('a year has twelve month bars, each month with reports linking to its anchor', () => {
  const bars = monthBars([{ month: 7, count: 3 }, { month: 1, count: 6 }], MONTH_NAMES, (m) => `#m${m}`);
  assert.equal(bars.length, 12);
  assert.deepEqual(bars[0], { label: 'January', count: 6, width: 100, href: '#m1' });
  assert.deepEqual(bars[6], { label: 'July', count: 3, width: 50, href: '#m7' });
  assert.deepEqual(bars[1], { label: 'February', count: 0, width: 0 });
});
