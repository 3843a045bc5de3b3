/**
 * remark-gfm-lean.ts parses a body that cannot hold a table or an autolink literal without those
 * GFM constructs, and without the autolink transform on its text where that text cannot hold one.
 * What a reader sees must not change: every body renders exactly as through plain remark-gfm
 * (HTML, sanitiser report, image problems), including bodies full of near misses (`ww.`, `http:/`,
 * `:`, `-`, a pipe as a character reference), autolinks the text shows and the Markdown does not
 * (`www\.`, `&commat;`), and raw HTML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import { unified } from '@astrojs/markdown-remark';
import { markdownOptions } from '../../../src/reports/render/markdown-processor.ts';
import remarkGfmLean, { constructsNotNeeded, OPTIONAL_CONSTRUCTS, withoutAutolinkTransform } from '../../../src/reports/render/gfm/remark-gfm-lean.ts';
import { createReportRenderer, renderReport, type RenderOutcome, type ReportRenderer } from '../../../src/reports/render/render-report.ts';

const SETTINGS = { syntaxHighlight: false } as const;
const lean = createReportRenderer(SETTINGS);

/** The same pipeline, on plain remark-gfm: what every body rendered to before. */
async function plainGfmRenderer(): Promise<ReportRenderer> {
  const renderer = await createReportRenderer(SETTINGS);
  const options = markdownOptions({
    onSanitized: (file, report) => renderer.reports.set(file.path, report),
    onProblems: (file, problems) => renderer.problems.set(file.path, [...(renderer.problems.get(file.path) ?? []), ...problems]),
  });
  options.remarkPlugins = options.remarkPlugins!.map((plugin) => (plugin === remarkGfmLean ? remarkGfm : plugin));
  return { ...renderer, renderer: await unified(options).createRenderer(SETTINGS) };
}
const plain = plainGfmRenderer();

async function both(body: string): Promise<[RenderOutcome, RenderOutcome]> {
  const job = { filePath: '/archive/content/2020/report.md', body, frontmatter: {}, lineOffset: 7 };
  return [await renderReport(await lean, job), await renderReport(await plain, job)];
}

async function html(body: string): Promise<string> {
  const [outcome] = await both(body);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return outcome.rendered.html;
}

test('a body of plain prose is parsed without the optional constructs; each one is kept when the body may hold it', () => {
  assert.deepEqual(constructsNotNeeded('Plain words: one - two, three.\n\n## A heading'), Object.keys(OPTIONAL_CONSTRUCTS).sort());
  assert.ok(!constructsNotNeeded('write to press@example.org').includes('emailAutolink'));
  assert.ok(!constructsNotNeeded('see WWW.example.org').includes('wwwAutolink'));
  assert.ok(!constructsNotNeeded('see Https://example.org').includes('protocolAutolink'));
  for (const table of ['a | b', 'a\n:--', 'a\n--:']) assert.ok(!constructsNotNeeded(table).includes('table'), table);
});

test('remark-gfm still has the constructs the lean parse leaves out (renamed ones would quietly cost the full parse)', async () => {
  const processor = (await import('unified')).unified().use(remarkGfm);
  processor.freeze();
  const names = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const name = (value as { name?: unknown }).name;
      if (typeof name === 'string') names.add(name);
      else Object.values(value).forEach(collect);
    }
  };
  collect((processor.data() as Record<string, unknown>).micromarkExtensions);
  for (const name of Object.keys(OPTIONAL_CONSTRUCTS)) assert.ok(names.has(name), `${name} in ${[...names]}`);
});

test('autolink literals that only the decoded text shows (through an escape or a character reference) are still linked', async () => {
  assert.match(await html('See www\\.example.org today.'), /<a href="http:\/\/www.example.org" rel="noopener">www.example.org<\/a>/);
  assert.match(await html('See http&colon;//example.org today.'), /<a href="http:\/\/example.org" rel="noopener">/);
  assert.match(await html('Write to press&#64;example.org.'), /<a href="mailto:press@example.org">press@example.org<\/a>/);
  assert.match(await html('Write to press&commat;example.org.'), /<a href="mailto:press@example.org">/);
});

test('the autolink transform is found in remark-gfm\'s extensions, or setup fails saying so', () => {
  assert.throws(() => withoutAutolinkTransform([]), /expected remark-gfm to add one autolink literal extension/);
});

test('tables (with and without pipes) and autolink literals are still recognised', async () => {
  assert.match(await html('| a | b |\n| - | - |\n| 1 | 2 |'), /<table>/);
  assert.match(await html('one column\n:--\nrow'), /<th class="align-left">one column<\/th>/);
  assert.match(await html('Write to press@example.org.'), /<a href="mailto:press@example.org">press@example.org<\/a>/);
  assert.match(await html('See www.example.org today.'), /<a href="http:\/\/www.example.org" rel="noopener">www.example.org<\/a>/);
  assert.match(await html('See https://example.org/a today.'), /<a href="https:\/\/example.org\/a" rel="noopener">/);
});

// Fragments near the constructs' characters, and the constructs themselves, so that runs hold
// bodies on both sides of every test of constructsNotNeeded.
const fragment = fc.constantFrom(
  'word', 'Www', 'ww.', 'www', 'www.', '.org', 'example', 'http', 'https', ':', '://', ':/', '/', '//', '@', '&#64;', '&#124;',
  '|', '-', '--', '---', ':-', '-:', ':--:', '=', '*', '_', '~', '~~', '`', '[', ']', '[^1]', '[^1]: note', '(', ')', '![a](./a.png)',
  '[x](https://e.example)', 'www\\.', 'http\\://', 'HTTP://', 'wWw.', '&commat;', '&#x77;', '&#X40;', '&period;', '&colon;', '\\.', '\\:', '\\@',
  'a@b.co', 'mailto:', 'xmpp:', '<b>', '</b>', '<div>', '</div>', '<em>', '<a href="#n">', '</a>', '<table>', '<td>', '<!-- c -->', '\\', '&amp;', '#', '> ', '- ', '1. ', '[ ] ', '    ',
);
const separator = fc.constantFrom('', ' ', '\n', '\n\n', '\t');
const body = fc.array(fc.tuple(fragment, separator), { minLength: 1, maxLength: 30 }).map((parts) => parts.map(([text, sep]) => text + sep).join(''));

test('every body renders exactly as through plain remark-gfm: HTML, sanitiser report, image problems, line numbers', async () => {
  await fc.assert(
    fc.asyncProperty(body, async (text) => {
      const [fromLean, fromPlain] = await both(text);
      assert.deepEqual(fromLean, fromPlain, JSON.stringify(text));
    }),
    { numRuns: 600 },
  );
});
