/**
 * Hosting settings are written verbatim into pages and server files: a wrong one is refused up
 * front, naming the setting, what is wrong and an example, never repaired or passed through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBasePath, checkServerName, checkSiteUrl, checkWebRoot, ConfigError } from '../../../src/urls/url-settings.ts';
import { render } from '../../../src/hosting/hosting-cli.ts';

test('BASE_PATH: any spelling of a sub-path of plain segments is accepted', () => {
  for (const raw of [undefined, '', '/', '//']) assert.equal(checkBasePath(raw), '/');
  for (const raw of ['archive', '/archive', '/archive/', 'archive/']) assert.equal(checkBasePath(raw), '/archive/');
  assert.equal(checkBasePath('/news-2.0/old_site~x/'), '/news-2.0/old_site~x/');
});

test('BASE_PATH: dot segments, spaces, quotes, line breaks and other characters are refused with an example', () => {
  const cases: [string, RegExp][] = [
    ['..', /has a "\.\." segment/],
    ['/a/../b/', /has a "\.\." segment/],
    ['/./', /has a "\." segment/],
    ['/a b/', /contains a space/],
    ['/a"b/', /contains """/],
    ['/a\n/b', /contains a line break/],
    ['/archive/\n', /contains a line break/],
    ['/a//b/', /has an empty segment/],
    ['/a%20b/', /contains "%"/],
    ['/a?b/', /contains "\?"/],
    ['/a#b/', /contains "#"/],
    ['/ä/', /contains "ä"/],
  ];
  for (const [raw, why] of cases) {
    assert.throws(
      () => checkBasePath(raw),
      (error: Error) => error instanceof ConfigError && error.message.startsWith(`BASE_PATH=${JSON.stringify(raw)}`) && why.test(error.message) && /e\.g\. BASE_PATH=\/archive\//.test(error.message),
      JSON.stringify(raw),
    );
  }
});

test('SITE_URL: an http(s) origin is accepted; a path is refused with the fix, and so is anything but an origin', () => {
  assert.equal(checkSiteUrl(undefined), undefined);
  assert.equal(checkSiteUrl(''), undefined);
  assert.equal(checkSiteUrl('https://example.org'), 'https://example.org');
  assert.equal(checkSiteUrl('https://example.org/'), 'https://example.org');
  assert.equal(checkSiteUrl('http://127.0.0.1:4321'), 'http://127.0.0.1:4321');
  assert.throws(() => checkSiteUrl('https://example.org/sub/path'), /^ConfigError: SITE_URL="https:\/\/example\.org\/sub\/path" has a path \(\/sub\/path\), which would be ignored: give the origin alone and the path as BASE_PATH, e\.g\. SITE_URL=https:\/\/example\.org BASE_PATH=\/sub\/path\//);
  const cases: [string, RegExp][] = [
    ['example.org', /is not an absolute URL/],
    ['ftp://example.org', /uses ftp:, not https: or http:/],
    ['javascript:alert(1)', /uses javascript:/],
    ['https://user:secret@example.org', /user name or password/],
    ['https://example.org/?a=1', /has a query/],
    ['https://example.org/#top', /has a fragment/],
    ['https://example.org\n', /contains a line break/],
    ['https://exa mple.org', /contains a space/],
    ['https://example.org"', /contains """/],
  ];
  for (const [raw, why] of cases) assert.throws(() => checkSiteUrl(raw), (e: Error) => e instanceof ConfigError && e.message.startsWith('SITE_URL=') && why.test(e.message), raw);
});

test('--server-name: host names for nginx, site addresses for Caddy; nothing that could write configuration', () => {
  for (const name of ['example.org', 'localhost', 'www.example.org archive.example.org', '*.example.org', '_', '127.0.0.1', '[::1]']) {
    assert.equal(checkServerName('nginx', name), name);
  }
  for (const name of ['example.org', 'https://example.org', 'http://127.0.0.1:8080', 'example.org:8443', ':8080', 'localhost']) {
    assert.equal(checkServerName('caddy', name), name);
  }
  const injections = ['x; location /secret/ { autoindex on; }', 'x;', 'example.org\nlisten 81', 'example.org {', 'exa"mple.org', '', ' ', 'a..b', '-x.org', 'example.org:99999'];
  for (const server of ['nginx', 'caddy'] as const) {
    for (const name of injections) {
      assert.throws(() => checkServerName(server, name), (e: Error) => e instanceof ConfigError && e.message.startsWith(`--server-name ${JSON.stringify(name)} is not`), `${server} ${name}`);
    }
  }
  assert.throws(() => checkServerName('nginx', 'example.org:8080'), /is not a host name/, 'nginx takes the port in listen, not server_name');
});

test('--root: an absolute folder of plain segments; quotes, spaces, ; { } # $ and line breaks are refused, and so are / and system folders', () => {
  assert.equal(checkWebRoot('/var/www'), '/var/www');
  assert.equal(checkWebRoot('/srv/www/'), '/srv/www');
  for (const root of ['/', '//', '/etc', '/home/', '/root', '/var', '/usr']) {
    assert.throws(() => checkWebRoot(root), /whole file system or a system folder/, root);
  }
  assert.equal(checkWebRoot('/srv'), '/srv');
  for (const root of ['var/www', '/var/www; autoindex on', '/var/{x}', '/var/www #', '/var/w w w', '/var/"www"', "/var/'www'", '/var/$x', '/var/www\n', '/var/../etc', '/var//www']) {
    assert.throws(() => checkWebRoot(root), (e: Error) => e instanceof ConfigError && e.message.startsWith(`--root ${JSON.stringify(root)}`) && /e\.g\. --root \/var\/www/.test(e.message), root);
  }
});

test('`npm run hosting` refuses a bad BASE_PATH, server name or root before printing anything', () => {
  assert.throws(() => render(['nginx', '--server-name', 'x; location /secret/ { autoindex on; }'], {}), /--server-name/);
  assert.throws(() => render(['caddy', '--server-name', 'example.org {\n  file_server browse\n}\nx'], {}), /--server-name/);
  assert.throws(() => render(['nginx', '--root', '/var/www; autoindex on'], {}), /--root/);
  assert.throws(() => render(['caddy', '--root', '/srv {'], {}), /--root/);
  assert.throws(() => render(['headers'], { BASE_PATH: '/a\n/*\n  X-Injected: 1\n/b' }), /BASE_PATH=.* contains a line break/);
  assert.throws(() => render(['apache'], { BASE_PATH: '..' }), /BASE_PATH="\.\." has a "\.\." segment/);
});
