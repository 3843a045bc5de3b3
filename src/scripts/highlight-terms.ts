/**
 * Marks the searched words on a report opened from a search result, with Pagefind's highlighter
 * (shipped in the bundle), then drops the words from the address bar: the marks belong to this
 * visit, not to a bookmarked or shared link.
 */
import { HIGHLIGHT_PARAM } from '../lib/highlight-param.ts';

interface PagefindHighlightOptions {
  highlightParam: string;
  addStyles: boolean;
  markOptions: { className: string; exclude: string[] };
}

export const HIGHLIGHT_CLASS = 'search-highlight';

export async function highlightTerms(doc: Document): Promise<void> {
  const bundle = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}pagefind/`;
  const module = (await import(/* @vite-ignore */ `${bundle}pagefind-highlight.js`)) as {
    default: new (options: PagefindHighlightOptions) => unknown;
  };
  new module.default({
    highlightParam: HIGHLIGHT_PARAM,
    // Its own styles are an inline <style>, which a strict Content-Security-Policy blocks; ours are in the stylesheet.
    addStyles: false,
    markOptions: { className: HIGHLIGHT_CLASS, exclude: ['[data-pagefind-ignore]', '[data-pagefind-ignore] *'] },
  });
  const clean = new URL(doc.location.href);
  clean.searchParams.delete(HIGHLIGHT_PARAM);
  history.replaceState(history.state, '', clean);
  if (!doc.location.hash) doc.querySelector(`mark.${HIGHLIGHT_CLASS}`)?.scrollIntoView({ block: 'center' });
}
