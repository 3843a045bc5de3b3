/**
 * What a report's raw HTML and images do to a real build: a local image outside the content
 * folder fails the build, naming the report and the image (Astro would publish the file); raw
 * HTML is published sanitised, with a warning naming the file and each thing the sanitiser
 * removed; ids from the body cannot take the page's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';
import { build } from '../support/build.ts';
import { report, writeArchive } from '../support/fixtures.ts';
import { TMP } from '../support/paths.ts';

// A 1x1 PNG, so that Astro's image pipeline has a real file to process.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a Markdown image outside the content folder fails the build, naming the report and the image', async () => {
  const contentDir = await writeArchive('image-outside', {
    '2020/good.md': report('title: Good\ndate: 2020-01-02\nsource: { name: Example }'),
    '2020/leak.md': report('title: Leak\ndate: 2020-01-03\nsource: { name: Example }', 'A scan: ![scan](../../image-outside-private/scan.png)'),
  });
  const privateDir = path.join(TMP, 'archives', 'image-outside-private');
  await mkdir(privateDir, { recursive: true });
  await writeFile(path.join(privateDir, 'scan.png'), PNG);
  const outDir = path.join(TMP, 'builds', 'error-image-outside');
  const result = await build({ contentDir, outDir });
  assert.notEqual(result.code, 0, `the build should fail:\n${result.output.slice(-2000)}`);
  assert.match(result.output, /2020\/leak\.md: the image "\.\.\/\.\.\/image-outside-private\/scan\.png" is outside the content folder/);
});

function elements(tree: Root | Element): Element[] {
  return tree.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}

test('raw HTML is published sanitised, each removal is logged naming the file, and body ids keep off the page ids', async () => {
  const contentDir = await writeArchive('raw-html', {
    '2020/formulas.md': report(
      'title: Formulas\ndate: 2020-01-02\nsource: { name: Example }',
      [
        '## Main',
        'E = mc<sup>2</sup> and H<sub>2</sub>O; press <kbd>Ctrl</kbd>. A <a href="javascript:alert(1)" onclick="alert(2)">link</a>.',
        '<details>\n<summary>Method</summary>\n\nMeasured twice.\n\n</details>',
        'Then <textarea> stays text, and so does this.',
        '<object data="x.swf">Fallback words</object>',
        '![map](./map.png)',
      ].join('\n\n'),
    ),
  });
  await writeFile(path.join(contentDir, '2020/map.png'), PNG);
  const outDir = path.join(TMP, 'builds', 'raw-html');
  const result = await build({ contentDir, outDir });
  assert.equal(result.code, 0, result.output.slice(-3000));
  const warning = result.output.split('\n').find((line) => line.includes('2020/formulas.md: the HTML sanitiser removed'));
  assert.ok(warning, `a warning names the file:\n${result.output}`);
  for (const removed of ['href="javascript:alert(1)" on <a>', 'onclick="alert(2)" on <a>', '<object>']) assert.ok(warning.includes(removed), `${removed} in ${warning}`);

  const page = fromHtml(await readFile(path.join(outDir, 'news/2020/formulas/index.html'), 'utf8'));
  const all = elements(page);
  const prose = all.find((e) => Array.isArray(e.properties.className) && e.properties.className.includes('prose'))!;
  const text = toText(prose).replace(/\s+/g, ' ');
  assert.match(text, /E = mc2 and H2O; press Ctrl\. A link\./);
  assert.match(text, /Method Measured twice\./);
  assert.match(text, /Then <textarea> stays text, and so does this\./);
  assert.match(text, /Fallback words/);
  assert.ok(elements(prose).some((e) => e.tagName === 'sup'));
  assert.ok(elements(prose).some((e) => e.tagName === 'img'), 'the image inside the content folder is published');
  assert.ok(!elements(prose).some((e) => ['script', 'object', 'textarea'].includes(e.tagName)));
  const ids = all.map((e) => e.properties.id).filter((id): id is string => typeof id === 'string');
  assert.equal(new Set(ids).size, ids.length, `ids are unique: ${ids}`);
  assert.ok(ids.includes('main') && ids.includes('user-content-main'));
  const published = await readdir(path.join(outDir, '_astro'));
  assert.ok(published.some((file) => file.startsWith('map.')), String(published));
});
