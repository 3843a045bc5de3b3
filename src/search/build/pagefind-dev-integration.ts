/**
 * Search in `astro dev`. The production index is built from `dist/` after a build, which the dev
 * server never writes, so here the index is built from the dev server's own rendered report pages
 * with Pagefind's Node API and kept in memory: once the server is listening, every report page is
 * fetched from it and indexed, and the bundle (`pagefind.js`, the wasm, the index) is served at
 * `<base>pagefind/`. Adding, editing or deleting a report rebuilds it. A request that arrives while
 * the index is being built waits for it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from './pagefind-service.ts';
import { listReportFiles } from '../../reports/content-dir.ts';
import { reportIdFromPath } from '../../reports/report-path.ts';
import { SEARCH_BUNDLE_PATH, SEARCH_PARTITIONS_FILE, reportPath } from '../../urls/site-paths.ts';
import { countIndexedRecords, type PagefindEntryFile } from '../../checks/search-index-check.ts';
import type { PartitionManifest } from './search-partitions.ts';
import { normalizeBase } from '../../urls/base-urls.ts';
import { PAGEFIND_INDEX_OPTIONS, failOn } from './pagefind-integration.ts';

export interface PagefindDevOptions {
  contentDir: string;
}

type Bundle = Map<string, Uint8Array>;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const FETCHES_AT_ONCE = 4;
const REBUILD_DELAY_MS = 300;
const PAGE_ATTEMPTS = 6;

/** A page just added can be missing for a moment, until Astro has refreshed its routes: retry. */
async function fetchPage(url: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url);
    if (response.ok) return response;
    if (attempt >= PAGE_ATTEMPTS) throw new Error(`dev server answered ${response.status} for ${url}`);
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, REBUILD_DELAY_MS * attempt));
  }
}

/** Fetches each report page from the running dev server and indexes it under its site path. */
async function indexDevServer(origin: string, base: string, contentDir: string): Promise<{ bundle: Bundle; records: number }> {
  const paths = (await listReportFiles(contentDir)).flatMap((file) => {
    const entry = reportIdFromPath(file);
    return entry.ok ? [reportPath(entry.id)] : []; // the content loader reports bad names itself
  });
  const { index, errors } = await pagefind.createIndex(PAGEFIND_INDEX_OPTIONS);
  failOn('createIndex', errors);
  if (!index) throw new Error('Pagefind createIndex returned no index');
  try {
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const sitePath = paths[next++]!;
        const response = await fetchPage(`${origin}${base}${sitePath}`);
        // Result URLs are relative to the site, like the build's; the client adds the base.
        const added = await index.addHTMLFile({ url: `/${sitePath}`, content: await response.text() });
        failOn(`addHTMLFile ${sitePath}`, added.errors);
      }
    };
    await Promise.all(Array.from({ length: FETCHES_AT_ONCE }, worker));
    const { files, errors: fileErrors } = await index.getFiles();
    failOn('getFiles', fileErrors);
    const bundle: Bundle = new Map(files.map((file) => [file.path.replace(/\\/g, '/'), file.content]));
    // The dev index is one partition, listed as the build lists it for the search page.
    const entry = JSON.parse(new TextDecoder().decode(bundle.get('pagefind-entry.json'))) as PagefindEntryFile;
    const years = paths.map((sitePath) => Number(sitePath.split('/')[1]));
    const manifest = { partitions: [{ name: '', path: '', from: Math.min(...years), to: Math.max(...years), records: countIndexedRecords(entry), languages: Object.fromEntries(Object.entries(entry.languages ?? {}).map(([language, info]) => [language, info.page_count ?? 0])), digest: '' }] } satisfies PartitionManifest;
    bundle.set(SEARCH_PARTITIONS_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
    return { bundle, records: paths.length };
  } finally {
    await index.deleteIndex();
  }
}

export default function pagefindDevIntegration(options: PagefindDevOptions): AstroIntegration {
  let base = '/';
  return {
    name: 'news-archive:pagefind-dev',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normalizeBase(config.base);
      },
      'astro:server:setup': ({ server, logger }) => {
        let current: Promise<Bundle> = new Promise(() => {}); // until the server listens
        let origin = '';
        const rebuild = (log: AstroIntegrationLogger, why: string) => {
          const started = performance.now();
          const previous = current;
          current = indexDevServer(origin, base, options.contentDir).then(
            ({ bundle, records }) => {
              log.info(`search index (${why}): ${records} reports in ${Math.round(performance.now() - started)} ms`);
              return bundle;
            },
            async (error: unknown) => {
              log.error(`search index not rebuilt: ${error instanceof Error ? error.message : String(error)}`);
              return previous;
            },
          );
        };

        server.httpServer?.once('listening', () => {
          const address = server.httpServer!.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          origin = `http://${host === '::' || host === '[::]' ? 'localhost' : host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
          rebuild(logger, 'start');
        });

        let timer: ReturnType<typeof setTimeout> | undefined;
        const contentDir = path.resolve(options.contentDir);
        server.watcher.add(contentDir);
        server.watcher.on('all', (_event, file) => {
          if (!path.resolve(file).startsWith(contentDir + path.sep) || !file.endsWith('.md')) return;
          clearTimeout(timer);
          // Give Astro a moment to reload the changed entry before its page is fetched again.
          timer = setTimeout(() => rebuild(logger, 'content changed'), REBUILD_DELAY_MS);
        });
        server.httpServer?.once('close', () => void pagefind.close());

        const prefixes = [`${base}${SEARCH_BUNDLE_PATH}`, `/${SEARCH_BUNDLE_PATH}`];
        server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
          const pathname = (req.url ?? '').split('?')[0]!;
          const prefix = prefixes.find((candidate) => pathname.startsWith(candidate));
          if (!prefix) return next();
          const name = decodeURIComponent(pathname.slice(prefix.length));
          void current.then((bundle) => {
            const body = bundle.get(name);
            if (!body) {
              res.statusCode = 404;
              res.end(`Not in the dev search index: ${name}`);
              return;
            }
            res.setHeader('Content-Type', CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream');
            res.setHeader('Cache-Control', 'no-store');
            res.end(body);
          });
        });
      },
    },
  };
}
