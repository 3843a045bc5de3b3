/**
 * The only script on pages other than the search page, and deliberately tiny: it holds no search
 * code. It loads the header search when the reader focuses the search box (or presses `/` to
 * focus it), and the term highlighter when the page was opened from a search result.
 */
import { HIGHLIGHT_PARAM } from '../lib/highlight-param.ts';

function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function startSearchBootstrap(doc: Document): void {
  if (new URLSearchParams(doc.location.search).getAll(HIGHLIGHT_PARAM).some((word) => word.trim() !== '')) {
    void import('./highlight-terms.ts').then((module) => module.highlightTerms(doc));
  }
  doc.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingIn(event.target)) return;
    const box = doc.querySelector<HTMLInputElement>('[data-search-input]');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
  const widget = doc.querySelector<HTMLElement>('[data-header-search]');
  widget?.addEventListener(
    'focusin',
    () => void import('./header-search.ts').then((module) => module.startHeaderSearch(widget)),
    { once: true },
  );
}
