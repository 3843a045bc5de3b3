import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countOf, formatBytes, formatCount } from '../../../src/archive/numbers.ts';

test('counts are grouped in thousands, as the site writes them', () => {
  assert.equal(formatCount(9998), '9,998');
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(countOf(9998, 'report'), '9,998 reports');
  assert.equal(countOf(1, 'report'), '1 report');
  assert.equal(countOf(0, 'report'), '0 reports');
  assert.equal(countOf(2, 'person', 'people'), '2 people');
});

test('file sizes read as readers read them: "1.2 MB"', () => {
  const cases: [number, string][] = [
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1 KB'],
    [245_400, '245 KB'],
    [999_499, '999 KB'],
    [999_999, '1.0 MB'],
    [1_234_567, '1.2 MB'],
    [12_345_678, '12.3 MB'],
    [1_500_000_000, '1.5 GB'],
  ];
  for (const [bytes, text] of cases) assert.equal(formatBytes(bytes), text, String(bytes));
});
