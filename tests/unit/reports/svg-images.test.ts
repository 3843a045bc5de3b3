/**
 * A local SVG image is published as a file of the site (Astro copies it into `_astro/` as it is),
 * and an SVG opened by its own URL is a document of the site's origin: a `<script>` in it runs
 * wherever no CSP header is sent (GitHub Pages: the page's CSP meta element does not cover it).
 * So an SVG that holds anything active fails the build, naming the report and the image.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { activeSvgContent } from '../../../src/reports/local-images.ts';
import { renderingLoader, strictLoader } from '../../../src/reports/reports-loader.ts';
import { fakeLoaderContext } from '../../support/loader-context.ts';

const svg = (inner: string, prolog = '') => `${prolog}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">${inner}</svg>`;

test('an SVG with a script, an event handler, a script link, foreign content or a DTD is active', () => {
  const active: [string, RegExp][] = [
    [svg('<script>alert(document.domain)</script>'), /<script>/],
    [svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>'), /<script>/],
    [svg('<SCRIPT>alert(1)</SCRIPT>'), /<script>/],
    [svg('<rect width="10" height="10" onload="alert(1)"/>'), /onload/],
    [svg('<rect ONCLICK="alert(1)"/>'), /onclick/i],
    [svg('<a href="javascript:alert(1)"><text>x</text></a>'), /javascript:/],
    [svg('<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a>'), /javascript:/],
    [svg('<a href=" java\tscript:alert(1)"><text>x</text></a>'), /javascript:/],
    [svg('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>x</text></a>'), /data:/],
    [svg('<a xml:base="javascript:alert(1)//" href=""><text>x</text></a>'), /javascript:/],
    [svg('<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'), /<set> that changes "href"/],
    [svg('<foreignObject><iframe src="x"></iframe></foreignObject>'), /<foreignobject>/i],
    [svg('<text>&x;</text>', '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>'), /DOCTYPE/],
    [svg('', '<?xml-stylesheet type="text/xsl" href="x.xsl"?>'), /processing instruction/],
    [svg('<rect onclick="&#27;[2J"/>'), /onclick.*\\u001b\[2J/],
  ];
  for (const [text, why] of active) assert.match(activeSvgContent(text) ?? '(none)', why, text);
  assert.doesNotMatch(activeSvgContent(svg('<rect on\u001b[2J="&#27;[1A"/>')) ?? '', /[\u0000-\u001F]/, 'nothing in the message acts on a terminal');
});

test('an SVG in UTF-16 is checked as the browser reads it: its script is found, not hidden by a wrong decoding', () => {
  // Read as UTF-8, UTF-16 text is NULs between the letters and holds no element at all, while a
  // browser decodes it by its byte-order mark and runs the script.
  const script = svg('<script>alert(document.domain)</script>');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script, 'utf16le')]);
  const be = Buffer.from(le.toString('utf16le'), 'utf16le').swap16();
  for (const bytes of [le, be]) assert.match(activeSvgContent(bytes) ?? '(none)', /<script>|not UTF-8/);
  assert.match(activeSvgContent(Buffer.from(`\u0000${svg('')}`)) ?? '(none)', /not UTF-8/, 'a NUL byte: not text a browser reads as UTF-8');
  assert.equal(activeSvgContent(Buffer.from(`\ufeff${svg('<rect/>')}`)), undefined, 'a UTF-8 byte-order mark is fine');
});

test('an ordinary SVG chart is not active', () => {
  const chart = svg(
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
      '<style>.bar { fill: url(#g); }</style><rect class="bar" width="5" height="10"/>' +
      '<use href="#g"/><use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>' +
      '<a href="https://example.org/source"><text>Source</text></a><![CDATA[ text ]]><!-- a comment -->',
    '<?xml version="1.0" encoding="UTF-8"?>',
  );
  assert.equal(activeSvgContent(chart), undefined);
});

let scratch: string;
let content: string;
before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'svg-images-'));
  content = path.join(scratch, 'content', 'news');
  await mkdir(path.join(content, '2020'), { recursive: true });
});
after(() => rm(scratch, { recursive: true, force: true }));

const fakeContext = (logged: string[]) => fakeLoaderContext({ root: scratch, logged, parseData: async ({ data }) => data });

test('a report linking an active SVG fails the load, naming the report and the image, also when only the SVG changed', async () => {
  const report = '---\ntitle: Chart\ndate: 2020-01-02\nsource: { name: Example }\n---\n\nA chart: ![chart](./chart.svg)\n';
  const sources = new Map([['2020/chart.md', report]]);
  await writeFile(path.join(content, '2020', 'chart.svg'), svg('<rect width="10" height="10"/>'));
  const logged: string[] = [];
  const { context, entries } = fakeContext(logged);
  const loader = strictLoader(renderingLoader(content, () => sources), async () => {});
  await loader.load(context);
  assert.deepEqual(logged, []);
  assert.equal(entries.has('2020/chart'), true);

  // The report is unchanged (its entry is reused), but the image it links now holds a script.
  await writeFile(path.join(content, '2020', 'chart.svg'), svg('<script>alert(document.domain)</script>'));
  await assert.rejects(loader.load(context), /1 report\(s\) could not be read or rendered/);
  assert.match(logged[0] ?? '', /^2020\/chart\.md: the image "\.\/chart\.svg" holds active content \(a <script> element\)/);
  assert.match(logged[0] ?? '', /PNG/);

  // Astro names the published file by what it holds, not by its name: SVG in a .png is published
  // as /_astro/scan.<hash>.svg, and opened by its URL it runs. PNG bytes are not read as SVG.
  logged.length = 0;
  const disguised = new Map([['2020/scan.md', report.replace('Chart', 'Scan').replace('./chart.svg', './scan.png')]]);
  await writeFile(path.join(content, '2020', 'scan.png'), svg('<script>alert(document.domain)</script>'));
  await assert.rejects(strictLoader(renderingLoader(content, () => disguised), async () => {}).load(fakeContext(logged).context), /could not be read or rendered/);
  assert.match(logged[0] ?? '', /^2020\/scan\.md: the image "\.\/scan\.png" holds active content \(a <script> element\)/);
  logged.length = 0;
  await writeFile(path.join(content, '2020', 'scan.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  await strictLoader(renderingLoader(content, () => disguised), async () => {}).load(fakeContext(logged).context);
  assert.deepEqual(logged, []);

  logged.length = 0;
  sources.set('2020/chart.md', `${report}\nEdited.\n`);
  await assert.rejects(loader.load(fakeContext(logged).context), /could not be read or rendered/);
  assert.match(logged[0] ?? '', /^2020\/chart\.md: the image "\.\/chart\.svg" holds active content/);
});
