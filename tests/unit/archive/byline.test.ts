import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bylineParts, bylineText } from '../../../src/archive/byline.ts';

const byline = (authors: string[]) => bylineText(bylineParts(authors));

test('a byline names one, two or more authors in the order credited', () => {
  assert.equal(byline(['Jane Doe']), 'By Jane Doe');
  assert.equal(byline(['Jane Doe', 'John Smith']), 'By Jane Doe and John Smith');
  assert.equal(byline(['A', 'B', 'C']), 'By A, B and C');
  assert.equal(byline(['A', 'B', 'C', 'D']), 'By A, B, C and D');
});

test('a report without authors has no byline', () => {
  assert.deepEqual(bylineParts([]), []);
});

test('the names are parts of their own, exactly as written, so the page can mark their language', () => {
  const parts = bylineParts(['袁洁', 'R&D <Team>', 'Jane, Doe']);
  assert.deepEqual(parts.filter((p) => p.name).map((p) => p.text), ['袁洁', 'R&D <Team>', 'Jane, Doe']);
  assert.deepEqual(parts.filter((p) => !p.name).map((p) => p.text), ['By ', ', ', ' and ']);
});
