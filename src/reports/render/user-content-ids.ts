/**
 * Ids from a report's body live in the page's own namespace: a heading "Main" or "Footnote label"
 * would get the id of the page's `<main id="main">` or of the footnotes' heading, and a raw
 * `<div id="cite-heading">` that of the citation section. As GitHub does, every id (and `name`)
 * from the body is prefixed with `user-content-` (by the sanitiser's clobbering, see markdown.ts),
 * and in-page links are rewritten to match (GitHub does that in its page script; a static page
 * does it here).
 *
 * - `rehypeHeadingSlugs` runs before sanitising: it gives every heading without an id the slug
 *   Astro would give it (github-slugger, as Astro's own heading-id plugin, which runs after ours
 *   and keeps an id that is already there), so the sanitiser prefixes heading ids like any other.
 * - `rehypeInPageLinks` runs after sanitising: `href="#x"` becomes `#user-content-x` where the
 *   body has that id or name.
 */
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root } from 'hast';

export const USER_CONTENT_PREFIX = 'user-content-';

const HEADING = /^h[1-6]$/;

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function elements(parent: Root | Element, visit: (element: Element) => void): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    visit(child);
    elements(child, visit);
  }
}

/** Every id and `name` the body's elements carry. */
function idsIn(tree: Root): Set<string> {
  const ids = new Set<string>();
  elements(tree, (element) => {
    for (const key of ['id', 'name'] as const) {
      const value = element.properties[key];
      if (typeof value === 'string') ids.add(value);
    }
  });
  return ids;
}

export function rehypeHeadingSlugs() {
  return (tree: Root): void => {
    // Ids the body already has (the footnotes' `footnote-label`, `fn-1`, `fnref-1`; raw HTML's
    // ids and names) are taken: a heading "Footnote label" or "fn-1" gets the next free slug
    // ("footnote-label-1"), or the page would hold the id twice and the footnote links would
    // jump to the heading.
    const taken = idsIn(tree);
    const slugger = new GithubSlugger();
    elements(tree, (element) => {
      if (HEADING.test(element.tagName) && typeof element.properties.id !== 'string') {
        const text = element.children.map(textOf).join('');
        let id = slugger.slug(text);
        while (taken.has(id)) id = slugger.slug(text);
        taken.add(id);
        element.properties.id = id;
      }
    });
  };
}

function decoded(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

export function rehypeInPageLinks() {
  return (tree: Root): void => {
    const targets = idsIn(tree);
    elements(tree, (element) => {
      const href = element.properties.href;
      if (element.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const fragment = href.slice(1);
      if (!targets.has(decoded(fragment)) && targets.has(USER_CONTENT_PREFIX + decoded(fragment))) {
        element.properties.href = `#${USER_CONTENT_PREFIX}${fragment}`;
      }
    });
  };
}
