/**
 * What a web server must send with the built site, written once and rendered for each kind of
 * host: nginx, Apache (.htaccess), Caddy and Netlify/Cloudflare Pages (`_headers`).
 * The tests run nginx with exactly the configuration `nginxConfig` renders.
 *
 * - Files whose names carry a content hash (Astro's `_astro/`, Pagefind's index, fragment and
 *   filter chunks) never change: cache them for a year. Everything else (HTML, feeds,
 *   `pagefind.js`, `pagefind-entry.json`, which names the current hashed chunks) must be
 *   revalidated, so a rebuild is visible at once and never mixes old and new index files.
 * - The Content-Security-Policy allows exactly what the site uses: its own scripts, styles, images
 *   and fetches; Pagefind's WebAssembly ('wasm-unsafe-eval') and its web worker. No inline script
 *   or style exists (Astro is set to emit files), so neither 'unsafe-inline' nor hashes are needed.
 */
import { normalizeBase } from '../urls/base-urls.ts';
import { checkBasePath, checkServerName, checkWebRoot } from '../urls/url-settings.ts';
import { OUTPUT_MARKER } from '../output/output-folder.ts';
import { SEARCH_BUNDLE_FOLDER, SEARCH_BUNDLE_PATH, SEARCH_WORDS_FOLDER } from '../urls/site-paths.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Directives a `<meta http-equiv>` policy may not carry: browsers ignore them there and Chromium
 * logs an error for each (CSP3 §3.3), so the meta copy of the policy leaves them out.
 */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

/**
 * The policy for a `<meta http-equiv="Content-Security-Policy">` on every page, for hosts that
 * cannot send headers (GitHub Pages): the same policy, less what only a header can say.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !HEADER_ONLY_DIRECTIVES.has(directive.split(' ')[0]!))
  .join('; ');

/**
 * Files in the published folder that are not part of the site: instructions for other hosts, the
 * build's ownership marker, and `.git` when the output is published as a repository. Every
 * server configuration answers 404 for them.
 */
export const HIDDEN_FILES = ['.htaccess', '_headers', OUTPUT_MARKER] as const;
export const HIDDEN_FOLDERS = ['.git'] as const;

const escapeRegex = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Matches a request path naming a hidden file or anything in a hidden folder. Written unquoted
 * into nginx and Apache configurations (their quoting treats backslashes differently), so it
 * holds no space, `;` or brace.
 */
const HIDDEN_PATH_REGEX = `(^|/)(${HIDDEN_FILES.map(escapeRegex).join('|')})$|(^|/)(${HIDDEN_FOLDERS.map(escapeRegex).join('|')})(/|$)`;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

export const CACHE_HASHED = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

/** Folders (relative to the base) that hold only content-hashed files. */
export const HASHED_FOLDERS = ['_astro/', ...['fragment/', 'index/', 'filter/'].map((folder) => `${SEARCH_BUNDLE_PATH}${folder}`)] as const;

/** The site's 404 page, which every host should answer unknown paths with. */
export function notFoundPath(base: string): string {
  return `${normalizeBase(base)}404.html`;
}

/**
 * A folder inside the bundle holding a Pagefind index of its own: a search partition
 * (`2020-2024/`, `2020/`: see src/search/build/search-partitions.ts) or the words index
 * (`words/`). Without braces: the pattern is written unquoted.
 */
const INDEX_FOLDER = `(([0-9][0-9][0-9][0-9](-[0-9][0-9][0-9][0-9])?|${SEARCH_WORDS_FOLDER})/)?`;

export function cacheControlFor(base: string, pathname: string): string {
  const root = normalizeBase(base);
  return new RegExp(hashedPathRegex(root)).test(pathname) ? CACHE_HASHED : CACHE_REVALIDATE;
}

function hashedPathRegex(base: string): string {
  const root = escapeRegex(normalizeBase(base));
  return `^${root}(_astro|${SEARCH_BUNDLE_FOLDER}/${INDEX_FOLDER}(fragment|index|filter))/`;
}

const quote = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;

export interface NginxOptions {
  base: string;
  /** The web root; the built site's files are at <root><base>. */
  root: string;
  listen?: string;
  serverName?: string;
}

/** A file for nginx's `conf.d/` (inside `http {}`): a cache map and one server block. */
export function nginxConfig({ base, root, listen = '80', serverName = 'example.org' }: NginxOptions): string {
  const prefix = checkBasePath(base);
  checkWebRoot(root);
  checkServerName('nginx', serverName);
  const headers = Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `    add_header ${name} ${quote(value)} always;`)
    .join('\n');
  return `# News Archive on nginx: long cache for hashed files, revalidation for the rest, the site's 404
# page, and the Content-Security-Policy the site needs. Generated by \`npm run hosting -- nginx\`.
map $uri $news_archive_cache_control {
  ~${hashedPathRegex(base)} ${quote(CACHE_HASHED)};
  default ${quote(CACHE_REVALIDATE)};
}

server {
  listen ${listen};
  server_name ${serverName};
  root ${root};
  charset utf-8;
  charset_types text/css text/xml text/plain application/javascript application/json application/rss+xml application/atom+xml application/feed+json;
  # Redirects (to add a missing trailing slash) stay relative to whatever host and port the reader used.
  absolute_redirect off;
  gzip on;
  gzip_types text/css application/javascript application/json image/svg+xml text/xml application/xml application/rss+xml application/atom+xml application/feed+json;

  location ${prefix} {
    index index.html;
    try_files $uri $uri/ =404;
    error_page 404 ${notFoundPath(base)};
    add_header Cache-Control $news_archive_cache_control always;
${headers}
    # Not part of the site: files for other hosts, the build's marker, a .git folder.
    location ~ ${HIDDEN_PATH_REGEX} {
      return 404;
    }
  }
}
`;
}

/** `.htaccess` for Apache 2.4 (mod_headers), placed in the site's folder. */
export function apacheHtaccess(base: string): string {
  checkBasePath(base);
  const headers = Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `  Header always set ${name} ${quote(value)}`)
    .join('\n');
  return `# News Archive on Apache 2.4: needs AllowOverride FileInfo Indexes, mod_headers and mod_alias.
DirectoryIndex index.html
AddDefaultCharset utf-8
ErrorDocument 404 ${notFoundPath(base)}
# Not part of the site: files for other hosts, the build's marker, a .git folder.
<IfModule mod_alias.c>
  RedirectMatch 404 ${HIDDEN_PATH_REGEX}
</IfModule>
<IfModule mod_headers.c>
${headers}
  Header set Cache-Control ${quote(CACHE_REVALIDATE)}
  <If "%{REQUEST_URI} =~ m#${hashedPathRegex(base)}#">
    Header set Cache-Control ${quote(CACHE_HASHED)}
  </If>
</IfModule>
`;
}

export interface CaddyOptions {
  base: string;
  root: string;
  siteAddress?: string;
}

/** A Caddyfile site block (Caddy 2). */
export function caddyfile({ base, root, siteAddress = 'example.org' }: CaddyOptions): string {
  const prefix = checkBasePath(base);
  checkWebRoot(root);
  checkServerName('caddy', siteAddress);
  // Not part of the site (file names, matched in any folder): files for other hosts, the build's marker, a .git folder.
  const hide = [...HIDDEN_FILES, ...HIDDEN_FOLDERS].join(' ');
  const headers = Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `    ${name} ${quote(value)}`)
    .join('\n');
  return `# News Archive on Caddy 2. Generated by \`npm run hosting -- caddy\`.
${siteAddress} {
  root * ${root}
  encode zstd gzip
  @hashed path_regexp ${hashedPathRegex(base)}
  @revalidated {
    path ${prefix}*
    not path_regexp ${hashedPathRegex(base)}
  }
  header ${prefix}* {
${headers}
  }
  header @hashed Cache-Control ${quote(CACHE_HASHED)}
  header @revalidated Cache-Control ${quote(CACHE_REVALIDATE)}
  file_server {
    hide ${hide}
  }
  handle_errors {
    @notFound expression {http.error.status_code} == 404
    rewrite @notFound ${notFoundPath(base)}
    file_server {
      hide ${hide}
    }
  }
}
`;
}

/**
 * `_headers` for Netlify and Cloudflare Pages. Both merge every rule that matches a path and join
 * repeated headers with commas, so Cache-Control is set only for the hashed folders; their
 * default for everything else already revalidates. Both serve /404.html for unknown paths.
 */
export function headersFile(base: string): string {
  const prefix = checkBasePath(base);
  const security = Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `  ${name}: ${value}`)
    .join('\n');
  const hashed = HASHED_FOLDERS.map((folder) => `${prefix}${folder}*\n  Cache-Control: ${CACHE_HASHED}`).join('\n\n');
  return `${prefix}*\n${security}\n\n${hashed}\n`;
}
