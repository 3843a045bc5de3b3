import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyId, copyPage, copyRareWord } from '../../bench/search-scale.ts';
import { rareWordFor } from '../../bench/generate.ts';

test('each copy of a page gets its own id and its own unique word, and the original stays as built', () => {
  const rare = rareWordFor(17);
  const page = `<html lang="en"><h1 data-pagefind-meta="title">Title</h1><p>The ${rare} plan, again ${rare}.</p></html>`;
  assert.equal(copyPage(page, rare, 0), page);
  assert.equal(copyId('2020/a-report', 0), '2020/a-report');
  const words = new Set<string>();
  const ids = new Set<string>();
  for (let copy = 0; copy < 60; copy++) {
    const word = copyRareWord(rare, copy);
    assert.match(word, /^[a-z]+$/, 'one word, as a tokenizer sees it');
    words.add(word);
    ids.add(copyId('2020/a-report', copy));
    const copied = copyPage(page, rare, copy);
    assert.equal(copied.split(word).length - 1, 2, 'the word replaced wherever it appears');
    if (copy > 0) assert.ok(!new RegExp(`\\b${rare}\\b`).test(copied), 'the original word is gone from a copy');
  }
  assert.equal(words.size, 60);
  assert.equal(ids.size, 60);
  // Another report's words never collide with a copy's.
  for (let other = 0; other < 200; other++) if (other !== 17) assert.ok(!words.has(rareWordFor(other)));
});
