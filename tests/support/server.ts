/**
 * A static file server that knows nothing but files, as the simplest host would: serves a built
 * site under a base path on a loopback port, with the site's 404 page for unknown paths.
 */
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticServer {
  origin: string;
  /** Absolute URL of a site path under the base: server.url('search/?q=x'). */
  url(sitePath?: string): string;
  close(): Promise<void>;
}

export async function serveStatic(siteDir: string, base = '/'): Promise<StaticServer> {
  const prefix = base.replace(/\/?$/, '/');
  const files = sirv(siteDir, { dev: true, extensions: ['html'], etag: true });
  const notFoundPage = path.join(siteDir, '404.html');
  const server = http.createServer((req, res) => {
    const requestUrl = req.url ?? '/';
    if (!requestUrl.startsWith(prefix)) return notFound(res);
    req.url = `/${requestUrl.slice(prefix.length)}`;
    files(req, res, () => notFound(res));
  });
  function notFound(res: http.ServerResponse): void {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(existsSync(notFoundPage) ? readFileSync(notFoundPage) : 'Not found');
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (sitePath = '') => `${origin}${prefix}${sitePath.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
