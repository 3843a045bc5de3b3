/**
 * How the search page shows results and facets: DOM built from Pagefind's data, nothing else.
 * Result text comes from Pagefind, which escapes the indexed text and adds only <mark> elements.
 */
import { formatLongDate, parseIsoDate } from '../../reports/calendar-date.ts';
import { languageOfResult } from './search-languages.ts';
import { FACETS, FACET_LABELS, type Facet, type SearchState } from './search-state.ts';
import type { PagefindResultData } from './pagefind-client.ts';
import { markedTerms, withTextFragment } from './text-fragment.ts';
import { formatCount } from '../../archive/numbers.ts';

const SUB_RESULTS_SHOWN = 3;

function formattedDate(iso: string | undefined): string {
  const date = iso ? parseIsoDate(iso) : null;
  return date ? formatLongDate(date) : '';
}

export function renderResult(doc: Document, id: string, data: PagefindResultData): HTMLLIElement {
  const item = doc.createElement('li');
  item.className = 'search-result';
  const language = languageOfResult(id);
  if (language && language !== 'unknown' && language !== doc.documentElement.lang) item.lang = language;
  const heading = doc.createElement('h2');
  const link = doc.createElement('a');
  // The browser highlights the marked words on the report and scrolls to them (see text-fragment.ts).
  link.href = withTextFragment(data.url, markedTerms(data.excerpt));
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  // The dateline, as the report shows it (its text is not in the excerpt: see ArticleLayout).
  const source = data.filters?.source?.[0];
  if (data.meta.date || source) {
    const meta = doc.createElement('p');
    meta.className = 'meta';
    if (data.meta.date) {
      const time = doc.createElement('time');
      time.dateTime = data.meta.date;
      time.textContent = formattedDate(data.meta.date);
      meta.append(time);
    }
    if (source) meta.append(`${data.meta.date ? ' · ' : ''}Source: ${source}`);
    item.append(meta);
  }
  const excerpt = doc.createElement('p');
  excerpt.className = 'excerpt';
  // Pagefind escapes the indexed text and adds only <mark> around the matched terms.
  excerpt.innerHTML = data.excerpt;
  item.append(excerpt);
  // Sections of a report with headings: links straight to the matching section.
  const sections = (data.sub_results ?? []).filter((sub) => sub.anchor && sub.url.includes('#')).slice(0, SUB_RESULTS_SHOWN);
  if (sections.length > 0) {
    const list = doc.createElement('ul');
    list.className = 'sub-results';
    list.setAttribute('aria-label', `Sections of “${link.textContent}”`);
    for (const sub of sections) {
      const entry = doc.createElement('li');
      const subLink = doc.createElement('a');
      subLink.href = withTextFragment(sub.url, markedTerms(sub.excerpt));
      subLink.textContent = sub.title;
      const subExcerpt = doc.createElement('span');
      subExcerpt.innerHTML = sub.excerpt;
      entry.append(subLink, ' ', subExcerpt);
      list.append(entry);
    }
    item.append(list);
  }
  return item;
}

function sortedValues(facet: Facet, counts: Record<string, number>, chosen: string[]): string[] {
  const values = new Set([...Object.keys(counts).filter((value) => (counts[value] ?? 0) > 0), ...chosen]);
  return [...values].sort((a, b) =>
    facet === 'year' ? b.localeCompare(a) : (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b),
  );
}

export function renderFacets(doc: Document, container: HTMLElement, state: SearchState, counts: Record<string, Record<string, number>>): void {
  // Re-rendering must not lose the keyboard user's place in the facet lists.
  const focused = doc.activeElement instanceof HTMLInputElement && container.contains(doc.activeElement)
    ? { name: doc.activeElement.name, value: doc.activeElement.value }
    : undefined;
  const groups = FACETS.map((facet) => {
    const values = sortedValues(facet, counts[facet] ?? {}, state.filters[facet]);
    const fieldset = doc.createElement('fieldset');
    fieldset.className = 'facet';
    fieldset.dataset.facet = facet;
    const legend = doc.createElement('legend');
    legend.textContent = FACET_LABELS[facet];
    fieldset.append(legend);
    const list = doc.createElement('ul');
    for (const value of values) {
      const entry = doc.createElement('li');
      const label = doc.createElement('label');
      const box = doc.createElement('input');
      box.type = 'checkbox';
      box.name = facet;
      box.value = value;
      box.checked = state.filters[facet].includes(value);
      const count = doc.createElement('span');
      count.className = 'count';
      count.textContent = `(${formatCount(counts[facet]?.[value] ?? 0)})`;
      label.append(box, ` ${value} `, count);
      entry.append(label);
      list.append(entry);
    }
    fieldset.append(list);
    fieldset.hidden = values.length === 0;
    return fieldset;
  });
  container.replaceChildren(...groups);
  if (focused) {
    const again = [...container.querySelectorAll<HTMLInputElement>('input')].find(
      (box) => box.name === focused.name && box.value === focused.value,
    );
    again?.focus();
  }
}
