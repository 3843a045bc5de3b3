/**
 * Images in a report body through the real pipeline (the renderer the news loader uses): a
 * standalone image becomes a figure whose caption is its title, as written, the credit set apart;
 * an inline image stays inline; alt text is required unless the image is marked decorative on
 * purpose; remote images are refused; the first image loads first unless there is a lead image.
 * Local images leave the renderer as Astro's placeholder (`__ASTRO_IMAGE_`, its JSON the
 * properties Astro's getImage receives), which is read here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';
import { createReportRenderer, renderReport, type RenderOutcome } from '../../../src/reports/render/render-report.ts';
import { isRemoteImage, splitCaption } from '../../../src/reports/render/body-images.ts';
import { renderingLoader } from '../../../src/reports/reports-loader.ts';
import { renderAll } from '../../../src/reports/render/render-pool.ts';
import { fakeLoaderContext } from '../../support/loader-context.ts';
import { TMP } from '../../support/paths.ts';

const renderer = createReportRenderer({ syntaxHighlight: false });

async function outcome(body: string, frontmatter: Record<string, unknown> = {}, lineOffset = 0): Promise<RenderOutcome> {
  return renderReport(await renderer, { filePath: '/archive/content/2020/report.md', body, frontmatter, lineOffset });
}

async function render(body: string, frontmatter: Record<string, unknown> = {}): Promise<Root> {
  const result = await outcome(body, frontmatter);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return fromHtml(result.rendered.html, { fragment: true });
}

function elements(tree: Root | Element, tagName: string): Element[] {
  const found: Element[] = [];
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) found.push(child);
    found.push(...elements(child, tagName));
  }
  return found;
}

/** An img's attributes as Astro's image step will receive them. */
function imageProps(img: Element): Record<string, unknown> {
  const placeholder = img.properties['__astro_image_'] ?? img.properties['__ASTRO_IMAGE_'];
  return typeof placeholder === 'string' ? JSON.parse(placeholder) : img.properties;
}

test('a title splits into caption and credit, and the two together are the title exactly', () => {
  assert.deepEqual(splitCaption('Flooded street (Photo: Jane Doe)'), { caption: 'Flooded street ', credit: '(Photo: Jane Doe)' });
  assert.deepEqual(splitCaption('Map of the route (Credit: City of Bern)'), { caption: 'Map of the route ', credit: '(Credit: City of Bern)' });
  assert.deepEqual(splitCaption('(Photo: AP)'), { caption: '', credit: '(Photo: AP)' });
  assert.deepEqual(splitCaption('The mayor (left) at the opening'), { caption: 'The mayor (left) at the opening', credit: '' });
  assert.deepEqual(splitCaption('A (Photo: X) in the middle'), { caption: 'A (Photo: X) in the middle', credit: '' });
});

test('remote image addresses are recognised, local ones are not', () => {
  for (const remote of ['https://example.org/a.png', 'http://x/y.jpg', '//cdn.example/a.png', 'HTTPS://A/B.PNG']) assert.ok(isRemoteImage(remote), remote);
  for (const local of ['./a.png', '../2019/b.jpg', 'c.webp', 'images/http.png']) assert.ok(!isRemoteImage(local), local);
});

test('an image alone in its paragraph becomes a figure with its caption; inline images stay inline', async () => {
  const tree = await render(
    ['Intro.', '![A flooded street](./flood.jpg "Water in the old town (Photo: Jane Doe)")', 'A map ![the route](./route.png) inside a sentence.', '![Aerial view](./aerial.jpg)'].join('\n\n'),
  );
  const figures = elements(tree, 'figure');
  assert.equal(figures.length, 2);
  const [first, second] = figures as [Element, Element];
  assert.equal(imageProps(elements(first, 'img')[0]!).alt, 'A flooded street');
  assert.equal(imageProps(elements(first, 'img')[0]!).title, undefined, 'the caption is not repeated as a tooltip');
  const caption = elements(first, 'figcaption')[0]!;
  assert.equal(toText(caption), 'Water in the old town (Photo: Jane Doe)');
  assert.equal(toText(elements(caption, 'span')[0]!), '(Photo: Jane Doe)');
  assert.deepEqual(elements(caption, 'span')[0]!.properties.className, ['credit']);
  assert.equal(elements(second, 'figcaption').length, 0, 'no title, no caption');
  const paragraphs = elements(tree, 'p');
  assert.equal(elements(paragraphs[1]!, 'img').length, 1, 'the inline image stays in its sentence');
});

test('the first image loads eagerly with high priority, the others lazily; with a lead image all are lazy', async () => {
  const body = ['![One](./one.jpg "First")', 'Text ![two](./two.png) and ![three](./three.png).', '![Four](./four.jpg)'].join('\n\n');
  const loading = (tree: Root) => elements(tree, 'img').map((img) => {
    const { loading, decoding, fetchpriority } = imageProps(img);
    return [loading, decoding, fetchpriority ?? null];
  });
  assert.deepEqual(loading(await render(body)), [
    ['eager', 'async', 'high'],
    ['lazy', 'async', null],
    ['lazy', 'async', null],
    ['lazy', 'async', null],
  ]);
  const lead = { image: { src: './lead.jpg', alt: 'Lead' } };
  assert.deepEqual(loading(await render(body, lead)), Array(4).fill(['lazy', 'async', null]));
});

test('local images ask Astro for a srcset sized for the reading column', async () => {
  const props = imageProps(elements(await render('![Chart](./chart.png)'), 'img')[0]!);
  assert.deepEqual(props.widths, [400, 800, 1200, 1600]);
  assert.equal(props.sizes, '(min-width: 46rem) 46rem, 100vw');
});

test('a decorative image is marked on purpose: empty alt and the title "decorative"; no figure, no tooltip', async () => {
  const tree = await render('![](./rule.png "decorative")');
  assert.equal(elements(tree, 'figure').length, 0);
  const props = imageProps(elements(tree, 'img')[0]!);
  assert.equal(props.alt, '');
  assert.equal(props.title, undefined);
});

test('an image without alt text fails the render, naming the line of the file, the image and the fix', async () => {
  const result = await outcome(['Intro.', '![](./photo.jpg)', 'And ![ ](./other.png "A title is no alt").', '![alt][ref]', '![][ref]', '[ref]: ./ref.png'].join('\n\n'), {}, 5);
  assert.ok(!result.ok);
  const lines = result.error.split('\n  ');
  assert.equal(lines.length, 3, result.error);
  assert.equal(
    lines[0],
    'line 8: the image "./photo.jpg" has no alt text. Describe what it shows, for readers who cannot see it: ![A crowd outside the court](./photo.jpg); or, for a purely decorative image, mark it so: ![](./photo.jpg "decorative").',
  );
  assert.match(lines[1]!, /^line 10: the image "\.\/other\.png" has no alt text/);
  assert.match(lines[2]!, /^line 14: the image "\.\/ref\.png" has no alt text/);
});

test('an image from another site fails the render: the page could not show it, and it would tell that site of every reader', async () => {
  const result = await outcome('A map: ![Route](https://maps.example/route.png)\n\nAnd in HTML: <img src="//cdn.example/logo.png" alt="Logo">\n\n![](http://x.example/a.png)');
  assert.ok(!result.ok);
  const lines = result.error.split('\n  ');
  assert.equal(lines.length, 3, result.error);
  assert.match(lines[0]!, /^line 1: the image "https:\/\/maps\.example\/route\.png" is on another site: .* Save the image beside the report/);
  assert.match(lines[1]!, /^line 3: the image "\/\/cdn\.example\/logo\.png" is on another site/);
  assert.match(lines[2]!, /^line 5: the image "http:\/\/x\.example\/a\.png" is on another site/);
});

test('raw HTML cannot fetch an image from another site by a way round: a <source srcset>, a backslash, a tab, a one-slash scheme', async () => {
  for (const remote of ['/\\evil.example/a.png', '\\\\evil.example/a.png', '/\t/evil.example/a.png', ' //evil.example/a.png', 'https:/evil.example/a.png', 'http:evil.example/a.png']) {
    assert.ok(isRemoteImage(remote), JSON.stringify(remote));
  }
  const tricks = [
    '<picture><source srcset="https://evil.example/a.png 1x"><img src="./a.png" alt="A"></picture>',
    '<picture><source srcset="./b.png 1x, //evil.example/b.png 2x"><img src="./b.png" alt="B"></picture>',
    '<img src="/\\evil.example/c.png" alt="C">',
  ];
  for (const html of tricks) {
    const result = await outcome(html);
    assert.ok(!result.ok, `${html} was published: ${result.ok ? result.rendered.html : ''}`);
    assert.match(result.error, /evil\.example.* is on another site/);
  }
});

// Text as a publisher might write it, with every kind of ASCII punctuation (escaped, so it is
// text rather than Markdown), accents, quotes, dashes and CJK.
const character = fc.constantFrom(...'abcXYZ019 éüçñ“”‘’—–…中文', ...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const text = fc
  .array(character, { minLength: 1, maxLength: 30 })
  .map((chars) => chars.join('').replace(/\s+/g, ' ').trim())
  .filter((t) => t !== '');
const escapeMarkdown = (t: string) => t.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);

test('alt text and caption text survive exactly, whatever they hold', async () => {
  await fc.assert(
    fc.asyncProperty(text, text, fc.option(text, { nil: undefined }), async (alt, caption, credit) => {
      // Without its parentheses a credit may hold two spaces in a row ("x ( y"), which a page shows as one.
      const title = credit === undefined ? caption : `${caption} (Photo: ${credit.replace(/[()]/g, '').replace(/\s+/g, ' ').trim()})`;
      const tree = await render(`Before.\n\n![${escapeMarkdown(alt)}](./photo.jpg "${escapeMarkdown(title)}")\n\nAfter.`);
      const figure = elements(tree, 'figure')[0];
      assert.ok(figure, 'a figure');
      assert.equal(imageProps(elements(figure, 'img')[0]!).alt, alt);
      assert.equal(toText(elements(figure, 'figcaption')[0]!), title);
    }),
    { numRuns: 200 },
  );
});

test('an image replaced under the same name renders its report again (its size and srcset change), an unchanged one does not', async () => {
  await mkdir(TMP, { recursive: true });
  const root = await mkdtemp(path.join(TMP, 'body-images-'));
  const content = path.join(root, 'content/news');
  try {
    await mkdir(path.join(content, '2020'), { recursive: true });
    const photo = (width: number) =>
      sharp({ create: { width, height: 100, channels: 3, background: '#336699' } }).png().toFile(path.join(content, '2020/photo.png'));
    await photo(300);
    const text = '---\ntitle: Photo\ndate: 2020-01-02\nsource: { name: Example }\n---\n\n![A photo](./photo.png)\n';
    const sources = new Map([['2020/photo.md', text], ['2020/plain.md', text.replace('![A photo](./photo.png)', 'Text.')]]);
    const renders: string[][] = [];
    const render: typeof renderAll = (jobs, options) => {
      renders.push(jobs.map((j) => path.basename(j.filePath)));
      return renderAll(jobs, options);
    };
    const { context } = fakeLoaderContext({ root });
    const loader = renderingLoader(content, () => sources, render);
    await loader.load(context);
    await loader.load(context);
    await photo(500);
    await loader.load(context);
    assert.deepEqual(renders, [['photo.md', 'plain.md'], [], ['photo.md']]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
