import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignSlugs, baseSlug, nameHash } from '../../../src/archive/term-slug.ts';
import { buildTaxonomy, termsOf } from '../../../src/archive/taxonomy.ts';
import { relatedReports } from '../../../src/archive/related.ts';
import { sortNewestFirst } from '../../../src/archive/ordering.ts';

interface R {
  id: string;
  data: { date: Date; topics: string[]; organizations: string[]; people: string[] };
}
const r = (id: string, iso: string, topics: string[] = [], organizations: string[] = [], people: string[] = []): R => ({
  id,
  data: { date: new Date(`${iso}T00:00:00Z`), topics, organizations, people },
});

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
    r('2020/a', '2020-07-31', ['Energy', 'aerospace'], ['CASIC'], ['Yuan Jie']),
    r('2019/b', '2019-01-01', ['Energy'], ['Casic'], []),
    r('2021/c', '2021-05-05', ['Energy', 'Energy'], ['CASIC'], ['Yuan Jie']),
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

test('related reports: shared people weigh more than organizations, organizations more than topics', () => {
  const self = r('2020/self', '2020-06-01', ['Energy'], ['CASIC'], ['Yuan Jie']);
  const byTopic = r('2020/topic', '2020-06-02', ['Energy']);
  const byOrg = r('2015/org', '2015-01-01', [], ['CASIC']);
  const byPerson = r('2001/person', '2001-01-01', [], [], ['Yuan Jie']);
  const byAll = r('2010/all', '2010-01-01', ['Energy'], ['CASIC'], ['Yuan Jie']);
  const unrelated = r('2020/none', '2020-06-01', ['Trade'], ['CASC'], ['Li Na']);
  const reports = sortNewestFirst([self, byTopic, byOrg, byPerson, byAll, unrelated]);
  const taxonomy = buildTaxonomy(reports);
  assert.deepEqual(relatedReports(self, taxonomy, 10).map((x) => x.id), ['2010/all', '2001/person', '2015/org', '2020/topic']);
  assert.deepEqual(relatedReports(self, taxonomy, 2).map((x) => x.id), ['2010/all', '2001/person']);
  assert.deepEqual(relatedReports(unrelated, taxonomy, 5), []);
  assert.deepEqual(relatedReports(self, taxonomy, 0), []);
});

test('related reports are the best-scored of every report sharing a term, report after report, on a random archive', () => {
  // The reference: score every pair, sort by score, then nearness in time, then id.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (pool: string[], most: number) => pool.filter(() => random() < most / pool.length);
  const topics = ['Energy', 'Trade', 'Space', 'Health'];
  const orgs = ['CASIC', 'CASC', 'AVIC', 'COMAC', 'CETC', 'NORINCO'];
  const people = Array.from({ length: 30 }, (_, i) => `Person ${i}`);
  const reports = sortNewestFirst(
    Array.from({ length: 300 }, (_, i) =>
      r(`20${String(10 + (i % 15))}/r${i}`, `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}`, pick(topics, 1.5), pick(orgs, 1), pick(people, 1)),
    ),
  );
  const taxonomy = buildTaxonomy(reports);
  const weight = { topics: 1, organizations: 2, people: 3 } as const;
  const score = (a: R, b: R) =>
    (Object.keys(weight) as (keyof typeof weight)[]).reduce((sum, field) => sum + weight[field] * a.data[field].filter((n) => b.data[field].includes(n)).length, 0);
  for (const self of reports) {
    const expected = reports
      .filter((other) => other !== self && score(self, other) > 0)
      .sort((a, b) => {
        const gap = (x: R) => Math.abs(x.data.date.getTime() - self.data.date.getTime());
        return score(self, b) - score(self, a) || gap(a) - gap(b) || (a.id < b.id ? -1 : 1);
      })
      .slice(0, 3)
      .map((x) => x.id);
    assert.deepEqual(relatedReports(self, taxonomy, 3).map((x) => x.id), expected, self.id);
  }
});

test('among equally related reports the nearest in time comes first', () => {
  const self = r('2020/self', '2020-06-01', ['Energy']);
  const far = r('2001/far', '2001-06-01', ['Energy']);
  const near = r('2020/near', '2020-05-01', ['Energy']);
  const mid = r('2012/mid', '2012-05-01', ['Energy']);
  const taxonomy = buildTaxonomy(sortNewestFirst([self, far, near, mid]));
  assert.deepEqual(relatedReports(self, taxonomy, 3).map((x) => x.id), ['2020/near', '2012/mid', '2001/far']);
});
