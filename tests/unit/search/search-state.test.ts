import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeFilters,
  effectiveSort,
  isBlank,
  pagefindArguments,
  parseSearchState,
  searchStateToParams,
  withOnlyYear,
  yearCounts,
} from '../../../src/search/client/search-state.ts';
import { yearBars } from '../../../src/archive/archive-chart.ts';

const parse = (query: string) => parseSearchState(new URLSearchParams(query));

test('a search URL round-trips through the state, in one canonical order', () => {
  const state = parse('sort=oldest&source=Third+Academy&person=Li+Na&topic=Energy&q=+annual+plan+&topic=Trade&year=2020');
  assert.deepEqual(state, {
    query: 'annual plan',
    filters: { year: ['2020'], topic: ['Energy', 'Trade'], organization: [], person: ['Li Na'], source: ['Third Academy'] },
    sort: 'oldest',
  });
  const canonical = searchStateToParams(state).toString();
  assert.equal(canonical, 'q=annual+plan&year=2020&topic=Energy&topic=Trade&person=Li+Na&source=Third+Academy&sort=oldest');
  assert.deepEqual(parse(canonical), state);
});

test('defaults stay out of the URL; unknown orders, blanks and repeats are ignored', () => {
  const state = parse('q=&topic=&topic=Energy&topic=Energy&sort=sideways&colour=red');
  assert.deepEqual(state.filters.topic, ['Energy']);
  assert.equal(state.sort, 'relevance');
  assert.equal(searchStateToParams(state).toString(), 'topic=Energy');
  assert.equal(searchStateToParams(parse('')).toString(), '');
});

test('values with commas, ampersands and non-Latin letters survive the URL', () => {
  const state = parse(searchStateToParams({
    query: '"零缺陷" & more',
    filters: { year: [], topic: [], organization: ['Eastern Electric Co., Ltd.'], person: [], source: [] },
    sort: 'relevance',
  }).toString());
  assert.equal(state.query, '"零缺陷" & more');
  assert.deepEqual(state.filters.organization, ['Eastern Electric Co., Ltd.']);
});

test('browsing by filters alone searches with null and lists the newest first', () => {
  const browse = parse('topic=Energy&organization=CASIC');
  assert.equal(isBlank(browse), false);
  assert.equal(effectiveSort(browse), 'newest');
  assert.deepEqual(pagefindArguments(browse), {
    term: null,
    options: { filters: { topic: ['Energy'], organization: ['CASIC'] }, sort: { date: 'desc' } },
  });
  assert.equal(isBlank(parse('')), true);
});

test('words are searched by relevance unless a date order is asked for', () => {
  assert.deepEqual(pagefindArguments(parse('q=plan')), { term: 'plan', options: { filters: {} } });
  assert.deepEqual(pagefindArguments(parse('q=plan&sort=oldest')).options.sort, { date: 'asc' });
  assert.deepEqual(pagefindArguments(parse('q=plan&sort=newest')).options.sort, { date: 'desc' });
});

test('the filters read as a phrase for the status line', () => {
  assert.equal(describeFilters(parse('person=Li+Na&year=2020')), 'Year: 2020, Person: Li Na');
});


test('the results chart: a bar per year from the year facet\'s counts, empty years between drawn without a link', () => {
  const years = yearCounts({ '2018': 2, '2020': 8, '2021': 0, unknown: 3 });
  assert.deepEqual(years, [{ year: 2018, count: 2 }, { year: 2020, count: 8 }]);
  const bars = yearBars(years, (year) => `?year=${year}`);
  assert.deepEqual(bars.map((b) => [b.label, b.count, b.width, b.href]), [
    ['2020', 8, 100, '?year=2020'],
    ['2019', 0, 0, undefined],
    ['2018', 2, 25, '?year=2018'],
  ]);
  assert.deepEqual(yearCounts(undefined), []);
});

test('a bar of the results chart keeps the words, the other filters and the order, and replaces the year', () => {
  const state = parse('q=energy&year=2019&topic=Trade&sort=oldest');
  assert.equal(searchStateToParams(withOnlyYear(state, 2020)).toString(), 'q=energy&year=2020&topic=Trade&sort=oldest');
  assert.deepEqual(state.filters.year, ['2019'], 'the state it came from is unchanged');
});
