import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apacheHtaccess, caddyfile, cacheControlFor, CACHE_HASHED, CACHE_REVALIDATE, CONTENT_SECURITY_POLICY, headersFile, META_CONTENT_SECURITY_POLICY, nginxConfig, notFoundPath,
} from '../../../src/hosting/server-configs.ts';
import { OUTPUT_MARKER } from '../../../src/output/output-folder.ts';
import { render } from '../../../src/hosting/hosting-cli.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

test('the CSP allows own resources, Pagefind WebAssembly and worker, and nothing inline or third-party', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(csp.get('worker-src'), ["'self'"]);
  assert.deepEqual(csp.get('style-src'), ["'self'"]);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
});

test('hashed files are cached for a year, everything else is revalidated, at any base', () => {
  for (const base of ['/', '/archive/']) {
    assert.equal(cacheControlFor(base, `${base}_astro/BaseLayout.CJWVdC3n.css`), CACHE_HASHED);
    assert.equal(cacheControlFor(base, `${base}pagefind/fragment/en_20c373b.pf_fragment`), CACHE_HASHED);
    assert.equal(cacheControlFor(base, `${base}pagefind/pagefind-entry.json`), CACHE_REVALIDATE);
    // A search index partition's hashed files, and its entry (which names them).
    assert.equal(cacheControlFor(base, `${base}pagefind/2020-2024/index/en_1a2b3c.pf_index`), CACHE_HASHED);
    assert.equal(cacheControlFor(base, `${base}pagefind/2019/filter/en_1a2b3c.pf_filter`), CACHE_HASHED);
    assert.equal(cacheControlFor(base, `${base}pagefind/words/index/en_1a2b3c.pf_index`), CACHE_HASHED);
    assert.equal(cacheControlFor(base, `${base}pagefind/2020-2024/pagefind-entry.json`), CACHE_REVALIDATE);
    assert.equal(cacheControlFor(base, `${base}pagefind/partitions.json`), CACHE_REVALIDATE);
    assert.equal(cacheControlFor(base, `${base}pagefind/pagefind.js`), CACHE_REVALIDATE);
    assert.equal(cacheControlFor(base, `${base}news/2020/x/`), CACHE_REVALIDATE);
  }
  assert.equal(cacheControlFor('/archive/', '/_astro/x.css'), CACHE_REVALIDATE, 'outside the base');
});

test('every host configuration wires the 404 page and the cache rules under the base', () => {
  const base = '/archive/';
  assert.equal(notFoundPath(base), '/archive/404.html');
  const nginx = nginxConfig({ base, root: '/var/www' });
  assert.match(nginx, /location \/archive\/ \{/);
  assert.match(nginx, /error_page 404 \/archive\/404\.html;/);
  assert.ok(nginx.includes('~^/archive/(_astro|pagefind/(([0-9][0-9][0-9][0-9](-[0-9][0-9][0-9][0-9])?|words)/)?(fragment|index|filter))/ "public, max-age=31536000, immutable";'), nginx);
  assert.ok(nginx.includes(`add_header Content-Security-Policy "${CONTENT_SECURITY_POLICY}" always;`));
  const apache = apacheHtaccess(base);
  assert.match(apache, /^ErrorDocument 404 \/archive\/404\.html$/m);
  assert.ok(apache.includes(`Header always set Content-Security-Policy "${CONTENT_SECURITY_POLICY}"`));
  const caddy = caddyfile({ base, root: '/srv' });
  assert.match(caddy, /rewrite @notFound \/archive\/404\.html/);
  assert.match(caddy, /header @hashed Cache-Control "public, max-age=31536000, immutable"/);
  const headers = headersFile(base);
  assert.match(headers, /^\/archive\/\*\n {2}Content-Security-Policy: /);
  assert.match(headers, /^\/archive\/_astro\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
  // Netlify and Cloudflare join repeated headers: Cache-Control must not be set by the catch-all rule too.
  assert.equal(headers.split('\n\n')[0]!.includes('Cache-Control'), false);
});

test('`npm run hosting` prints the configuration for BASE_PATH, and explains its usage otherwise', () => {
  assert.match(render(['nginx', '--root', '/srv/www/'], { BASE_PATH: 'archive' }), /root \/srv\/www;[\s\S]*location \/archive\/ \{/);
  assert.equal(render(['headers'], {}), headersFile('/'));
  assert.throws(() => render(['iis'], {}), /usage: npm run hosting -- nginx\|caddy\|apache\|headers/);
});

test('the meta CSP for header-less hosts is the header policy less what a meta element may not carry', () => {
  const header = directives(CONTENT_SECURITY_POLICY);
  const meta = directives(META_CONTENT_SECURITY_POLICY);
  for (const name of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) assert.equal(meta.has(name), false, name);
  assert.ok(header.has('frame-ancestors'), 'the header still forbids framing');
  for (const [name, values] of meta) assert.deepEqual(values, header.get(name), name);
  assert.deepEqual([...meta.keys()], [...header.keys()].filter((name) => name !== 'frame-ancestors'));
});

test('nginx, Caddy and Apache refuse to serve the files for other hosts, the ownership marker and .git', () => {
  for (const base of ['/', '/archive/']) {
    const nginx = nginxConfig({ base, root: '/var/www' });
    const hidden = nginx.match(/^ {4}location ~ (\S+) \{\n {6}return 404;/m)?.[1];
    assert.ok(hidden, 'a nested location answers 404 (and so the site\'s 404 page, inherited)');
    const rule = new RegExp(hidden);
    for (const file of ['.htaccess', '_headers', OUTPUT_MARKER, '.git/config', '.git']) assert.match(`${base}${file}`, rule, file);
    for (const file of ['', 'news/2020/x/', '_astro/a.css', 'pagefind/pagefind.js', '.nojekyll', 'news/2020/x.md']) assert.doesNotMatch(`${base}${file}`, rule, file);
    const apache = apacheHtaccess(base);
    assert.ok(apache.includes(`RedirectMatch 404 ${hidden}\n`), 'Apache uses the same rule');
    assert.match(caddyfile({ base, root: '/srv' }), new RegExp(`file_server \\{\\n {4}hide \\.htaccess _headers \\${OUTPUT_MARKER} \\.git\\n`));
  }
});
