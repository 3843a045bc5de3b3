/**
 * --update and the images beside a report: the importer cannot prove it wrote an image that is
 * there now (an editor may have replaced the copy with a better crop), so it never overwrites one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { main, EXIT } from '../../../src/importer/import-cli.ts';
import type { SourceReader } from '../../../src/importer/readers/source-item.ts';
import type { ReaderTable } from '../../../src/importer/pipeline/read-source.ts';
import { TMP } from '../../support/paths.ts';

const png = (r: number) => sharp({ create: { width: 8, height: 6, channels: 3, background: { r, g: 80, b: 120 } } }).png().toBuffer();

test('--update never overwrites an image beside the report that differs from the source: it keeps it and says so', async () => {
  const dir = path.join(TMP, 'import-media-update');
  await rm(dir, { recursive: true, force: true });
  const uploads = path.join(dir, 'uploads');
  const contentDir = path.join(dir, 'news');
  await mkdir(path.join(uploads, '2020', '07'), { recursive: true });
  await mkdir(path.join(dir, 'site'), { recursive: true });
  await writeFile(path.join(uploads, '2020', '07', 'probe.png'), await png(200));
  await writeFile(path.join(dir, 'site', 'launch.html'), '<!DOCTYPE html><html><body>a saved page</body></html>');
  let text = 'The probe launched.';
  const stub: SourceReader = (_text, file) => [
    {
      kind: 'item',
      item: {
        origin: file,
        key: 'https://example.org/2020/07/launch/',
        title: 'Probe Launch',
        date: '2020-07-31',
        markdown: `${text}\n\n![The probe](https://example.org/wp-content/uploads/2020/07/probe.png)`,
        source: { name: 'Example Press', url: 'https://example.org/2020/07/launch/' },
        images: [{ url: 'https://example.org/wp-content/uploads/2020/07/probe.png' }],
        warnings: [],
      },
    },
  ];
  const run = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const terminal = { out: (t: string) => void (stdout += `${t}\n`), err: (t: string) => void (stderr += `${t}\n`), isTTY: false };
    const code = await main([...args, '--media', uploads, path.join(dir, 'site')], { ARCHIVE_CONTENT_DIR: contentDir }, { terminal, readers: (d: ReaderTable) => ({ ...d, html: stub }) });
    return { code, stdout, stderr };
  };
  assert.equal((await run([])).code, EXIT.ok);
  const copy = path.join(contentDir, '2020', 'probe-launch', 'probe.png');
  const editors = await png(10);
  await writeFile(copy, editors);

  text = 'The probe launched at noon.';
  const updated = await run(['--update']);
  assert.equal(updated.code, EXIT.ok, updated.stderr);
  assert.match(updated.stdout, /updated: 2020\/probe-launch\.md/);
  assert.deepEqual(await readFile(copy), editors, "the editor's image is kept");
  assert.match(updated.stderr, /warning \[media\]: 2020\/probe-launch\.md: .*probe\.png.* differs from the source's .*not replaced/);
  await rm(dir, { recursive: true, force: true });
});
