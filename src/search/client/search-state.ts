/**
 * What a search is, as it lives in the search page's URL:
 * `?q=words&year=2020&topic=Energy&topic=Trade&organization=...&person=...&source=...&sort=newest`.
 * The URL is the only state, so reload, back/forward and a shared link give the same results.
 * Pure: parses and writes URLSearchParams and turns a state into Pagefind search arguments.
 */

/** The Pagefind filters the archive pages carry (see ArticleLayout and TermList). */
export const FACETS = ['year', 'topic', 'organization', 'person', 'source'] as const;
export type Facet = (typeof FACETS)[number];

export const FACET_LABELS: Record<Facet, string> = {
  year: 'Year',
  topic: 'Topic',
  organization: 'Organization',
  person: 'Person',
  source: 'Source',
};

export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export type SortOrder = (typeof SORTS)[number];

export interface SearchState {
  query: string;
  filters: Record<Facet, string[]>;
  sort: SortOrder;
}

export function emptyFilters(): Record<Facet, string[]> {
  return { year: [], topic: [], organization: [], person: [], source: [] };
}

export function parseSearchState(params: URLSearchParams): SearchState {
  const filters = emptyFilters();
  for (const facet of FACETS) {
    // Repeated values are one selection; blank ones are a form artefact, not a filter.
    filters[facet] = [...new Set(params.getAll(facet).map((value) => value.trim()).filter(Boolean))];
  }
  const sort = params.get('sort');
  return {
    query: (params.get('q') ?? '').trim(),
    filters,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as SortOrder) : 'relevance',
  };
}

/** The canonical URL parameters of a state: fixed order, defaults left out, so equal states give equal URLs. */
export function searchStateToParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  return params;
}

export function hasFilters(state: SearchState): boolean {
  return FACETS.some((facet) => state.filters[facet].length > 0);
}

/** Nothing asked yet: no words and no filter. */
export function isBlank(state: SearchState): boolean {
  return state.query === '' && !hasFilters(state);
}

/** Relevance means nothing without words: browsing by filters lists the newest first. */
export function effectiveSort(state: SearchState): Exclude<SortOrder, 'relevance'> | 'relevance' {
  return state.sort === 'relevance' && state.query === '' ? 'newest' : state.sort;
}

export interface PagefindArguments {
  /** Pagefind browses by filters alone with `null`; an empty string finds nothing. */
  term: string | null;
  options: { filters: Record<string, string[]>; sort?: { date: 'asc' | 'desc' } };
}

/** Filters within one facet and across facets all narrow: a report must carry every chosen value. */
export function pagefindArguments(state: SearchState): PagefindArguments {
  const filters: Record<string, string[]> = {};
  for (const facet of FACETS) if (state.filters[facet].length > 0) filters[facet] = [...state.filters[facet]];
  const sort = effectiveSort(state);
  return {
    term: state.query === '' ? null : state.query,
    options: { filters, ...(sort === 'relevance' ? {} : { sort: { date: sort === 'newest' ? 'desc' : 'asc' } }) },
  };
}

/** "Topic: Energy, Year: 2020" — what the filters are, for the status line. */
export function describeFilters(state: SearchState): string {
  return FACETS.flatMap((facet) => state.filters[facet].map((value) => `${FACET_LABELS[facet]}: ${value}`)).join(', ');
}

/**
 * The year facet's counts (Pagefind's `filters.year` of the current search) as the results chart
 * draws them: years with at least one result; a value that is not a year is not a bar.
 */
export function yearCounts(counts: Record<string, number> | undefined): { year: number; count: number }[] {
  return Object.entries(counts ?? {})
    .filter(([value, count]) => /^\d{4}$/.test(value) && count > 0)
    .map(([value, count]) => ({ year: Number(value), count }));
}

/** The same search narrowed to one year (what a bar of the results chart leads to). */
export function withOnlyYear(state: SearchState, year: number): SearchState {
  return { ...state, filters: { ...state.filters, year: [String(year)] } };
}
