import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLongDate, isValidCalendarDate, parseIsoDate, toIsoDate } from '../../../src/reports/calendar-date.ts';

test('parses real calendar days and rejects impossible ones instead of rolling them over', () => {
  assert.equal(toIsoDate(parseIsoDate('2020-07-31')!), '2020-07-31');
  assert.equal(toIsoDate(parseIsoDate('2020-02-29')!), '2020-02-29');
  assert.equal(parseIsoDate('2018-02-30'), null);
  assert.equal(parseIsoDate('2019-02-29'), null);
  assert.equal(parseIsoDate('2020-13-01'), null);
  assert.equal(parseIsoDate('31 July 2020'), null);
  assert.equal(parseIsoDate('2020-7-31'), null);
  assert.equal(isValidCalendarDate(2020, 4, 31), false);
});

test('formats the day the same whatever the machine time zone', () => {
  const date = parseIsoDate('2020-07-31')!;
  assert.equal(formatLongDate(date), '31 July 2020');
  // Midnight UTC is still 30 July in New York: formatting must not use the local zone.
  assert.equal(date.getUTCDate(), 31);
});
