/** What a build produced: pages, bytes, the search index, and what one article page costs a reader. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';

export interface SiteSize {
  pages: number;
  outputBytes: number;
  indexBytes: number;
}

export interface PageWeight {
  htmlBytes: number;
  cssBytes: number;
  jsBytes: number;
  /** The stylesheets and scripts the page loads, as site paths. */
  assets: string[];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function totalBytes(files: string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await stat(file)).size;
  return total;
}

export async function siteSize(siteDir: string): Promise<SiteSize> {
  const files = await walk(siteDir);
  const indexDir = path.join(siteDir, 'pagefind') + path.sep;
  return {
    pages: files.filter((f) => f.endsWith('.html')).length,
    outputBytes: await totalBytes(files),
    indexBytes: await totalBytes(files.filter((f) => f.startsWith(indexDir))),
  };
}

function elements(node: Root | RootContent, found: Element[] = []): Element[] {
  if (node.type === 'element') found.push(node);
  if ('children' in node) for (const child of node.children) elements(child, found);
  return found;
}

function relList(element: Element): string[] {
  const rel = element.properties.rel;
  // hast parses rel into a list of tokens.
  return Array.isArray(rel) ? rel.map(String) : [];
}

/**
 * The bytes a reader's browser fetches for the page: its HTML, the stylesheets it links, and the
 * scripts it runs or preloads (inline scripts count too). `base` is the site's base path.
 */
function isScriptType(type: unknown): boolean {
  const value = String(type ?? '').trim().toLowerCase();
  return value === '' || value === 'module' || /^(text|application)\/(javascript|ecmascript)$/.test(value);
}

export async function pageWeight(siteDir: string, base: string, pagePath: string): Promise<PageWeight> {
  const html = await readFile(path.join(siteDir, pagePath, 'index.html'));
  const tree = fromHtml(html.toString('utf8'));
  const assets: { kind: 'css' | 'js'; href: string }[] = [];
  let inlineJs = 0;
  for (const element of elements(tree)) {
    const rel = relList(element);
    if (element.tagName === 'link' && rel.includes('stylesheet')) assets.push({ kind: 'css', href: String(element.properties.href) });
    if (element.tagName === 'link' && rel.includes('modulepreload')) assets.push({ kind: 'js', href: String(element.properties.href) });
    if (element.tagName === 'script') {
      if (element.properties.src) assets.push({ kind: 'js', href: String(element.properties.src) });
      // JSON-LD and other data blocks are not run: only classic and module scripts count.
      else if (isScriptType(element.properties.type)) inlineJs += Buffer.byteLength(element.children.map((c) => ('value' in c ? c.value : '')).join(''));
    }
  }
  const weight: PageWeight = { htmlBytes: html.length, cssBytes: 0, jsBytes: inlineJs, assets: [] };
  for (const asset of new Map(assets.map((a) => [a.href, a])).values()) {
    const sitePath = asset.href.startsWith(base) ? asset.href.slice(base.length) : asset.href.replace(/^\//, '');
    const bytes = (await stat(path.join(siteDir, sitePath))).size;
    if (asset.kind === 'css') weight.cssBytes += bytes;
    else weight.jsBytes += bytes;
    weight.assets.push(sitePath);
  }
  return weight;
}
