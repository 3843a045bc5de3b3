import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRfc3339, parseRfc822, parseWordPressTime, publicationDay } from '../../../src/importer/readers/publication-date.ts';

const day = (text: string, parse: typeof parseRfc822, zone?: string) => {
  const reading = publicationDay(parse(text), text, 'pubDate', zone);
  return reading.ok ? reading.date : `failed: ${reading.reason}`;
};

test('RFC 822 dates as feeds write them: the day written, or the day in the given zone', () => {
  assert.equal(day('Fri, 31 Jul 2020 23:30:00 +0800', parseRfc822), '2020-07-31');
  assert.equal(day('Fri, 31 Jul 2020 23:30:00 +0800', parseRfc822, 'UTC'), '2020-07-31');
  assert.equal(day('Fri, 31 Jul 2020 23:30:00 -0500', parseRfc822, 'UTC'), '2020-08-01');
  assert.equal(day('31 Jul 2020 23:30 EDT', parseRfc822, 'Europe/London'), '2020-08-01');
  assert.equal(day('Fri, 31 July 2020 08:00:00 GMT', parseRfc822, 'Asia/Tokyo'), '2020-07-31');
  assert.equal(day('Sat, 1 Aug 20 01:00:00 +0000', parseRfc822), '2020-08-01');
  // No offset: the publisher's local time, its day as written, whatever the zone.
  assert.equal(day('Fri, 31 Jul 2020 23:30:00', parseRfc822, 'UTC'), '2020-07-31');
  assert.match(day('Mon, 30 Feb 2020 10:00:00 GMT', parseRfc822), /^failed: pubDate "Mon, 30 Feb 2020 10:00:00 GMT" is not a date/);
  assert.match(day('tomorrow', parseRfc822), /^failed/);
});

test('RFC 3339 dates (Atom, JSON-LD, meta tags)', () => {
  assert.equal(day('2020-07-31T23:30:00+08:00', parseRfc3339), '2020-07-31');
  assert.equal(day('2020-07-31T23:30:00+08:00', parseRfc3339, 'UTC'), '2020-07-31');
  assert.equal(day('2020-07-31T20:00:00.123-05:00', parseRfc3339, 'Asia/Shanghai'), '2020-08-01');
  assert.equal(day('2020-07-31T16:30:00Z', parseRfc3339, 'Asia/Shanghai'), '2020-08-01');
  assert.equal(day('2020-07-31', parseRfc3339, 'Asia/Shanghai'), '2020-07-31');
  assert.match(day('0999-07-31', parseRfc3339), /outside the years/);
  assert.match(day('2020-13-01T00:00:00Z', parseRfc3339), /^failed/);
});

test('WordPress times; a zero date is no date', () => {
  assert.deepEqual(parseWordPressTime('2020-07-31 23:30:00'), { day: '2020-07-31' });
  assert.equal(parseWordPressTime('2020-07-31 15:30:00', 0)?.instant?.toISOString(), '2020-07-31T15:30:00.000Z');
  assert.equal(parseWordPressTime('0000-00-00 00:00:00', 0), undefined);
  assert.equal(parseWordPressTime(''), undefined);
});

