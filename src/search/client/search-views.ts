/**
 * How the search page shows results and facets: DOM built from Pagefind's data, nothing else.
 * Excerpts are text nodes and <mark> elements made from the report's own text (excerpt-text.ts),
 * never HTML.
 */
import { formatLongDate, parseIsoDate } from '../../reports/calendar-date.ts';
import { languageOfResult } from './search-languages.ts';
import { FACETS, FACET_LABELS, type Facet, type SearchState } from './search-state.ts';
import type { PagefindResultData } from './pagefind-client.ts';
import { markedTerms, withTextFragment } from './text-fragment.ts';
import { excerptParts, type ExcerptPart } from './excerpt-text.ts';
import { countOf, formatCount } from '../../archive/numbers.ts';
import type { ChartBar } from '../../archive/archive-chart.ts';

const SUB_RESULTS_SHOWN = 3;

function formattedDate(iso: string | undefined): string {
  const date = iso ? parseIsoDate(iso) : null;
  return date ? formatLongDate(date) : '';
}

/** An excerpt's parts as nodes: text, and the matched words in <mark>. */
function excerptNodes(doc: Document, parts: readonly ExcerptPart[]): Node[] {
  return parts.map((part) => {
    if (!part.marked) return doc.createTextNode(part.text);
    const mark = doc.createElement('mark');
    mark.textContent = part.text;
    return mark;
  });
}

export function renderResult(doc: Document, id: string, data: PagefindResultData): HTMLLIElement {
  const excerptOf = (excerpt: string) => excerptParts(excerpt, data.raw_content, data.content);
  const parts = excerptOf(data.excerpt);
  const item = doc.createElement('li');
  item.className = 'search-result';
  const language = languageOfResult(id);
  if (language && language !== 'unknown' && language !== doc.documentElement.lang) item.lang = language;
  // The report's lead image, small (its page's Pagefind metadata: a path on this site, 96x64).
  const image = data.meta.image;
  if (image && /^\/(?!\/)/.test(image)) {
    const thumbnail = doc.createElement('img');
    Object.assign(thumbnail, { className: 'thumbnail', src: image, alt: data.meta.image_alt ?? '', width: 96, height: 64, loading: 'lazy' });
    item.append(thumbnail);
  }
  const heading = doc.createElement('h2');
  const link = doc.createElement('a');
  // The browser highlights the marked words on the report and scrolls to them (see text-fragment.ts).
  link.href = withTextFragment(data.url, markedTerms(parts));
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
  excerpt.append(...excerptNodes(doc, parts));
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
      const subParts = excerptOf(sub.excerpt);
      subLink.href = withTextFragment(sub.url, markedTerms(subParts));
      subLink.textContent = sub.title;
      const subExcerpt = doc.createElement('span');
      subExcerpt.append(...excerptNodes(doc, subParts));
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

/**
 * The results per year as a bar chart, the markup of BarChart.astro (same classes, same table, so
 * screen readers read rows of year and number): `bars` from archive-chart.ts's yearBars. Each bar
 * of a year with results links to the search narrowed to that year, named "2020: 5 reports".
 */
export function renderYearChart(doc: Document, container: HTMLElement, bars: ChartBar[]): void {
  container.hidden = bars.length === 0;
  if (bars.length === 0) return container.replaceChildren();
  const table = doc.createElement('table');
  table.className = 'bar-chart';
  const caption = doc.createElement('caption');
  caption.textContent = 'Results per year';
  const head = doc.createElement('thead');
  const headRow = doc.createElement('tr');
  for (const name of ['Year', 'Results']) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    headRow.append(th);
  }
  head.append(headRow);
  const body = doc.createElement('tbody');
  for (const bar of bars) {
    const row = doc.createElement('tr');
    const label = doc.createElement('th');
    label.scope = 'row';
    const cell = doc.createElement('td');
    const track = doc.createElement('span');
    track.className = 'track';
    const fill = doc.createElement('span');
    fill.className = `bar w${bar.width}`;
    track.append(fill);
    const value = doc.createElement('span');
    value.className = 'value';
    value.textContent = formatCount(bar.count);
    if (bar.href) {
      const yearLink = doc.createElement('a');
      yearLink.href = bar.href;
      yearLink.textContent = bar.label;
      yearLink.dataset.year = bar.label;
      label.append(yearLink);
      const barLink = doc.createElement('a');
      barLink.className = 'bar-link';
      barLink.href = bar.href;
      barLink.dataset.year = bar.label;
      barLink.setAttribute('aria-label', `${bar.label}: ${countOf(bar.count, 'report')}`);
      barLink.append(track, value);
      cell.append(barLink);
    } else {
      label.textContent = bar.label;
      const plain = doc.createElement('span');
      plain.className = 'bar-link';
      plain.append(track, value);
      cell.append(plain);
    }
    row.append(label, cell);
    body.append(row);
  }
  table.append(caption, head, body);
  container.replaceChildren(table);
}
