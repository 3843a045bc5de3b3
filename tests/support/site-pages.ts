/**
 * The pages of a built site, found from its files rather than listed by hand, and grouped into
 * page types by URL shape, so tests cover page types added later (archive, year, topic, person,
 * 404...) without being edited: `news/2020/x/` is type `news/*\/*`, `topics/energy/2/` is
 * `topics/*\/*`, `search/` is `search`, the home page is `home`, `404.html` is `404`.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SitePage {
  /** Path under the base: '' for home, 'news/2020/x/', '404.html'. */
  sitePath: string;
  file: string;
  bytes: number;
}

export interface PageType {
  type: string;
  pages: SitePage[];
  /** The largest page of the type: the one with the most to render, check and look at. */
  representative: SitePage;
}

async function htmlFiles(dir: string, root = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // Pagefind's UI bundles are not pages of the site.
      if (path.relative(root, full) === 'pagefind') continue;
      found.push(...(await htmlFiles(full, root)));
    } else if (entry.name.endsWith('.html')) found.push(full);
  }
  return found;
}

export function pageTypeOf(sitePath: string): string {
  if (sitePath === '') return 'home';
  if (!sitePath.endsWith('/')) return sitePath.replace(/\.html$/, '');
  const [first, ...rest] = sitePath.slice(0, -1).split('/');
  return [first, ...rest.map(() => '*')].join('/');
}

export async function sitePages(siteDir: string): Promise<SitePage[]> {
  const files = await htmlFiles(siteDir);
  const pages = await Promise.all(
    files.map(async (file) => {
      const relative = path.relative(siteDir, file).split(path.sep).join('/');
      const sitePath = relative === 'index.html' ? '' : relative.endsWith('/index.html') ? relative.slice(0, -'index.html'.length) : relative;
      return { sitePath, file, bytes: (await stat(file)).size };
    }),
  );
  return pages.sort((a, b) => a.sitePath.localeCompare(b.sitePath));
}

export async function pageTypes(siteDir: string): Promise<PageType[]> {
  const byType = new Map<string, SitePage[]>();
  for (const page of await sitePages(siteDir)) {
    const type = pageTypeOf(page.sitePath);
    byType.set(type, [...(byType.get(type) ?? []), page]);
  }
  return [...byType].map(([type, pages]) => ({
    type,
    pages,
    representative: pages.reduce((largest, page) => (page.bytes > largest.bytes ? page : largest)),
  }));
}
