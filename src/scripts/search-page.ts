/** The search page: query in the URL (?q=), results as title, date and marked excerpt. */
import { loadPagefind, type PagefindResultData } from './pagefind-client.ts';

const RESULTS_SHOWN = 10;
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function renderResult(doc: Document, data: PagefindResultData): HTMLLIElement {
  const item = doc.createElement('li');
  item.className = 'search-result';
  const heading = doc.createElement('h2');
  const link = doc.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.date) {
    const time = doc.createElement('time');
    time.dateTime = data.meta.date;
    time.textContent = DATE_FORMAT.format(new Date(`${data.meta.date}T00:00:00Z`));
    const meta = doc.createElement('p');
    meta.className = 'meta';
    meta.append(time);
    item.append(meta);
  }
  const excerpt = doc.createElement('p');
  // Pagefind escapes the indexed text and adds only <mark> around the matched terms.
  excerpt.innerHTML = data.excerpt;
  item.append(excerpt);
  return item;
}

export function startSearchPage(doc: Document): void {
  const form = doc.querySelector<HTMLFormElement>('[data-search-form]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = doc.querySelector<HTMLElement>('[data-search-status]');
  const list = doc.querySelector<HTMLOListElement>('[data-search-results]');
  if (!form || !input || !status || !list) return;

  let latest = 0;
  async function run(query: string): Promise<void> {
    const ticket = ++latest;
    if (query.trim() === '') {
      list!.replaceChildren();
      status!.textContent = '';
      return;
    }
    status!.textContent = 'Searching…';
    const pagefind = await loadPagefind();
    const search = await pagefind.search(query);
    const shown = await Promise.all(search.results.slice(0, RESULTS_SHOWN).map((r) => r.data()));
    if (ticket !== latest) return;
    list!.replaceChildren(...shown.map((data) => renderResult(doc, data)));
    const count = search.results.length;
    status!.textContent =
      count === 0 ? `No reports match “${query}”.` : `${count} report${count === 1 ? '' : 's'} match “${query}”.`;
  }

  const initial = new URL(doc.location.href).searchParams.get('q') ?? '';
  input.value = initial;
  void run(initial);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URL(doc.location.href);
    next.searchParams.set('q', input.value);
    history.pushState(null, '', next);
    void run(input.value);
  });
  window.addEventListener('popstate', () => {
    const query = new URL(doc.location.href).searchParams.get('q') ?? '';
    input.value = query;
    void run(query);
  });
}
