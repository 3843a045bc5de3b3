/**
 * What a search costs a reader in Chromium: bytes transferred and time until the first 10 results'
 * data (title, URL, excerpt) is in hand, through Pagefind's own browser API, as the search page
 * uses it.
 * - cold: a fresh browser context (empty HTTP cache, nothing loaded): Pagefind's script, WASM,
 *   metadata, the index chunks and the result fragments all come over the wire;
 * - warm: the same page right after another search (Pagefind loaded and initialised, as for a
 *   reader's second query): only what this query newly needs is fetched.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Request } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { serveStatic } from '../support/server.ts';

export interface SearchQuery {
  name: string;
  query: string;
}

export interface SearchMeasurement {
  results: number;
  /** Bytes on the wire from the test server, which sends files as they are. */
  bytes: number;
  /**
   * The same responses from a host that gzips text (JavaScript, JSON, CSS, HTML), as common static
   * hosts do; Pagefind's index, fragments and WASM are compressed files already and count as sent.
   */
  gzipBytes: number;
  ms: number;
}

export interface SearchCost {
  name: string;
  query: string;
  cold: SearchMeasurement;
  warm: SearchMeasurement;
}

/** Runs in the page: loads Pagefind from the site's base, searches, and fetches 10 results' data. */
async function searchInPage({ base, query }: { base: string; query: string }): Promise<{ results: number; ms: number }> {
  interface PagefindApi {
    options(o: Record<string, unknown>): Promise<void>;
    init(): Promise<void>;
    mergeIndex(url: string, o: Record<string, unknown>): Promise<void>;
    search(q: string): Promise<{ results: { data(): Promise<unknown> }[] }>;
  }
  const scope = window as unknown as { benchPagefind?: Promise<PagefindApi> };
  const started = performance.now();
  // As the search page loads it (src/search/client/pagefind-client.ts): the partitions listed in
  // partitions.json, newest first, merged into the newest (an archive in one piece, or a build
  // from before partitions, has no list or one entry). The bench's archive has one language.
  scope.benchPagefind ??= (async () => {
    const bundle = `${base}pagefind/`;
    const [pagefind, manifest] = await Promise.all([
      import(/* @vite-ignore */ `${bundle}pagefind.js`) as Promise<PagefindApi>,
      fetch(`${bundle}partitions.json`).then((r) => (r.ok ? (r.json() as Promise<{ partitions: { name: string; path: string }[] }>) : { partitions: [{ name: '', path: '' }] })),
    ]);
    const [first, ...older] = manifest.partitions;
    const tag = (name: string) => (older.length > 0 ? { mergeFilter: { partition: name } } : {});
    const options = { baseUrl: base, excerptLength: 30 };
    await pagefind.options({ basePath: `${bundle}${first!.path}`, ...options, ...tag(first!.name) });
    await pagefind.init();
    await Promise.all(older.map((part) => pagefind.mergeIndex(`${bundle}${part.path}`, { ...options, ...tag(part.name) })));
    return pagefind;
  })();
  const pagefind = await scope.benchPagefind;
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const ms = performance.now() - started;
  return { results: search.results.length, ms };
}

const TEXT = /javascript|json|css|html|text\/|svg/;

async function transferred(request: Request): Promise<{ bytes: number; gzipBytes: number }> {
  const sizes = await request.sizes();
  const response = await request.response();
  // The test server sends files uncompressed, so the body is what crossed the wire. (Chromium
  // reports a body size of 0 for a worker's own script, so the size is taken from the body.)
  const body = response ? await response.body() : Buffer.alloc(0);
  const type = response?.headers()['content-type'] ?? '';
  const gzipBody = TEXT.test(type) ? gzipSync(body).length : body.length;
  return { bytes: sizes.responseHeadersSize + body.length, gzipBytes: sizes.responseHeadersSize + gzipBody };
}

export async function measureSearch(siteDir: string, queries: SearchQuery[], warmUpQuery: string): Promise<SearchCost[]> {
  const base = '/';
  const server = await serveStatic(siteDir, base);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const costs: SearchCost[] = [];
    const run = async (query: string, warmUp?: string): Promise<SearchMeasurement> => {
      const context = await browser!.newContext();
      try {
        const page = await context.newPage();
        // A page that does not exist serves the site's 404 page: same origin, no Pagefind loaded.
        await page.goto(server.url('bench-blank/'));
        if (warmUp) await page.evaluate(searchInPage, { base, query: warmUp });
        // Bytes on the wire (headers + encoded body) of every request, Pagefind's worker's too.
        const sizes: Promise<{ bytes: number; gzipBytes: number }>[] = [];
        context.on('requestfinished', (request) => sizes.push(transferred(request)));
        const measured = await page.evaluate(searchInPage, { base, query });
        // Network events trail the page's promises slightly.
        await new Promise((resolve) => setTimeout(resolve, 250));
        const all = await Promise.all(sizes);
        return {
          ...measured,
          bytes: all.reduce((sum, size) => sum + size.bytes, 0),
          gzipBytes: all.reduce((sum, size) => sum + size.gzipBytes, 0),
        };
      } finally {
        await context.close();
      }
    };
    for (const { name, query } of queries) {
      costs.push({ name, query, cold: await run(query), warm: await run(query, warmUpQuery) });
    }
    return costs;
  } finally {
    await browser?.close();
    await server.close();
  }
}
