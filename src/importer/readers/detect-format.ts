/**
 * Which reader a source file needs, from its content alone: exports are often saved as `.txt`,
 * feeds as `.html` or without extension, so the name decides nothing.
 *
 * - The first element (after a BOM, white space, the XML declaration, comments, processing
 *   instructions and a DOCTYPE) decides: `<rss>` is a WordPress export (WXR) when it declares
 *   the `http://wordpress.org/export/` namespace (WXR's `wp:` prefix), else RSS 2.0; `<feed>` in
 *   the Atom namespace is Atom; an HTML DOCTYPE, `<html>`, `<head>`, `<body>` (or, for a page saved
 *   without them, `<meta>`, `<title>`, `<article>`, `<main>`, `<div>`...) is an HTML page.
 * - Anything else that starts with text, or with a tag of no XML (no declaration, no namespace:
 *   a title starting `<b>`), is a plain-text release. XML that is none of these (RSS 1.0's
 *   `rdf:RDF`, a sitemap) is no known format.
 */
import type { SourceFormat } from './source-item.ts';

const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;
const DOCTYPE = /^<!DOCTYPE\s+([^\s>[]+)[^>[]*(?:\[[\s\S]*?\])?\s*>/i;
const FIRST_TAG = /^<([A-Za-z][\w.:-]*)((?:\s+[^>]*?)?)\/?>/;
const WXR_NAMESPACE = /xmlns:[\w.-]+\s*=\s*["']https?:\/\/wordpress\.org\/export\//;
const ATOM_NAMESPACE = /xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/;
/** A page saved without `<html>` (browsers add it) starts with one of these. */
const HTML_ROOTS = new Set(['html', 'head', 'body', 'meta', 'title', 'link', 'article', 'main', 'div', 'section', 'header', 'h1', 'p']);

/** The head of the file, where its kind shows: at most this many characters are looked at. */
const HEAD = 64 * 1024;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the name is for callers' messages, never a hint
export function detectFormat(text: string, _fileName: string): SourceFormat | undefined {
  let head = text.slice(0, HEAD).replace(/^\uFEFF/, '');
  const declared = /^\s*<\?xml\s/i.test(head);
  head = head.replace(PROLOG, '');
  const doctype = DOCTYPE.exec(head);
  if (doctype) {
    if (doctype[1]!.toLowerCase() === 'html') return 'html';
    head = head.slice(doctype[0].length).replace(PROLOG, '');
  }
  if (head === '') return undefined;
  if (!head.startsWith('<')) return 'text';
  const tag = FIRST_TAG.exec(head);
  if (!tag) return undefined;
  const name = tag[1]!.toLowerCase();
  const attributes = tag[2] ?? '';
  if (name === 'rss') return WXR_NAMESPACE.test(attributes) ? 'wxr' : 'rss';
  if (name === 'feed' || name.endsWith(':feed')) return ATOM_NAMESPACE.test(attributes) ? 'atom' : undefined;
  if (HTML_ROOTS.has(name)) return 'html';
  // XML of another kind (declared, or namespaced: a sitemap, RSS 1.0) is no known format; a
  // release whose title starts with markup (`<b>HTML</b> & entities`) is a release.
  if (declared || name.includes(':') || /\bxmlns\b/.test(attributes)) return undefined;
  return 'text';
}
