/**
 * What a search costs a reader in Chromium: bytes transferred and time until the first 10 results'
 * data (title, URL, excerpt) is in hand, through Pagefind's own browser API, as the search page
 * uses it.
 * - cold: a fresh browser context (empty HTTP cache, nothing loaded): Pagefind's script, WASM,
 *   metadata, the index chunks and the result fragments all come over the wire;
 * - warm: the same page right after another search (Pagefind loaded and initialised, as for a
 *   reader's second query): only what this query newly needs is fetched.
 * Each is measured twice, as the search page shows a partitioned index's results: `first`, the
 * newest partition's results (shown at once: final for newest-first, the newest reports' best
 * matches for best match), and the whole search (every partition merged and ranked: the final
 * best-match list and the count). An index in one piece has one partition: both are the same.
 * With a words index, both first ask it which partitions hold the words, and load only those.
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
  /** Every partition searched: the final best-match list. */
  cold: SearchMeasurement;
  warm: SearchMeasurement;
  /** The newest partition alone: the results the search page shows first. */
  coldFirst: SearchMeasurement;
  warmFirst: SearchMeasurement;
}

type Scope = 'all' | 'first';

/**
 * Runs in the page: loads Pagefind from the site's base as the search page does, searches the
 * newest partition (`first`) or every partition (`all`), and fetches 10 results' data.
 */
async function searchInPage({ base, query, scope }: { base: string; query: string; scope: Scope }): Promise<{ results: number; ms: number }> {
  interface Result {
    score: number;
    data(): Promise<unknown>;
  }
  interface PagefindApi {
    init(): Promise<void>;
    mergeIndex(url: string, o: Record<string, unknown>): Promise<void>;
    search(q: string): Promise<{ results: Result[]; filters: Record<string, Record<string, number>> }>;
    filters(): Promise<unknown>;
    preload(q: string): Promise<void>;
  }
  interface Part {
    name: string;
    path: string;
  }
  interface Bench {
    index?: Promise<{ module: { createInstance(o: Record<string, unknown>): PagefindApi }; partitions: Part[]; words?: Part }>;
    instances: Map<string, Promise<PagefindApi>>;
    older?: { instance: Promise<PagefindApi>; merged: Set<string> };
  }
  const bench: Bench = ((window as unknown as { bench?: Bench }).bench ??= { instances: new Map() });
  const started = performance.now();
  // As src/search/client/pagefind-client.ts: the partitions listed in partitions.json, newest
  // first (an archive in one piece, or a build from before partitions, has no list or one entry).
  // The words index, when listed, names the partitions holding the words; only those are loaded.
  // The newest is an instance of its own, the older ones are merged into a second instance as
  // searches need them, tagged with a synthetic filter. Instances are created one at a time
  // (they share Pagefind's WASM glue). The bench's archive has one language.
  const bundle = `${base}pagefind/`;
  const options = { baseUrl: base, excerptLength: 30 };
  bench.index ??= (async () => {
    const [module, manifest] = await Promise.all([
      import(/* @vite-ignore */ `${bundle}pagefind.js`) as Promise<{ createInstance(o: Record<string, unknown>): PagefindApi }>,
      fetch(`${bundle}partitions.json`).then(
        (r): Promise<{ partitions: Part[]; words?: { path: string } }> => (r.ok ? r.json() : Promise.resolve({ partitions: [{ name: '', path: '' }] })),
      ),
    ]);
    const words = manifest.words ? { name: 'words', path: manifest.words.path } : undefined;
    return { module, partitions: manifest.partitions, ...(words ? { words } : {}) };
  })();
  const { module, partitions, words } = await bench.index;
  const create = (part: Part, tag?: string) => {
    let instance = bench.instances.get(part.name);
    if (!instance) {
      const previous = Promise.all(bench.instances.values());
      instance = (async () => {
        await previous;
        const created = module.createInstance({ basePath: `${bundle}${part.path}`, ...options, ...(tag ? { mergeFilter: { partition: tag } } : {}) });
        await created.init();
        await created.search('');
        return created;
      })();
      bench.instances.set(part.name, instance);
    }
    return instance;
  };
  let holding: Set<string> | undefined;
  if (words) {
    const instance = await create(words);
    await instance.filters();
    const wordsOnly = query.replaceAll('"', '');
    // routingProbes of pagefind-client.ts: the chunks around each word are loaded first, together.
    const probes: string[] = [];
    for (const word of wordsOnly.toLowerCase().split(/\s+/).filter(Boolean)) {
      const letters = [...word];
      const shortest = Math.min(letters.length, Math.max(3, letters.length - (letters.length >= 10 ? 9 : 4)));
      for (let length = letters.length; length >= shortest; length--) probes.push(letters.slice(0, length).join(''));
      probes.push(`${word}\u{10FFFF}`);
    }
    await Promise.all(probes.map((probe) => instance.preload(probe)));
    const counts = (await instance.search(wordsOnly)).filters.partition ?? {};
    holding = new Set(Object.keys(counts).filter((name) => counts[name]! > 0));
  }
  const [first, ...older] = partitions;
  const answers: { results: Result[] }[] = [];
  if (!holding || holding.has(first!.name)) answers.push(await (await create(first!)).search(query));
  const olderNeeded = older.filter((part) => !holding || holding.has(part.name));
  if (scope === 'all' && olderNeeded.length > 0) {
    bench.older ??= { instance: create({ name: 'older', path: olderNeeded[0]!.path }, olderNeeded[0]!.name), merged: new Set([olderNeeded[0]!.name]) };
    const instance = await bench.older.instance;
    const merging = olderNeeded.filter((part) => !bench.older!.merged.has(part.name));
    for (const part of merging) bench.older.merged.add(part.name);
    await Promise.all(merging.map((part) => instance.mergeIndex(`${bundle}${part.path}`, { ...options, mergeFilter: { partition: part.name } })));
    answers.push(await instance.search(query));
  }
  // As Pagefind ranks merged indexes (and merge-partitions.ts): by score, stable, newest first.
  const results: Result[] = answers.flatMap((answer) => answer.results).sort((a: Result, b: Result) => b.score - a.score);
  await Promise.all(results.slice(0, 10).map((r: Result) => r.data()));
  const ms = performance.now() - started;
  return { results: results.length, ms };
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
    const run = async (query: string, scope: Scope, warmUp?: string): Promise<SearchMeasurement> => {
      const context = await browser!.newContext();
      try {
        const page = await context.newPage();
        // A page that does not exist serves the site's 404 page: same origin, no Pagefind loaded.
        await page.goto(server.url('bench-blank/'));
        // The reader's previous search ran to the end: every partition it needed is loaded (with
        // a words index, only those holding its words).
        if (warmUp) await page.evaluate(searchInPage, { base, query: warmUp, scope: 'all' as Scope });
        // Bytes on the wire (headers + encoded body) of every request, Pagefind's worker's too.
        const sizes: Promise<{ bytes: number; gzipBytes: number }>[] = [];
        context.on('requestfinished', (request) => sizes.push(transferred(request)));
        const measured = await page.evaluate(searchInPage, { base, query, scope });
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
      costs.push({
        name,
        query,
        cold: await run(query, 'all'),
        warm: await run(query, 'all', warmUpQuery),
        coldFirst: await run(query, 'first'),
        warmFirst: await run(query, 'first', warmUpQuery),
      });
    }
    return costs;
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** The issue's four searches, cold and warm, with their result counts checked. */
export async function measureIssueQueries(siteDir: string, rare: string, warmUp: string): Promise<SearchCost[]> {
  const queries = await measureSearch(
    siteDir,
    [
      { name: 'rare word', query: rare },
      { name: 'common word', query: 'production' },
      { name: 'two words', query: 'quality management' },
      { name: 'phrase', query: '"annual growth"' },
    ],
    warmUp,
  );
  if (queries[0]!.cold.results !== 1) throw new Error(`the rare word ${rare} should find exactly its page, found ${queries[0]!.cold.results}`);
  for (const q of queries) {
    if (q.cold.results < 1 || q.warm.results !== q.cold.results) throw new Error(`search for ${q.query} found ${q.cold.results} then ${q.warm.results} results`);
  }
  return queries;
}
