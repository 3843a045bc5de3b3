import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignSlugs, baseSlug, nameHash } from '../../../src/archive/term-slug.ts';
import { buildTaxonomy, termsOf } from '../../../src/archive/taxonomy.ts';
import { sortNewestFirst } from '../../../src/archive/ordering.ts';
import { tagged, type TaggedReport } from '../../support/tagged-report.ts';

test('slugs are readable', () => {
  assert.equal(baseSlug('Yuan Jie'), 'yuan-jie');
  assert.equal(baseSlug('Eastern Electric Co., Ltd.'), 'eastern-electric-co-ltd');
  assert.equal(baseSlug('R&D'), 'r-and-d');
});

test('names that slug alike get distinct slugs; the first to appear keeps the plain one', () => {
  const slugs = assignSlugs(['CASIC', 'Yuan Jie', 'Casic', 'C++', 'C#']);
  assert.equal(slugs.get('CASIC'), 'casic');
  assert.equal(slugs.get('Casic'), `casic-${nameHash('Casic')}`);
  assert.equal(slugs.get('C++'), 'c');
  assert.equal(slugs.get('C#'), `c-${nameHash('C#')}`);
  assert.equal(new Set(slugs.values()).size, slugs.size);
});

test("a look-alike added later does not move the first name's URL, and each suffix depends on the name alone", () => {
  const before = assignSlugs(['Casic', 'CASIC']);
  const after = assignSlugs(['Casic', 'CASIC', 'casic', 'Energy']);
  assert.equal(after.get('Casic'), before.get('Casic'));
  assert.equal(after.get('CASIC'), before.get('CASIC'));
  assert.notEqual(after.get('casic'), after.get('CASIC'));
});

test('names with nothing to transliterate still get a stable, distinct slug', () => {
  const slugs = assignSlugs(['袁洁', '刘石泉']);
  assert.match(slugs.get('袁洁')!, /^n-[0-9a-z]{6}$/);
  assert.notEqual(slugs.get('袁洁'), slugs.get('刘石泉'));
  assert.equal(assignSlugs(['袁洁']).get('袁洁'), slugs.get('袁洁'));
});

test('the taxonomy lists each term with its reports newest first and sorts the index by name', () => {
  const reports = sortNewestFirst([
    tagged('2020/a', '2020-07-31', ['Energy', 'aerospace'], ['CASIC'], ['Yuan Jie']),
    tagged('2019/b', '2019-01-01', ['Energy'], ['Casic'], []),
    tagged('2021/c', '2021-05-05', ['Energy', 'Energy'], ['CASIC'], ['Yuan Jie']),
  ]);
  const taxonomy = buildTaxonomy(reports);
  assert.deepEqual(taxonomy.topic.terms.map((t) => t.name), ['aerospace', 'Energy']);
  assert.deepEqual(taxonomy.topic.byName.get('Energy')!.items.map((i) => i.id), ['2021/c', '2020/a', '2019/b']);
  // "Casic" appeared first (2019), so it keeps organizations/casic/.
  assert.equal(taxonomy.organization.byName.get('Casic')!.path, 'organizations/casic/');
  assert.match(taxonomy.organization.byName.get('CASIC')!.path, /^organizations\/casic-[0-9a-z]{6}\/$/);
  assert.deepEqual(termsOf(taxonomy, reports[0]!, 'topic').map((t) => t.name), ['Energy']);
  assert.equal(taxonomy.person.byName.get('Yuan Jie')!.path, 'people/yuan-jie/');
});
