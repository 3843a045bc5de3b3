import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { fromHtml } from 'hast-util-from-html';
import { markdownProcessorOptions } from '../../../src/reports/render/markdown-processor.ts';

async function render(markdown: string): Promise<string> {
  const processor = await createMarkdownProcessor({ ...markdownProcessorOptions, syntaxHighlight: false });
  return (await processor.render(markdown)).code;
}

const TABLE = '| Item | Amount | Note |\n| :--- | ---: | :---: |\n| a | 1 | x |';

test('each report table sits in its own labelled, focusable scroll region', async () => {
  const html = await render(`${TABLE}\n\nText between.\n\n${TABLE}`);
  const regions = [...html.matchAll(/<section class="table-scroll" tabindex="0" aria-label="([^"]+)"><table>/g)].map((m) => m[1]);
  assert.deepEqual(regions, ['Table 1', 'Table 2']);
  assert.equal((html.match(/<\/table><\/section>/g) ?? []).length, 2);
});

test('column alignment becomes a class, never the obsolete align attribute or an inline style', async () => {
  const html = await render(TABLE);
  assert.doesNotMatch(html, /\balign=|style=/);
  const tree = fromHtml(html, { fragment: true });
  const classes: string[] = [];
  const visit = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
    if (node.tagName === 'td' || node.tagName === 'th') classes.push(String(node.properties?.className ?? ''));
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(tree as never);
  assert.deepEqual(classes, ['align-left', 'align-right', 'align-center', 'align-left', 'align-right', 'align-center']);
});

test('text without tables is left alone', async () => {
  assert.equal((await render('Just a paragraph.')).trim(), '<p>Just a paragraph.</p>');
});
