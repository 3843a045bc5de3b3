/**
 * The search page. Its whole state is the URL (see src/search/client/search-state.ts): the form is a plain
 * GET form, and this script reads the URL, runs the search, shows facets with counts, and pushes
 * a new URL for every change, so reload, back/forward and a shared link give the same results.
 */
import {
  describeFilters,
  effectiveSort,
  emptyFilters,
  hasFilters,
  isBlank,
  pagefindArguments,
  parseSearchState,
  searchStateToParams,
  withOnlyYear,
  yearCounts,
  type SearchState,
} from './search-state.ts';
import { allFilterCounts, loadPagefind, orderedResults, searchAll, searchPartition, siteBase, type PagefindResultData } from './pagefind-client.ts';
import { firstPageChanged, partitionsInShowingOrder } from './progressive-results.ts';
import { renderFacets, renderResult, renderYearChart } from './search-views.ts';
import { yearBars } from '../../archive/archive-chart.ts';
import { countOf } from '../../archive/numbers.ts';

const PAGE_SIZE = 20;

interface Elements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  sort: HTMLSelectElement;
  refine: HTMLDetailsElement;
  facets: HTMLElement;
  chart: HTMLElement;
  status: HTMLElement;
  advice: HTMLElement;
  list: HTMLOListElement;
  more: HTMLButtonElement;
}

function statusText(state: SearchState, count: number): string {
  const match = count === 1 ? 'matches' : 'match';
  const what = [state.query && `${match} “${state.query}”`, hasFilters(state) && `with ${describeFilters(state)}`].filter(Boolean).join(' ');
  return `${count === 0 ? 'No reports' : countOf(count, 'report')} ${what}.`;
}

function renderAdvice(doc: Document, els: Elements, state: SearchState): void {
  const tips: Node[] = [];
  if (hasFilters(state)) {
    const widen = doc.createElement('a');
    const params = searchStateToParams({ ...state, filters: emptyFilters() });
    widen.href = `${siteBase()}search/${params.size > 0 ? `?${params}` : ''}`;
    widen.textContent = 'remove the filters';
    tips.push(doc.createTextNode('Try fewer filters, or '), widen, doc.createTextNode('.'));
  } else {
    tips.push(doc.createTextNode('Check the spelling, use fewer or other words, or drop the quotes around a phrase.'));
  }
  els.advice.replaceChildren(...tips);
  els.advice.hidden = false;
}

/** Where a bar of the results chart leads: this search, narrowed to its year. */
function yearHref(state: SearchState, year: number): string {
  return `${siteBase()}search/?${searchStateToParams(withOnlyYear(state, year))}`;
}

function readElements(doc: Document): Elements | undefined {
  const form = doc.querySelector<HTMLFormElement>('[data-search-form]');
  const els = {
    form,
    input: form?.querySelector<HTMLInputElement>('input[name="q"]'),
    sort: form?.querySelector<HTMLSelectElement>('select[name="sort"]'),
    refine: doc.querySelector<HTMLDetailsElement>('[data-search-refine]'),
    facets: doc.querySelector<HTMLElement>('[data-search-facets]'),
    chart: doc.querySelector<HTMLElement>('[data-search-chart]'),
    status: doc.querySelector<HTMLElement>('[data-search-status]'),
    advice: doc.querySelector<HTMLElement>('[data-search-advice]'),
    list: doc.querySelector<HTMLOListElement>('[data-search-results]'),
    more: doc.querySelector<HTMLButtonElement>('[data-search-more]'),
  };
  return Object.values(els).every(Boolean) ? (els as Elements) : undefined;
}

/**
 * The state the form now asks for. Without words the order menu shows "newest", the order used;
 * unless the reader picked another, the order asked for stays what the URL said.
 */
function stateFromForm(els: Elements, previous: SearchState): SearchState {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(els.form)) if (typeof value === 'string') params.append(name, value);
  const state = parseSearchState(params);
  return els.sort.value === effectiveSort(previous) ? { ...state, sort: previous.sort } : state;
}

/** `words`: also put the state's words in the box (when the state came from the URL). */
function showState(els: Elements, state: SearchState, words: boolean): void {
  if (words) els.input.value = state.query;
  els.sort.value = effectiveSort(state);
  // "Best match" needs words to match.
  els.sort.querySelector<HTMLOptionElement>('option[value="relevance"]')!.disabled = state.query === '';
}

function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `/` puts the cursor in the search box, as on most search sites; Escape in it clears it (native). */
function focusOnSlash(doc: Document, input: HTMLInputElement): void {
  doc.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingIn(event.target)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

export function startSearchPage(doc: Document): void {
  const els = readElements(doc);
  if (!els) return;
  focusOnSlash(doc, els.input);
  let latest = 0;
  let current = parseSearchState(new URLSearchParams(doc.location.search));
  let pending: AsyncGenerator<{ id: string; data: PagefindResultData }> | undefined;
  /** The ids of the results in the list, in order. */
  let shownIds: string[] = [];

  async function showMore(ticket: number, focusFirst: boolean, count = PAGE_SIZE): Promise<void> {
    const items: HTMLLIElement[] = [];
    const ids: string[] = [];
    let exhausted = false;
    while (items.length < count) {
      const next = await pending!.next();
      if (ticket !== latest) return;
      if (next.done) {
        exhausted = true;
        break;
      }
      items.push(renderResult(doc, next.value.id, next.value.data));
      ids.push(next.value.id);
    }
    if (els!.list.children.length === 0) shownIds = [];
    shownIds.push(...ids);
    els!.list.append(...items);
    els!.more.hidden = exhausted || els!.list.children.length >= total;
    if (focusFirst) items[0]?.querySelector('a')?.focus();
  }

  let total = 0;
  let facetsShown = false;
  /**
   * Shows a state. The search box is only rewritten for a state read from the URL (back, forward,
   * the first load): other runs come from the form itself, or from opening "Refine", which can
   * happen while the reader is typing new words.
   */
  async function run(state: SearchState, fromUrl = false): Promise<void> {
    const ticket = ++latest;
    current = state;
    showState(els!, state, fromUrl);
    els!.advice.hidden = true;
    els!.more.hidden = true;
    els!.status.textContent = 'Searching…';
    els!.list.setAttribute('aria-busy', 'true');
    try {
      await search(ticket, state);
    } catch (error) {
      if (ticket === latest) els!.status.textContent = 'Search is unavailable: the search index could not be loaded. Try reloading the page.';
      console.error(error);
    } finally {
      if (ticket === latest) els!.list.removeAttribute('aria-busy');
    }
  }

  async function search(ticket: number, state: SearchState): Promise<void> {
    const index = await loadPagefind();
    if (ticket !== latest) return; // a newer search (the reader typed meanwhile) decides the facets
    // Facet counts need every filter index. A plain word search does not load them (it stays
    // small); browsing, a filtered search, or opening "Refine" does.
    if (isBlank(state) || hasFilters(state)) els!.refine.open = true;
    const withFacets = els!.refine.open;
    if (isBlank(state)) {
      const allCounts = withFacets ? await allFilterCounts(index) : {};
      if (ticket !== latest) return;
      facetsShown = withFacets;
      els!.list.replaceChildren();
      renderYearChart(doc, els!.chart, []);
      renderFacets(doc, els!.facets, state, allCounts);
      els!.status.textContent = 'Type words to search, or choose a year, topic, organization, person or source to browse the archive.';
      return;
    }
    const request = pagefindArguments(state);
    const sort = effectiveSort(state);
    const order = sort === 'relevance' ? 'relevance' : sort === 'newest' ? 'desc' : 'asc';
    const walk = partitionsInShowingOrder(index.partitions, order);
    const progressive = walk.length > 1;
    // The partition shown first (newest, or oldest for "oldest first") is searched alone and its
    // results shown at once; the others are searched after, once its first page's data is in
    // hand (Pagefind's worker answers one request at a time).
    const first = await searchPartition(index, request, walk[0]!, withFacets);
    if (ticket !== latest) return;
    pending = orderedResults(index, first, request, order, walk);
    total = progressive ? Infinity : first.results.length;
    els!.list.replaceChildren();
    // Only what the first partition holds: the first page's start, never waiting for the others.
    await showMore(ticket, false, progressive ? Math.min(PAGE_SIZE, first.results.length) : PAGE_SIZE);
    if (ticket !== latest) return;
    let found = first;
    if (progressive) {
      const shownNone = els!.list.children.length === 0;
      els!.status.textContent = shownNone
        ? 'Searching older reports…'
        : order === 'asc' ? 'Showing the oldest reports; searching newer ones…' : 'Showing the newest reports; searching older ones…';
      // Best match may still change order, and a short first page is filled up below.
      if (order === 'relevance' || els!.list.children.length < PAGE_SIZE) els!.more.hidden = true;
      found = await searchAll(index, request, withFacets, walk[0] === index.partitions[0] ? first : undefined);
      if (ticket !== latest) return;
      total = found.results.length;
      if (order === 'relevance') {
        // Every partition ranked together, as Pagefind ranks merged indexes.
        if (firstPageChanged(shownIds, found.results.map((result) => result.id), PAGE_SIZE)) {
          pending = orderedResults(index, found, request, order, walk);
          els!.list.replaceChildren();
          await showMore(ticket, false);
          if (ticket !== latest) return;
        }
      } else if (els!.list.children.length < PAGE_SIZE) {
        await showMore(ticket, false, PAGE_SIZE - els!.list.children.length);
        if (ticket !== latest) return;
      }
      els!.more.hidden = els!.list.children.length >= total;
    }
    const counts = withFacets ? found.filters : {};
    facetsShown = withFacets;
    if (withFacets) renderFacets(doc, els!.facets, state, counts);
    // The year counts come with the search only when the year filter's index is loaded, which
    // Pagefind does for the facets (or a year filter): without them, no chart, rather than a
    // request of its own on every word search.
    renderYearChart(doc, els!.chart, yearBars(yearCounts(found.filters.year), (year) => yearHref(state, year)));
    els!.status.textContent = statusText(state, total);
    if (total === 0) renderAdvice(doc, els!, state);
  }

  function navigate(state: SearchState): void {
    const params = searchStateToParams(state);
    const next = new URL(doc.location.href);
    next.search = params.toString();
    if (next.href !== doc.location.href) history.pushState(null, '', next);
    void run(state);
  }

  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = stateFromForm(els, current);
    // New words with no filter chosen: fold the facets away so Tab reaches the results first.
    if (!isBlank(next) && !hasFilters(next)) els.refine.open = false;
    navigate(next);
  });
  els.form.addEventListener('change', (event) => {
    if (event.target === els.input) return; // words are searched on submit
    navigate(stateFromForm(els, current));
  });
  els.refine.addEventListener('toggle', () => {
    if (els.refine.open && !facetsShown) void run(current);
  });
  els.chart.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-year]') : null;
    // A modified click (new tab, new window) follows the link as the browser does.
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    navigate(withOnlyYear(current, Number(link.dataset.year)));
  });
  els.more.addEventListener('click', () => void showMore(latest, true));
  window.addEventListener('popstate', () => void run(parseSearchState(new URLSearchParams(doc.location.search)), true));

  // This script runs after the page has shown, and a reader may already have typed: their words
  // stay in the box (for Enter to search), while the page shows what its URL asks for.
  void run(current, els.input.value === els.input.defaultValue);
}
