/**
 * The news loader's own work, with a stand-in for Astro's store: one entry per report rendered
 * through the real Markdown pipeline (in worker threads when there are many), unchanged reports
 * reused from the store, deleted ones removed, and render failures failing the load by file name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { renderingLoader, strictLoader } from '../../../src/reports/reports-loader.ts';
import { fakeLoaderContext } from '../../support/loader-context.ts';
import { renderAll } from '../../../src/reports/render/render-pool.ts';
import { schemaFingerprint } from '../../../src/reports/schema-fingerprint/schema-fingerprint.ts';
import type { RenderJob } from '../../../src/reports/render/render-report.ts';

const ROOT = '/project';
const CONTENT = '/project/content/news';

function report(title: string, body: string): string {
  return `---\ntitle: ${title}\ndate: 2020-01-02\nsource: { name: Example }\n---\n\n${body}\n`;
}

const fakeContext = (logged: string[] = [], warned: string[] = []) => fakeLoaderContext({ root: ROOT, logged, warned });

function countingRender() {
  const rendered: string[][] = [];
  const render: typeof renderAll = (jobs, options) => {
    rendered.push(jobs.map((job) => path.relative(CONTENT, job.filePath)));
    return renderAll(jobs, options);
  };
  return { render, rendered };
}

test('each report is stored once, rendered with GFM and sanitised, under its path id', async () => {
  const { context, entries } = fakeContext();
  const sources = new Map([
    ['2020/table.md', report('Table', '| a | b |\n| - | - |\n| 1 | 2 |\n\n<script>alert(1)</script>\n\nSee [out](https://example.org).')],
    ['2021/plain.md', report('Plain', 'Just *text*.')],
  ]);
  await renderingLoader(CONTENT, () => sources).load(context);
  assert.deepEqual([...entries.keys()].sort(), ['2020/table', '2021/plain']);
  const table = entries.get('2020/table')!;
  assert.equal(table.filePath, 'content/news/2020/table.md');
  assert.equal(table.data.parsed, true);
  assert.match(table.rendered!.html, /<table>/);
  assert.doesNotMatch(table.rendered!.html, /<script/);
  assert.match(table.rendered!.html, /<a href="https:\/\/example.org" rel="noopener">out<\/a>/);
  assert.match(entries.get('2021/plain')!.rendered!.html, /<em>text<\/em>/);
});

test('a rebuild renders only new and changed reports, and forgets deleted ones', async () => {
  const { context, entries } = fakeContext();
  const { render, rendered } = countingRender();
  const sources = new Map([
    ['2020/a.md', report('A', 'First.')],
    ['2020/b.md', report('B', 'Second.')],
    ['2020/c.md', report('C', 'Third.')],
  ]);
  const loader = renderingLoader(CONTENT, () => sources, render);
  await loader.load(context);
  await loader.load(context);
  sources.set('2020/b.md', report('B', 'Second, corrected.'));
  sources.delete('2020/c.md');
  sources.set('2020/d.md', report('D', 'Fourth.'));
  await loader.load(context);
  assert.deepEqual(rendered, [['2020/a.md', '2020/b.md', '2020/c.md'], [], ['2020/b.md', '2020/d.md']]);
  assert.deepEqual([...entries.keys()].sort(), ['2020/a', '2020/b', '2020/d']);
  assert.match(entries.get('2020/b')!.rendered!.html, /Second, corrected\./);
});

/** A parseData that records the ids it validates, with the fake context's own result. */
function countingParseData(validated: string[]) {
  return async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
    validated.push(id);
    return { ...data, parsed: true };
  };
}

test('an unchanged report is validated again only when the schema changed since its data was validated', async () => {
  const validated: string[] = [];
  const { context, entries } = fakeLoaderContext({ root: ROOT, parseData: countingParseData(validated) });
  const { render, rendered } = countingRender();
  const sources = new Map([['2020/a.md', report('A', 'First.')], ['2020/b.md', report('B', 'Second.')]]);
  let schema = 'schema 1';
  const loader = renderingLoader(CONTENT, () => sources, render, () => undefined, { schema: async () => schema });
  await loader.load(context);
  assert.deepEqual(validated.splice(0), ['2020/a', '2020/b'], 'new reports are validated');
  await loader.load(context);
  assert.deepEqual(validated.splice(0), [], 'unchanged reports under the same schema are not');
  schema = 'schema 2';
  await loader.load(context);
  assert.deepEqual(validated.splice(0).sort(), ['2020/a', '2020/b'], 'under another schema, every unchanged report is');
  await loader.load(context);
  assert.deepEqual(validated.splice(0), [], 'once each, then remembered');
  // As stored by a loader that kept no fingerprint.
  delete entries.get('2020/b')!.rendered!.metadata!.schema;
  await loader.load(context);
  assert.deepEqual(validated.splice(0), ['2020/b']);
  await loader.load(context);
  assert.deepEqual(validated.splice(0), []);
  // An edited report is parsed from its file, whatever the schema.
  sources.set('2020/a.md', report('A', 'First, corrected.'));
  await loader.load(context);
  assert.deepEqual(validated.splice(0), ['2020/a']);
  assert.deepEqual(rendered, [['2020/a.md', '2020/b.md'], [], [], [], [], [], ['2020/a.md']], 'nothing rendered again for a schema change');
});

test('a stored report that a changed schema refuses fails every build until it is corrected', async () => {
  const { context, entries } = fakeContext();
  const { render, rendered } = countingRender();
  const sources = new Map([['2020/a.md', report('A', 'First.')], ['2020/b.md', report('B', 'Second.')]]);
  let schema = 'schema 1';
  const loader = renderingLoader(CONTENT, () => sources, render, () => undefined, { schema: async () => schema });
  await loader.load(context);
  // A stricter schema (as after an upgrade) refuses a report whose file has not changed.
  schema = 'schema 2';
  const stricter = {
    ...context,
    parseData: async ({ data }: { data: Record<string, unknown> }) => {
      if (data.title === 'B') throw new Error('2020/b.md: title: refused by the new rule');
      return data;
    },
  } as unknown as typeof context;
  await assert.rejects(loader.load(stricter), /refused by the new rule/);
  await assert.rejects(loader.load(stricter), /refused by the new rule/, 'the next build checks it again');
  assert.deepEqual(rendered, [['2020/a.md', '2020/b.md']], 'refused before anything is rendered again');
  assert.equal(entries.size, 2);
  sources.set('2020/b.md', report('C', 'Second.'));
  await loader.load(stricter);
  assert.equal(entries.get('2020/b')!.data.title, 'C');
});

test('an unchanged report is stored again with what a newer schema makes of it (a new field default, a normalised name), without rendering it again', async () => {
  const { context, entries } = fakeContext();
  const { render, rendered } = countingRender();
  const sources = new Map([['2020/a.md', report('A', 'First.')]]);
  let schema = 'schema 1';
  const loader = renderingLoader(CONTENT, () => sources, render, () => undefined, { schema: async () => schema });
  await loader.load(context);
  const html = entries.get('2020/a')!.rendered!.html;
  // An upgrade adds a field with a default: pages read it from every stored report.
  schema = 'schema 2';
  const upgraded = {
    ...context,
    parseData: async ({ data }: { data: Record<string, unknown> }) => ({ ...data, updates: [] }),
  } as unknown as typeof context;
  await loader.load(upgraded);
  assert.deepEqual(entries.get('2020/a')!.data.updates, []);
  assert.equal(entries.get('2020/a')!.rendered!.html, html);
  assert.deepEqual(rendered.flat(), ['2020/a.md'], 'rendered once, on the first build only');
  await loader.load(upgraded);
  assert.deepEqual(entries.get('2020/a')!.data.updates, [], 'kept by the next build');
});

test('without a given schema fingerprint, the loader keeps that of the collection\'s schema code and Node', async () => {
  const { context, entries } = fakeContext();
  const sources = new Map([['2020/a.md', report('A', 'First.')]]);
  await renderingLoader(CONTENT, () => sources).load(context);
  assert.equal(entries.get('2020/a')!.rendered!.metadata!.schema, await schemaFingerprint());
  assert.match(await schemaFingerprint(), new RegExp(`^[0-9a-f]{16} node ${process.version}$`));
});

test('the store keeps the HTML and a word count, not the Markdown; entries stored without a count are rendered again', async () => {
  const { context, entries } = fakeContext();
  const { render, rendered } = countingRender();
  const sources = new Map([['2020/a.md', report('A', 'One two three, four.')]]);
  // As an older version of the loader stored it: the Markdown, and no word count.
  entries.set('2020/a', {
    id: '2020/a',
    digest: context.generateDigest(sources.get('2020/a.md')!),
    filePath: 'content/news/2020/a.md',
    body: 'One two three, four.',
    data: { title: 'A' },
    rendered: { html: '<p>One two three, four.</p>' },
  });
  const loader = renderingLoader(CONTENT, () => sources, render);
  await loader.load(context);
  await loader.load(context);
  assert.deepEqual(rendered, [['2020/a.md'], []], 'rendered again once, then reused');
  const entry = entries.get('2020/a')!;
  assert.equal(entry.body, undefined);
  assert.equal(entry.rendered!.metadata!.words, 4);
});

test('a report that fails to render fails the load, naming the file, and is not stored', async () => {
  const logged: string[] = [];
  const { context, entries } = fakeContext(logged);
  const sources = new Map([
    ['2020/good.md', report('Good', 'Fine.')],
    ['2020/broken.md', report('Broken', 'Breaks the renderer.')],
  ]);
  const render: typeof renderAll = async (jobs, options) =>
    (await renderAll(jobs, options)).map((outcome, i) => (jobs[i]!.filePath.endsWith('broken.md') ? { ok: false, error: 'boom' } : outcome));
  const loader = strictLoader(renderingLoader(CONTENT, () => sources, render), async () => {});
  await assert.rejects(loader.load(context), /1 report\(s\) could not be read or rendered[\s\S]*Error rendering 2020\/broken\.md: boom/);
  assert.equal(entries.has('2020/broken'), false);
});

test('a body whose HTML holds a character feeds cannot carry fails the load, naming the file and the code point', async () => {
  const logged: string[] = [];
  const { context, entries } = fakeContext(logged);
  const sources = new Map([['2020/escape.md', report('Escape', 'Fine.')]]);
  // As raw HTML's character references can produce: <span>&#27;</span>.
  const render: typeof renderAll = async (jobs, options) =>
    (await renderAll(jobs, options)).map((o) => (o.ok ? { ok: true, rendered: { ...o.rendered, html: `<p><span>\x1b[31m</span></p>` } } : o));
  const loader = strictLoader(renderingLoader(CONTENT, () => sources, render), async () => {});
  await assert.rejects(loader.load(context), /2020\/escape\.md: \(body\): the rendered body contains U\+001B/);
  assert.equal(entries.has('2020/escape'), false);
});

test('worker threads render exactly what the calling thread renders, in order', async () => {
  const jobs: RenderJob[] = Array.from({ length: 40 }, (_, i) => ({
    filePath: `${CONTENT}/2020/r${i}.md`,
    frontmatter: { title: `R${i}` },
    body: `## Part ${i}\n\n| n | square |\n| - | - |\n| ${i} | ${i * i} |\n\nSee [^1].\n\n[^1]: Note ${i}.`,
  }));
  const settings = { syntaxHighlight: false as const, gfm: true };
  const here = await renderAll(jobs, { settings, threads: 1 });
  const threaded = await renderAll(jobs, { settings, threads: 2, minJobsForWorkers: 1, batchSize: 7 });
  assert.deepEqual(threaded, here);
  assert.ok(here.every((outcome, i) => outcome.ok && outcome.rendered.html.includes(`<td>${i * i}</td>`)));
});

test('what the sanitiser removed is logged as a warning naming the file and its lines, on every build', async () => {
  const warned: string[] = [];
  const { context, entries } = fakeContext([], warned);
  const sources = new Map([
    ['2020/raw.md', report('Raw', 'Kept: E = mc<sup>2</sup>.\n\nA <a href="javascript:alert(1)" onclick="alert(2)">link</a>.\n\n<object data="x"></object>')],
    ['2020/clean.md', report('Clean', 'Nothing to remove: H<sub>2</sub>O.')],
  ]);
  const loader = renderingLoader(CONTENT, () => sources);
  await loader.load(context);
  assert.equal(warned.length, 1, warned.join('\n'));
  const [warning] = warned;
  // The body starts on line 7 of the file, after the front matter and a blank line.
  assert.match(warning!, /^2020\/raw\.md: the HTML sanitiser removed /);
  assert.match(warning!, /href="javascript:alert\(1\)" on <a> \(line 9\)/);
  assert.match(warning!, /onclick="alert\(2\)" on <a> \(line 9\)/);
  assert.match(warning!, /<object> \(line 11\)/);
  assert.match(entries.get('2020/raw')!.rendered!.html, /<sup>2<\/sup>/);
  await loader.load(context);
  assert.deepEqual(warned, [warning, warning], 'an unchanged report is not rendered again, and still reported');
});

test('a local image outside the content folder, or missing, fails the load, naming the report and the image', async () => {
  const logged: string[] = [];
  const { context, entries } = fakeContext(logged);
  const sources = new Map([
    ['2020/leak.md', report('Leak', 'A scan: ![scan](../../private/scan.png)')],
    ['2020/inside.md', report('Inside', '![map](./images/map.png) and ![chart](../2019/chart.PNG)')],
  ]);
  const loader = strictLoader(renderingLoader(CONTENT, () => sources), async () => {});
  await assert.rejects(loader.load(context), /could not be read or rendered/);
  assert.equal(logged.length, 3, logged.join('\n'));
  assert.match(logged[0]!, /^2020\/leak\.md: the image "\.\.\/\.\.\/private\/scan\.png" is outside the content folder \(it is \/project\/content\/private\/scan\.png\)/);
  // Astro's own error for a missing image names the image but not the report.
  assert.equal(logged[1], '2020/inside.md: the image "./images/map.png" does not exist (looked for /project/content/news/2020/images/map.png). Put the image there, or correct the path: it is relative to the report.');
  assert.match(logged[2]!, /^2020\/inside\.md: the image "\.\.\/2019\/chart\.PNG" does not exist/);
  assert.equal(entries.has('2020/leak'), false);
  assert.equal(entries.has('2020/inside'), false);
});

test('a local image Astro does not publish (another extension, a ?query or #fragment) fails the load instead of a broken <img>', async () => {
  // Astro imports a local image only when its path ends in an image extension: `./a.png?v=1` and
  // `./scan.pdf` were left as <img __ASTRO_IMAGE_="..."> with no src and no alt, in a green build.
  const logged: string[] = [];
  const { context, entries } = fakeContext(logged);
  const sources = new Map([
    ['2020/broken.md', report('Broken', '![a](./a.png?v=1) ![b](./scan.pdf) ![c](./c.svg#part) ![ok](./ok.webp)')],
  ]);
  const loader = strictLoader(renderingLoader(CONTENT, () => sources), async () => {});
  await assert.rejects(loader.load(context), /could not be read or rendered/);
  const unpublished = logged.filter((message) => message.includes('is not published'));
  assert.equal(unpublished.length, 3, logged.join('\n'));
  assert.match(unpublished[0]!, /^2020\/broken\.md: the image "\.\/a\.png\?v=1" is not published by the build: a local image must be a .*\.png, .* file, written without \?query or #fragment/);
  assert.match(unpublished[1]!, /"\.\/scan\.pdf" is not published/);
  assert.match(unpublished[2]!, /"\.\/c\.svg#part" is not published/);
  assert.equal(entries.has('2020/broken'), false);
});

test('with an HTML folder the store holds no HTML: each body is in the cache under its key, a changed body gets a new key and the old one is pruned', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'loader-html-'));
  const { context, entries } = fakeContext();
  const { render, rendered } = countingRender();
  const sources = new Map([
    ['2020/a.md', report('A', '| a | b |\n| - | - |\n| 1 | 2 |')],
    ['2020/b.md', report('B', 'Second.')],
  ]);
  const loader = renderingLoader(CONTENT, () => sources, render, () => folder);
  await loader.load(context);
  const keyOf = (id: string) => entries.get(id)!.rendered!.metadata!.htmlKey as string;
  const htmlOf = (id: string) => readFile(path.join(folder, `${keyOf(id)}.html`), 'utf8');
  assert.equal(entries.get('2020/a')!.rendered!.html, '');
  assert.match(await htmlOf('2020/a'), /<table>/);
  assert.equal(entries.get('2020/a')!.rendered!.metadata!.words, 4, 'the word count stays in the store');
  assert.equal(entries.get('2020/a')!.rendered!.metadata!.frontmatter, undefined, 'the raw front matter is not stored twice');
  const oldKey = keyOf('2020/b');
  sources.set('2020/b.md', report('B', 'Second, corrected.'));
  await loader.load(context);
  assert.notEqual(keyOf('2020/b'), oldKey);
  assert.match(await htmlOf('2020/b'), /Second, corrected\./);
  assert.deepEqual((await readdir(folder)).sort(), [`${keyOf('2020/a')}.html`, `${keyOf('2020/b')}.html`].sort(), 'the old body is pruned');
  sources.delete('2020/b.md');
  await loader.load(context);
  assert.deepEqual(await readdir(folder), [`${keyOf('2020/a')}.html`], 'a deleted report’s body is pruned');
  assert.deepEqual(rendered, [['2020/a.md', '2020/b.md'], ['2020/b.md'], []]);
});

test('a body missing from the cache, or rendered by another pipeline, is rendered again', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'loader-html-'));
  const { context, entries } = fakeContext();
  const { render, rendered } = countingRender();
  const sources = new Map([['2020/a.md', report('A', 'First.')], ['2020/b.md', report('B', 'Second.')]]);
  const loader = renderingLoader(CONTENT, () => sources, render, () => folder);
  await loader.load(context);
  await rm(path.join(folder, `${entries.get('2020/a')!.rendered!.metadata!.htmlKey}.html`));
  await loader.load(context);
  assert.deepEqual(rendered, [['2020/a.md', '2020/b.md'], ['2020/a.md']]);
  // Another pipeline: here the settings (smart quotes off); a change to the pipeline's code is
  // part of the same fingerprint (src/reports/render/pipeline-fingerprint.ts).
  const keys = () => [...entries.values()].map((e) => e.rendered!.metadata!.htmlKey).sort();
  const before = keys();
  const changed = { ...context, config: { ...context.config, markdown: { ...context.config.markdown, smartypants: false } } } as typeof context;
  await loader.load(changed);
  assert.deepEqual(rendered.at(-1), ['2020/a.md', '2020/b.md']);
  assert.notDeepEqual(keys(), before);
  assert.equal((await readdir(folder)).length, 2, 'the bodies of the old pipeline are pruned');
});

test('in one part of a split build, only the reports in its scope are rendered; the others keep front matter and sizes', async () => {
  const { context, entries } = fakeContext();
  const { render, rendered } = countingRender();
  const dated = (title: string, date: string) => `---\ntitle: ${title}\ndate: ${date}\nsource: { name: Example }\n---\n\nBody of ${title}.\n`;
  const sources = new Map([
    ['2012/old.md', dated('Old', '2012-01-02')],
    ['2021/mine.md', dated('Mine', '2021-01-02')],
    ['2024/newest.md', dated('Newest', '2024-01-02')],
  ]);
  const seen: string[] = [];
  const scope = {
    // The part publishes 2020s reports; it renders them and the newest (for the feeds).
    render: (reports: readonly { id: string; year: number }[]) => {
      seen.push(...reports.map((r) => r.id));
      return new Set(['2021/mine', '2024/newest']);
    },
  };
  await renderingLoader(CONTENT, () => sources, render, () => undefined, { scope }).load(context);
  assert.deepEqual(seen.sort(), ['2012/old', '2021/mine', '2024/newest'], 'the scope sees every report');
  assert.deepEqual(rendered.flat().sort(), ['2021/mine.md', '2024/newest.md']);
  const old = entries.get('2012/old')!;
  assert.equal(old.data.parsed, true, 'front matter checked');
  assert.equal(old.rendered!.html, '');
  assert.equal(old.rendered!.metadata!.renderedElsewhere, true);
  assert.deepEqual(old.rendered!.metadata!.attachmentBytes, []);
});

test("a body's edge spaces that Markdown reads are kept (Astro trims them): a no-break space before a #, after a heading's closing #, a first line's indentation", async () => {
  const { context, entries } = fakeContext();
  const sources = new Map([
    ['2020/vote.md', report('Vote', '\u00a0# Vote 1 of 2\n\nThe text.\n\n## Vote #\u00a0')],
    ['2020/code.md', report('Code', '    let indented = true;\n\nAfter the code.')],
  ]);
  await renderingLoader(CONTENT, () => sources).load(context);
  const vote = entries.get('2020/vote')!.rendered!.html;
  assert.doesNotMatch(vote, /<h1/, 'a no-break space before # makes no heading');
  assert.match(vote, /<p>\u00a0# Vote 1 of 2<\/p>/);
  assert.match(vote, /<h2[^>]*>Vote #\u00a0<\/h2>/, "the heading's last # is text, as written");
  assert.match(entries.get('2020/code')!.rendered!.html, /<pre><code>let indented = true;\n<\/code><\/pre>/);
});
