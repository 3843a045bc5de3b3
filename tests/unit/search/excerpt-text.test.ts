import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { excerptParts } from '../../../src/search/client/excerpt-text.ts';

/**
 * Pagefind 1.6's excerpt, as its pagefind.js builds it (build_excerpt, without an ellipsis), from
 * `raw_content`: the text with `<` and `>` escaped and zero-width spaces kept. The oracle of what
 * the search page receives.
 */
function pagefindExcerpt(content: string, start: number, length: number, locations: number[]) {
  const raw = content.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const zeroWidth = raw.includes('\u200B');
  const words = zeroWidth ? raw.split('\u200B') : raw.split(/[^\S\uFEFF]+/g);
  const joiner = zeroWidth ? '' : ' ';
  length = Math.min(length, words.length);
  start = Math.max(0, Math.min(start, words.length - length));
  for (const word of locations) if (words[word] !== undefined && !words[word]!.startsWith('<mark>')) words[word] = `<mark>${words[word]}</mark>`;
  return { raw, excerpt: words.slice(start, start + length).join(joiner).trim(), start, length };
}

const written = (content: string) => content.replace(/\u200B/g, '');
const partsText = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

test('a report that writes "&lt;", "&amp;" or "<b>" in words reads so in its excerpt; matched words stay marked', () => {
  const content = 'Use x &lt; y in HTML, or R&amp;D for <b>bold</b> & more; 5 > 3.';
  const words = content.split(' ');
  const { raw, excerpt } = pagefindExcerpt(content, 0, 30, [2, 7]);
  // What innerHTML showed before: the report's own "&lt;" read as "<", and "&amp;" as "&".
  assert.match(excerpt, /x <mark>&lt;<\/mark> y/);
  const parts = excerptParts(excerpt, raw, written(content));
  assert.equal(partsText(parts), content);
  assert.deepEqual(parts.filter((p) => p.marked).map((p) => p.text), ['&lt;', 'R&amp;D']);
  assert.deepEqual([words[2], words[7]], ['&lt;', 'R&amp;D']);
  // Without the page's text, Pagefind's own escapes are read back.
  assert.equal(partsText(excerptParts('a &lt; b <mark>c</mark>')), 'a < b c');
});

test('Chinese text, split on zero-width spaces, comes back as written', () => {
  const content = '质量\u200B工作\u200B大会\u200B<要求>\u200B&lt;';
  const { raw, excerpt } = pagefindExcerpt(content, 0, 30, [0]);
  const parts = excerptParts(excerpt, raw, written(content));
  assert.equal(partsText(parts), '质量工作大会<要求>&lt;');
  assert.deepEqual(parts.filter((p) => p.marked).map((p) => p.text), ['质量']);
});

test('property: every excerpt Pagefind makes reads as the words the report wrote', () => {
  const token = fc.oneof(
    fc.constantFrom('<', '>', '&', '&lt;', '&gt;', '&amp;', '<mark>', '</mark>', '&lt;mark&gt;', 'a<b', 'R&D', '"q"', "'", 'x'),
    fc.string({ unit: fc.constantFrom('a', 'b', 'é', '质', '<', '&', ';', 'l', 't', 'g') , minLength: 1, maxLength: 6 }),
  );
  const separator = fc.constantFrom(' ', '  ', '\n', '\t', ' \n ');
  fc.assert(
    fc.property(
      fc.array(fc.tuple(token, separator), { minLength: 1, maxLength: 40 }),
      fc.boolean(),
      fc.nat(40),
      fc.integer({ min: 1, max: 30 }),
      fc.uniqueArray(fc.nat(40), { maxLength: 5 }),
      (pairs, leadingSpace, start, length, locations) => {
        const content = (leadingSpace ? ' ' : '') + pairs.map(([t, s]) => t + s).join('').trimEnd();
        const words = content.split(/[^\S\uFEFF]+/g);
        // Pagefind marks words it indexed, never the empty one before leading whitespace.
        locations = locations.filter((l) => words[l] !== '');
        const made = pagefindExcerpt(content, start, length, locations);
        const rawWords = made.raw.split(/[^\S\uFEFF]+/g);
        const window = rawWords.slice(made.start, made.start + made.length).join(' ').trim();
        // Where the same escaped words occur twice, nothing tells which one the excerpt is.
        fc.pre(made.raw.replace(/[^\S\uFEFF]+/g, ' ').indexOf(window) === made.raw.replace(/[^\S\uFEFF]+/g, ' ').lastIndexOf(window));
        const parts = excerptParts(made.excerpt, made.raw, content);
        assert.equal(partsText(parts), words.slice(made.start, made.start + made.length).join(' ').trim());
        const marked = locations.filter((l) => l >= made.start && l < made.start + made.length).sort((a, b) => a - b).map((l) => words[l]);
        assert.deepEqual(parts.filter((p) => p.marked).map((p) => p.text), marked);
      },
    ),
    { numRuns: 500 },
  );
});
