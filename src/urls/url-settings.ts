/**
 * Checks the hosting settings read from the environment (BASE_PATH, SITE_URL) before anything is
 * built or printed. Both end up verbatim in HTML, in `_headers`, `.htaccess` and server
 * configurations: a space, a quote or a newline there breaks the build late, after output was
 * written, or adds a rule to a server file. So they are refused up front, with what is wrong and
 * an example, instead of being repaired.
 */
import { normalizeBase } from './base-urls.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Letters, digits and `-._~`: the characters a URL path segment holds without escaping (RFC 3986). */
const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * The base path as the site uses it (`/` or `/archive/`), or a ConfigError. Leading and trailing
 * slashes are optional (`archive`, `/archive`, `/archive/` are the same); nothing else is changed.
 */
export function checkBasePath(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '/';
  const fail = (what: string) =>
    new ConfigError(
      `BASE_PATH=${JSON.stringify(raw)} ${what}. BASE_PATH is the sub-path the site is served under: path segments of letters, digits and -._~ separated by /, e.g. BASE_PATH=/archive/ (or unset for the root).`,
    );
  const inner = raw.replace(/^\/+|\/+$/g, '');
  if (inner === '') return '/';
  for (const segment of inner.split('/')) {
    if (segment === '') throw fail('has an empty segment (//)');
    if (segment === '.' || segment === '..') throw fail(`has a "${segment}" segment`);
    const bad = [...segment].find((char) => !SEGMENT.test(char));
    if (bad !== undefined) throw fail(`contains ${describeChar(bad)}, which a path segment cannot hold unescaped`);
  }
  return normalizeBase(inner);
}

/**
 * SITE_URL as Astro's `site`: an http(s) origin, or undefined when unset. A path would be silently
 * dropped (URLs are made from the origin and BASE_PATH), so it is refused with the fix.
 */
export function checkSiteUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const fail = (what: string) =>
    new ConfigError(`SITE_URL=${JSON.stringify(raw)} ${what}. SITE_URL is the production origin, e.g. SITE_URL=https://example.org`);
  const bad = [...raw].find((char) => /[\s\p{Cc}"'<>\\`{}|^]/u.test(char));
  if (bad !== undefined) throw fail(`contains ${describeChar(bad)}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail(`uses ${url.protocol}, not https: or http:`);
  if (url.username || url.password) throw fail('contains a user name or password');
  if (url.search || raw.includes('?')) throw fail('has a query (?...)');
  if (url.hash || raw.includes('#')) throw fail('has a fragment (#...)');
  if (url.pathname !== '/') {
    const sub = url.pathname.replace(/\/+$/, '');
    throw fail(`has a path (${url.pathname}), which would be ignored: give the origin alone and the path as BASE_PATH, e.g. SITE_URL=${url.origin} BASE_PATH=${sub}/`);
  }
  return url.origin;
}

function describeChar(char: string): string {
  if (char === ' ') return 'a space';
  if (char === '\n') return 'a line break';
  if (/[\s\p{Cc}]/u.test(char)) return `the control character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${char}"`;
}

/** One DNS name (`example.org`, `localhost`, `*.example.org` for nginx), an IPv4 or a bracketed IPv6 address. */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = `(?:(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9A-Fa-f:.]+\\])`;
const PORT = '(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3})';
const NGINX_NAME = new RegExp(`^(?:_|${HOST})$`);
const CADDY_ADDRESS = new RegExp(`^(?:https?://)?(?:${HOST}(?::${PORT})?|:${PORT})$`);

/**
 * `--server-name` as nginx's `server_name` (one or more names separated by spaces) or Caddy's site
 * address (`example.org`, `https://example.org`, `example.org:8080`, `:8080`). Anything else (a
 * `;`, `{`, a newline) would end the directive and let the value write configuration.
 */
export function checkServerName(server: 'nginx' | 'caddy', raw: string): string {
  const valid = server === 'nginx' ? raw.split(' ').every((name) => NGINX_NAME.test(name)) : CADDY_ADDRESS.test(raw);
  if (!valid) {
    const example = server === 'nginx' ? 'a host name such as example.org (several separated by spaces)' : 'a site address such as example.org, https://example.org, example.org:8080 or :8080';
    throw new ConfigError(`--server-name ${JSON.stringify(raw)} is not ${example}.`);
  }
  return raw;
}

/** Path segments a web root may have: letters, digits and `-._~+@,=`. */
const ROOT_SEGMENT = /^[A-Za-z0-9._~+@,=-]+$/;

/**
 * `--root`: the absolute folder the server serves, written unquoted into its configuration, so
 * it may hold no space, quote, `;`, braces, `#`, `$` or line break. Trailing slashes are dropped.
 */
export function checkWebRoot(raw: string): string {
  const fail = (what: string) =>
    new ConfigError(`--root ${JSON.stringify(raw)} ${what}. It is the absolute folder the server serves, made of letters, digits and -._~+@,= between slashes, e.g. --root /var/www`);
  if (!raw.startsWith('/')) throw fail('is not an absolute path');
  const trimmed = raw.replace(/\/+$/, '');
  for (const segment of trimmed.split('/').slice(1)) {
    if (segment === '') throw fail('has an empty segment (//)');
    if (segment === '.' || segment === '..') throw fail(`has a "${segment}" segment`);
    const bad = [...segment].find((char) => !ROOT_SEGMENT.test(char));
    if (bad !== undefined) throw fail(`contains ${describeChar(bad)}`);
  }
  // The server hands out every file under the root: the file system's root or one of its system
  // folders would publish /etc/passwd or a home folder beside the site.
  if (trimmed === '' || SYSTEM_FOLDERS.has(trimmed)) {
    throw fail('would let the server publish the whole file system or a system folder: give the folder made for the site');
  }
  return trimmed;
}

const SYSTEM_FOLDERS = new Set(
  ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'opt', 'proc', 'root', 'run', 'sbin', 'sys', 'tmp', 'usr', 'var'].map((name) => `/${name}`),
);
