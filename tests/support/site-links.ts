/**
 * An independent link check over a built site's files: every page parsed with a real HTML parser
 * (hast), every href, src and srcset that stays on the site resolved to the file a static server
 * would send. Used by the browser tests to confirm what the build's own check claims.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';

function* elements(node: Root | RootContent): Generator<Element> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elements(child);
}

export async function brokenSiteLinks(siteDir: string, base: string, siteUrl?: string): Promise<{ pages: number; links: number; broken: string[] }> {
  const origin = 'http://local.test';
  const files = (await readdir(siteDir, { recursive: true })).map((f) => f.split(path.sep).join('/')).filter((f) => f.endsWith('.html'));
  const broken: string[] = [];
  let links = 0;
  for (const file of files) {
    const pageUrl = new URL(`${base}${file.replace(/(^|\/)index\.html$/, '$1')}`, origin);
    const tree = fromHtml(await readFile(path.join(siteDir, file), 'utf8'));
    for (const el of elements(tree)) {
      const props = el.properties;
      const values = [props.href, props.src, ...String(props.srcSet ?? '').split(',').map((s) => s.trim().split(/\s+/)[0])]
        .filter((v): v is string => typeof v === 'string' && v !== '');
      for (const value of values) {
        let target = new URL(value, pageUrl);
        if (siteUrl && target.href.startsWith(siteUrl)) target = new URL(target.href.slice(siteUrl.length), origin);
        if (target.origin !== origin) continue;
        links++;
        const pathname = decodeURIComponent(target.pathname);
        if (!pathname.startsWith(base)) {
          broken.push(`${file}: ${value} leaves the base ${base}`);
          continue;
        }
        const local = path.join(siteDir, pathname.slice(base.length));
        const resolved = pathname.endsWith('/') ? path.join(local, 'index.html') : local;
        if (!existsSync(resolved) || !statSync(resolved).isFile()) broken.push(`${file}: ${value} -> missing ${path.relative(siteDir, resolved)}`);
      }
    }
  }
  return { pages: files.length, links, broken };
}
