/**
 * Attachments in `astro dev`: the report's list links each file, and the dev server sends it with
 * its bytes and media type; a name the report does not list is not served.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { report, writeArchive } from '../support/fixtures.ts';
import { freePort } from '../support/server-process.ts';
import { ROOT } from '../support/paths.ts';

let dev: ChildProcess;
let output = '';
let origin = '';

before(async () => {
  const contentDir = await writeArchive('attachments-dev', {
    '2020/with-files.md': report(
      'title: With files\ndate: 2020-01-02\nsource: { name: Example }\nattachments:\n  - { file: ./with-files/release.pdf, title: The release }',
    ),
    '2020/with-files/release.pdf': '%PDF-1.4 dev',
    '2020/with-files/unlisted.pdf': '%PDF-1.4 not listed',
  });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ARCHIVE_CONTENT_DIR: contentDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (chunk) => (output += chunk));
  dev.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server did not start:\n${output.slice(-3000)}`)), 90_000);
    const check = () => /search index \(start\)/.test(output) && (clearTimeout(timer), resolve());
    dev.stdout!.on('data', check);
  });
});
after(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
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
