/**
 * Attachments in `astro dev`: the report's list links each file, and the dev server sends it with
 * its bytes and media type; a name the report does not list is not served.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { report, writeArchive } from '../support/fixtures.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';

let dev: DevServer;
let origin = '';

before(async () => {
  const contentDir = await writeArchive('attachments-dev', {
    '2020/with-files.md': report(
      'title: With files\ndate: 2020-01-02\nsource: { name: Example }\nattachments:\n  - { file: ./with-files/release.pdf, title: The release }',
    ),
    '2020/with-files/release.pdf': '%PDF-1.4 dev',
    '2020/with-files/unlisted.pdf': '%PDF-1.4 not listed',
  });
  dev = await startDevServer(contentDir);
  origin = dev.origin;
  await dev.logged(/search index \(start\)/);
});
after(async () => {
  await dev?.stop();
});

test('the dev server sends the attachments a report lists, and nothing it does not', async () => {
  const page = await (await fetch(`${origin}/news/2020/with-files/`)).text();
  assert.match(page, /<a href="\/news\/2020\/with-files\/release\.pdf" type="application\/pdf" download[^>]*>The release<\/a>/);
  const file = await fetch(`${origin}/news/2020/with-files/release.pdf`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.equal(await file.text(), '%PDF-1.4 dev');
  assert.equal((await fetch(`${origin}/news/2020/with-files/unlisted.pdf`)).status, 404);
});
