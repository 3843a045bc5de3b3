/**
 * The search box in every page's header, once the reader has focused it: results as you type,
 * arrow keys to move through them, Escape to close, the count announced to screen readers.
 * Enter submits the plain form to the search page, which is also what happens without JavaScript.
 */
import { formatLongDate, parseIsoDate } from '../lib/calendar-date.ts';
import { loadPagefind, siteBase, type PagefindResultData, type PagefindSearch } from './pagefind-client.ts';

const RESULTS_SHOWN = 6;
const TYPING_PAUSE_MS = 150;

function renderResult(doc: Document, data: PagefindResultData): HTMLLIElement {
  const item = doc.createElement('li');
  const link = doc.createElement('a');
  link.href = data.url;
  const title = doc.createElement('span');
  title.className = 'title';
  title.textContent = data.meta.title ?? data.url;
  link.append(title);
  const date = data.meta.date ? parseIsoDate(data.meta.date) : null;
  if (date) {
    const time = doc.createElement('time');
    time.dateTime = data.meta.date!;
    time.textContent = formatLongDate(date);
    link.append(' ', time);
  }
  const excerpt = doc.createElement('span');
  excerpt.className = 'excerpt';
  // Pagefind escapes the indexed text and adds only <mark> around the matched terms.
  excerpt.innerHTML = data.excerpt;
  link.append(excerpt);
  item.append(link);
  return item;
}

export function startHeaderSearch(widget: HTMLElement): void {
  const doc = widget.ownerDocument;
  const input = widget.querySelector<HTMLInputElement>('input[name="q"]');
  const panel = widget.querySelector<HTMLElement>('[data-header-results]');
  const list = panel?.querySelector<HTMLOListElement>('ol');
  const all = panel?.querySelector<HTMLAnchorElement>('[data-header-all]');
  const status = widget.querySelector<HTMLElement>('[data-header-status]');
  if (!input || !panel || !list || !all || !status) return;
  void loadPagefind(); // start fetching the index while the reader types

  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    panel.hidden = true;
  };
  const open = () => {
    panel.hidden = false;
  };

  async function run(): Promise<void> {
    const ticket = ++latest;
    const query = input!.value.trim();
    if (query === '') {
      close();
      status!.textContent = '';
      return;
    }
    let search: PagefindSearch;
    let shown: PagefindResultData[];
    try {
      const pagefind = await loadPagefind();
      search = await pagefind.search(query);
      shown = await Promise.all(search.results.slice(0, RESULTS_SHOWN).map((result) => result.data()));
    } catch (error) {
      // Enter still submits the form to the search page, which says what went wrong.
      if (ticket === latest) status!.textContent = 'Search is unavailable right now.';
      console.error(error);
      return;
    }
    if (ticket !== latest) return;
    const count = search.results.length;
    list!.replaceChildren(...shown.map((data) => renderResult(doc, data)));
    all!.href = `${siteBase()}search/?${new URLSearchParams({ q: query })}`;
    all!.textContent = count === 0 ? 'Search page: filters and tips' : `See all ${count} on the search page`;
    status!.textContent = count === 0 ? `No reports match “${query}”.` : `${count} report${count === 1 ? ' matches' : 's match'} “${query}”.`;
    open();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), TYPING_PAUSE_MS);
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() !== '' && list.children.length > 0) open();
  });

  const stops = (): HTMLElement[] => [input, ...(panel.hidden ? [] : [...panel.querySelectorAll<HTMLElement>('a[href]')])];
  widget.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      if (panel.hidden) return;
      event.preventDefault();
      close();
      input.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const targets = stops();
    const at = targets.indexOf(doc.activeElement as HTMLElement);
    if (at === -1 || targets.length < 2) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, targets.length - 1) : Math.max(at - 1, 0);
    targets[next]!.focus();
  });
  widget.addEventListener('focusout', (event) => {
    if (!(event.relatedTarget instanceof Node) || !widget.contains(event.relatedTarget)) close();
  });

  // Words typed before this script arrived.
  if (input.value.trim() !== '') void run();
}
