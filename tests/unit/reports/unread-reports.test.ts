/**
 * Report files the loader does not read again (their stat stamp vouches for them: see
 * src/reports/source-stamp/): reused as stored while nothing else changed, and read and checked
 * after all when the stored entry cannot be reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { checkContentFolder, renderingLoader, strictLoader } from '../../../src/reports/reports-loader.ts';
import { fakeLoaderContext } from '../../support/loader-context.ts';
import { renderAll } from '../../../src/reports/render/render-pool.ts';

const report = (date: string, body: string) => `---\ntitle: A\ndate: ${date}\nsource: { name: Example }\n---\n\n${body}\n`;

async function archive() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'unread-reports-'));
  const content = path.join(root, 'content');
  await mkdir(path.join(content, '2020'), { recursive: true });
  await writeFile(path.join(content, '2020/a.md'), report('2020-01-02', 'First version.'));
  return { root, content };
}

test('a report its stamp vouches for is reused without being read; one whose stored HTML cannot be reused is read and rendered', async () => {
  const { root, content } = await archive();
  try {
    const rendered: number[] = [];
    const render: typeof renderAll = (jobs, options) => (rendered.push(jobs.length), renderAll(jobs, options));
    const { context, entries } = fakeLoaderContext({ root });
    let sources = await checkContentFolder(content, 'check');
    const loader = renderingLoader(content, () => sources.texts, render, undefined, { stamps: () => sources.stamps });
    await loader.load(context);
    const stored = entries.get('2020/a')!.rendered!.metadata!.source as { stamp?: string } | undefined;
    assert.match(stored?.stamp ?? '', /:check$/, 'the stamp is stored beside the entry');

    sources = await checkContentFolder(content, 'check', () => true);
    assert.deepEqual([...sources.texts], [['2020/a.md', undefined]], 'not read');
    await loader.load(context);
    assert.deepEqual(rendered, [1, 0], 'reused as stored');

    // The file changed after its stamp was taken, and the stored HTML is another pipeline's.
    await writeFile(path.join(content, '2020/a.md'), report('2020-01-02', 'Second version.'));
    entries.get('2020/a')!.rendered!.metadata!.pipeline = 'an older pipeline';
    sources = await checkContentFolder(content, 'check', () => true);
    await loader.load(context);
    assert.deepEqual(rendered, [1, 0, 1]);
    assert.match(entries.get('2020/a')!.rendered!.html, /Second version\./, 'read now, not taken from the store');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a report read after all is checked: a problem the raw check finds fails the load, naming the file', async () => {
  const { root, content } = await archive();
  try {
    const { context, entries } = fakeLoaderContext({ root });
    let sources = await checkContentFolder(content, 'check');
    const loader = strictLoader(renderingLoader(content, () => sources.texts, renderAll, undefined, { stamps: () => sources.stamps }), async () => {});
    await loader.load(context);
    await writeFile(path.join(content, '2020/a.md'), report('2020-02-30', 'An impossible date.'));
    entries.get('2020/a')!.rendered!.metadata!.pipeline = 'an older pipeline';
    sources = await checkContentFolder(content, 'check', () => true);
    await assert.rejects(loader.load(context), /2020\/a\.md[\s\S]*not a real calendar day/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
