/**
 * The weight budget of a report page (issues #5 and #6): 20 KB of HTML + CSS, uncompressed, for a
 * report of the benchmark's size (up to 900 words, up to 9 named topics, organizations and
 * people). A report that brings more content may exceed it by exactly the bytes of that extra
 * content, and by nothing of the site's own: the real CASIC report (about 1,080 words, 19 named
 * entities) is such a report.
 *
 * Corrections and updates are content too: their bytes are allowed on top (benchmark reports have none).
 *
 * One allowance is not content: the Content-Security-Policy in a meta element on every page
 * (issue 10, for hosts that cannot send headers), which came after this budget was set. It is the
 * same bytes on every page and is allowed on top, by its exact size; nothing else of the site's.
 */
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root, RootContent } from 'hast';
import { META_CONTENT_SECURITY_POLICY } from '../../src/hosting/server-configs.ts';

export const REPORT_PAGE_BUDGET = 20_000;
export const BENCHMARK_MAX_WORDS = 900;
export const BENCHMARK_MAX_TERMS = 9;
/** The meta element carrying the Content-Security-Policy, as every page has it. */
export const CSP_META_BYTES = Buffer.byteLength(`<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">`);

function elements(node: Root | RootContent): Element[] {
  const own = node.type === 'element' ? [node] : [];
  return [...own, ...('children' in node ? node.children.flatMap(elements) : [])];
}

const hasClass = (el: Element, name: string) => ([] as unknown[]).concat(el.properties.className ?? []).includes(name);

/**
 * Corrections and updates are content, like the text: a benchmark report has none, so a report
 * with notes may exceed the budget by their bytes, wherever they show (the section at the end, the
 * notice by the dateline, `article:modified_time`, and `dateModified` and `correction` in the JSON-LD).
 */
function notesBytes(tree: Root, inArticle: Element[]): number {
  const shown = inArticle.filter((el) => hasClass(el, 'updates') || hasClass(el, 'updated'));
  let bytes = shown.reduce((sum, el) => sum + Buffer.byteLength(toHtml(el)), 0);
  for (const el of elements(tree)) {
    if (el.tagName === 'meta' && el.properties.property === 'article:modified_time') bytes += Buffer.byteLength(toHtml(el));
    if (el.tagName === 'script' && el.properties.type === 'application/ld+json') {
      const data = JSON.parse(toText(el)) as Record<string, unknown>;
      for (const key of ['dateModified', 'correction']) if (key in data) bytes += Buffer.byteLength(JSON.stringify({ [key]: data[key] }));
    }
  }
  return bytes;
}

export function reportPageBudget(html: string): number {
  const tree = fromHtml(html);
  const article = elements(tree).find((el) => el.tagName === 'article');
  const inArticle = article ? elements(article) : [];
  const prose = inArticle.find((el) => hasClass(el, 'prose'));
  let extra = 0;
  if (prose) {
    const words = toText(prose).split(/\s+/).filter(Boolean).length;
    const bytes = Buffer.byteLength(toHtml(prose));
    if (words > BENCHMARK_MAX_WORDS) extra += Math.ceil((bytes * (words - BENCHMARK_MAX_WORDS)) / words);
  }
  const terms = inArticle.filter((el) => hasClass(el, 'terms')).flatMap((section) => elements(section).filter((el) => el.tagName === 'li'));
  if (terms.length > BENCHMARK_MAX_TERMS) {
    const perTerm = terms.reduce((sum, li) => sum + Buffer.byteLength(toHtml(li)), 0) / terms.length;
    // Each named entity appears twice: its link in the term list and its name in the JSON-LD.
    const inJsonLd = 40;
    extra += Math.ceil((perTerm + inJsonLd) * (terms.length - BENCHMARK_MAX_TERMS));
  }
  extra += notesBytes(tree, inArticle);
  return REPORT_PAGE_BUDGET + CSP_META_BYTES + extra;
}
