import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildTaxonomy } from '../../../src/archive/taxonomy.ts';
import { CANDIDATES_PER_TERM, relatedReports } from '../../../src/archive/related.ts';
import { sortNewestFirst } from '../../../src/archive/ordering.ts';
import { tagged, type TaggedReport } from '../../support/tagged-report.ts';

const WEIGHT = { topics: 1, organizations: 2, people: 3 } as const;
const FIELDS = Object.keys(WEIGHT) as (keyof typeof WEIGHT)[];
const gap = (a: TaggedReport, b: TaggedReport) => Math.abs(a.data.date.getTime() - b.data.date.getTime());
const score = (a: TaggedReport, b: TaggedReport) =>
  FIELDS.reduce((sum, field) => sum + WEIGHT[field] * [...new Set(a.data[field])].filter((n) => b.data[field].includes(n)).length, 0);

/**
 * The definition, written the slow way: from each of the report's terms, the `perTerm` reports of
 * that term nearest in time (on a tie the newer, then the nearer in the list); each scored on every term it shares;
 * best score first, then nearest in time, then id.
 */
function reference(self: TaggedReport, newestFirst: TaggedReport[], limit: number, perTerm: number): string[] {
  const candidates = new Set<TaggedReport>();
  for (const field of FIELDS) {
    for (const name of new Set(self.data[field])) {
      const list = newestFirst.filter((x) => x.data[field].includes(name));
      const own = list.indexOf(self);
      list
        .map((other, at) => ({ other, newer: at < own ? 0 : 1, steps: Math.abs(at - own) }))
        .filter(({ other }) => other !== self)
        .sort((a, b) => gap(a.other, self) - gap(b.other, self) || a.newer - b.newer || a.steps - b.steps)
        .slice(0, perTerm)
        .forEach(({ other }) => candidates.add(other));
    }
  }
  return [...candidates]
    .sort((a, b) => score(self, b) - score(self, a) || gap(a, self) - gap(b, self) || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.id);
}

test('related reports: shared people weigh more than organizations, organizations more than topics', () => {
  const self = tagged('2020/self', '2020-06-01', ['Energy'], ['CASIC'], ['Yuan Jie']);
  const byTopic = tagged('2020/topic', '2020-06-02', ['Energy']);
  const byOrg = tagged('2015/org', '2015-01-01', [], ['CASIC']);
  const byPerson = tagged('2001/person', '2001-01-01', [], [], ['Yuan Jie']);
  const byAll = tagged('2010/all', '2010-01-01', ['Energy'], ['CASIC'], ['Yuan Jie']);
  const unrelated = tagged('2020/none', '2020-06-01', ['Trade'], ['CASC'], ['Li Na']);
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
      tagged(`20${String(10 + (i % 15))}/r${i}`, `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}`, pick(topics, 1.5), pick(orgs, 1), pick(people, 1)),
    ),
  );
  const taxonomy = buildTaxonomy(reports);
  const weight = { topics: 1, organizations: 2, people: 3 } as const;
  const score = (a: TaggedReport, b: TaggedReport) =>
    (Object.keys(weight) as (keyof typeof weight)[]).reduce((sum, field) => sum + weight[field] * a.data[field].filter((n) => b.data[field].includes(n)).length, 0);
  for (const self of reports) {
    const expected = reports
      .filter((other) => other !== self && score(self, other) > 0)
      .sort((a, b) => {
        const gap = (x: TaggedReport) => Math.abs(x.data.date.getTime() - self.data.date.getTime());
        return score(self, b) - score(self, a) || gap(a) - gap(b) || (a.id < b.id ? -1 : 1);
      })
      .slice(0, 3)
      .map((x) => x.id);
    assert.deepEqual(relatedReports(self, taxonomy, 3).map((x) => x.id), expected, self.id);
  }
});

test('among equally related reports the nearest in time comes first', () => {
  const self = tagged('2020/self', '2020-06-01', ['Energy']);
  const far = tagged('2001/far', '2001-06-01', ['Energy']);
  const near = tagged('2020/near', '2020-05-01', ['Energy']);
  const mid = tagged('2012/mid', '2012-05-01', ['Energy']);
  const taxonomy = buildTaxonomy(sortNewestFirst([self, far, near, mid]));
  assert.deepEqual(relatedReports(self, taxonomy, 3).map((x) => x.id), ['2020/near', '2012/mid', '2001/far']);
});

test('related reports follow their definition on any archive, with any bound per term (property)', () => {
  const names = (pool: string[]) => fc.subarray(pool, { maxLength: pool.length });
  const report = fc.record({
    day: fc.integer({ min: 0, max: 30 }),
    topics: names(['Energy', 'Trade', 'Space']),
    organizations: names(['CASIC', 'CASC', 'AVIC']),
    people: names(['Yuan Jie', 'Li Na', 'Gong Bo', 'Wei Yiyin']),
  });
  fc.assert(
    fc.property(fc.array(report, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }), (drawn, limit, perTerm) => {
      const reports = sortNewestFirst(
        drawn.map((d, i) => tagged(`r${String(i).padStart(2, '0')}`, new Date(Date.UTC(2020, 0, 1 + d.day)).toISOString().slice(0, 10), d.topics, d.organizations, d.people)),
      );
      const taxonomy = buildTaxonomy(reports);
      for (const self of reports) {
        assert.deepEqual(relatedReports(self, taxonomy, limit, perTerm).map((x) => x.id), reference(self, reports, limit, perTerm), self.id);
      }
    }),
    { numRuns: 300 },
  );
});

test('a report sharing a person and a broad topic is related even when the topic holds far more reports than the bound', () => {
  const broad = Array.from({ length: CANDIDATES_PER_TERM * 3 }, (_, i) =>
    tagged(`2020/topic-${String(i).padStart(4, '0')}`, new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 10), ['Energy']),
  );
  const self = tagged('2020/self', '2020-01-01', ['Energy'], [], ['Yuan Jie']);
  // Years older than every report of the topic, so beyond the topic's nearest; found through the person.
  const colleague = tagged('2001/colleague', '2001-01-01', ['Energy'], [], ['Yuan Jie']);
  const personOnly = tagged('2019/person-only', '2019-06-01', [], [], ['Yuan Jie']);
  const reports = sortNewestFirst([...broad, self, colleague, personOnly]);
  const taxonomy = buildTaxonomy(reports);
  assert.deepEqual(
    relatedReports(self, taxonomy, 3).map((x) => x.id),
    // Person and topic (4), then the person alone (3), then the topic's report nearest in time (1).
    ['2001/colleague', '2019/person-only', '2020/topic-0000'],
  );
});
