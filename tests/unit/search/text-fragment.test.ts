import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markedTerms, withTextFragment } from '../../../src/search/client/text-fragment.ts';
import { excerptParts } from '../../../src/search/client/excerpt-text.ts';

test('the marked words of an excerpt, without punctuation, each once', () => {
  assert.deepEqual(markedTerms(excerptParts('the <mark>"zero</mark> <mark>defects"</mark>, and <mark>Zero</mark> again')), ['zero', 'defects']);
  assert.deepEqual(markedTerms(excerptParts('<mark>R&D</mark> and <mark>质量</mark>')), ['R&D', '质量']);
  assert.deepEqual(markedTerms(excerptParts('no marks here')), []);
});

test('a text fragment is added after any section anchor, with its syntax characters encoded', () => {
  assert.equal(withTextFragment('/news/2020/x/', ['zero', 'defects']), '/news/2020/x/#:~:text=zero&text=defects');
  assert.equal(withTextFragment('/news/2020/x/#outcomes', ['plan']), '/news/2020/x/#outcomes:~:text=plan');
  assert.equal(withTextFragment('/news/2020/x/', ['high-quality', 'a,b', 'R&D']), '/news/2020/x/#:~:text=high%2Dquality&text=a%2Cb&text=R%26D');
  assert.equal(withTextFragment('/news/2020/x/', []), '/news/2020/x/');
  assert.equal(withTextFragment('/news/2020/x/#a:~:text=old', ['new']), '/news/2020/x/#a:~:text=new');
});
